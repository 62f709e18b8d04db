"""Task inbox and email notifications (P6)."""

import datetime

import pytest
from django.db import transaction

from approvals.models import Outcome, Route
from approvals.services import route_decide
from proposals.services import proposal_submit
from tests.budgets import INBOX_QUERIES

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_head_of_service_is_emailed_once_after_the_proposal_is_submitted(
    people, make_proposal, mailoutbox
):
    proposal = make_proposal()
    proposal_submit(proposal.pk, actor=people["officer"])
    assert [m.to for m in mailoutbox] == [["head@example.org"]]
    message = mailoutbox[0]
    assert "Community Safety Partnership is waiting for your decision" in message.subject
    assert f"/register/proposals/{proposal.pk}/" in message.body


def test_nothing_is_sent_when_the_transaction_rolls_back(people, make_proposal, mailoutbox):
    proposal = make_proposal()
    with pytest.raises(RuntimeError), transaction.atomic():
        proposal_submit(proposal.pk, actor=people["officer"])
        raise RuntimeError("something later in the same request failed")
    assert mailoutbox == []
    assert not Route.objects.exists()


def test_the_proposer_is_told_of_the_outcome_and_the_next_holder_of_their_turn(
    people, make_proposal, mailoutbox
):
    proposal = proposal_submit(make_proposal("standard").pk, actor=people["officer"])
    route = Route.objects.get()
    mailoutbox.clear()
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed", actor=people["head"])
    assert [m.to for m in mailoutbox] == [["keeper@example.org"]]
    mailoutbox.clear()
    route_decide(route.pk, 1, Outcome.APPROVED, "Added to the register", actor=people["keeper"])
    # The SMT step is the clerk's to record from the meeting.
    assert [m.to for m in mailoutbox] == [["clerk@example.org"]]
    mailoutbox.clear()
    smt_meeting = {"meeting_date": datetime.date(2026, 11, 3), "minute_reference": "SMT/2026/41"}
    route_decide(route.pk, 2, Outcome.APPROVED, "Endorsed", **smt_meeting, actor=people["clerk"])
    assert [m.to for m in mailoutbox] == [["officer@example.org"]]
    assert "approve at" in mailoutbox[0].subject.lower()
    assert proposal.partnership.name in mailoutbox[0].subject


def test_each_person_sees_what_waits_for_them_oldest_first(people, make_proposal, client):
    first = proposal_submit(make_proposal().pk, actor=people["officer"])
    draft = make_proposal()
    client.force_login(people["head"])
    page = client.get("/").content.decode()
    assert "Waiting for your decision" in page
    assert first.route_title in page
    assert "task waiting</span>" in page  # the count in the navigation

    client.force_login(people["officer"])
    tasks = client.get("/").context["tasks"]
    assert [(t.kind, t.url) for t in tasks] == [("Draft", draft.get_absolute_url())]

    client.force_login(people["other_head"])
    assert "Nothing is waiting for you." in client.get("/").content.decode()


def test_a_returned_proposal_waits_for_its_proposer(people, make_proposal, client):
    proposal = proposal_submit(make_proposal().pk, actor=people["officer"])
    route_decide(Route.objects.get().pk, 0, Outcome.RETURNED, "Add the risks", actor=people["head"])
    client.force_login(people["officer"])
    tasks = client.get("/").context["tasks"]
    assert [(t.kind, t.title) for t in tasks] == [("Returned to you", proposal.route_title)]


@pytest.mark.parametrize("waiting", [1, 8])
def test_the_home_page_query_count_does_not_grow_with_tasks(
    waiting, people, make_proposal, client, django_assert_max_num_queries
):
    for _ in range(waiting):
        proposal_submit(make_proposal().pk, actor=people["officer"])
    client.force_login(people["head"])
    client.get("/")
    with django_assert_max_num_queries(6 + INBOX_QUERIES):
        response = client.get("/")
    assert len(response.context["tasks"]) == waiting


def test_the_register_keeper_sees_significant_changes_waiting(people, client):
    from changes import services as changes
    from tests.factories import PartnershipFactory

    partnership = PartnershipFactory(name="Select Move", lead_officer=people["officer"])
    changes.partnership_update_or_hold(
        partnership.pk,
        partnership.version,
        change_reason="The scheme now covers three boroughs",
        remit="A sub-regional lettings scheme for three boroughs",
        actor=people["officer"],
    )
    client.force_login(people["keeper"])
    tasks = client.get("/").context["tasks"]
    assert [(t.kind, t.title) for t in tasks] == [
        ("Significant change", f"Select Move: asked for by {people['officer'].display_name}")
    ]
