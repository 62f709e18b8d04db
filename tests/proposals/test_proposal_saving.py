"""A proposal page's "Save and come back later" saves whatever was entered, even with
required answers missing; "Save and continue" checks the page."""

import pytest

from accounts.services import policy_apply_preset
from proposals.models import Proposal
from proposals.services import proposal_start


@pytest.fixture
def draft(people):
    policy_apply_preset("south-derbyshire")
    return proposal_start("Swadlincote Town Team", people["service"], actor=people["officer"])


def _url(proposal, page=""):
    return f"/register/proposals/{proposal.pk}/" + (f"{page}/" if page else "")


def test_save_and_come_back_later_saves_an_incomplete_page(people, draft, client):
    client.force_login(people["officer"])
    typed = {"alternative_existing": "No existing partnership covers the town centre."}
    response = client.post(_url(draft, "alternatives"), {**typed, "action": "later"})
    assert response["Location"] == _url(draft)
    proposal = Proposal.objects.get(pk=draft.pk)
    assert proposal.alternative_existing == typed["alternative_existing"]


def test_save_and_continue_checks_the_page(people, draft, client):
    client.force_login(people["officer"])
    typed = {"alternative_existing": "No existing partnership covers the town centre."}
    response = client.post(_url(draft, "alternatives"), {**typed, "action": "continue"})
    assert response.status_code == 200
    assert "Say whether a contract would be better" in response.content.decode()
    assert Proposal.objects.get(pk=draft.pk).alternative_existing == ""


def test_the_check_page_shows_missing_answers_as_rows_with_enter_links(people, draft, client):
    client.force_login(people["officer"])
    page = client.get(_url(draft, "check")).content.decode()
    alternatives = (
        f'class="govuk-link app-missing-answer" href="{_url(draft, "alternatives")}?check=1"'
    )
    assert f"{alternatives}>Enter an answer" in page
    purpose = f'class="govuk-link app-missing-answer" href="{_url(draft, "purpose")}?check=1"'
    assert f"{purpose}>Enter main purpose</a>" in page
