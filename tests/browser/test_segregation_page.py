# ruff: noqa: F811 (the fixtures are imported from the tests they come from)
"""The decision page tells a Head of Service why they cannot decide their own proposal
(segregation of duties), in a real browser, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from approvals.models import Route
from proposals.services import proposal_submit
from tests.approvals.conftest import make_proposal, people  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JOURNEY = "a decision that someone else must take"


def test_it_explains_why_the_proposer_may_not_decide(
    page,
    live_server,
    sign_in,
    check_accessible,
    people,
    make_proposal,
):
    proposal = make_proposal("standard", proposer="head")
    proposal_submit(proposal.pk, actor=people["head"])
    route = Route.objects.get(subject_id=proposal.pk, kind="proposal")
    sign_in(page, people["head"])
    page.goto(f"{live_server.url}/register/routes/{route.pk}/decide/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Someone else must decide this step")
    expect(page.get_by_text("nobody approves their own proposal")).to_be_visible()
    expect(page.get_by_role("button", name="Record the decision")).to_have_count(0)
    check_accessible(page)
