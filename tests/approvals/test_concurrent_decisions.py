"""P7: two deciders at the same moment, or a double click, make exactly one decision."""

import threading

import pytest
from django.db import connection, connections

from accounts.roles import Role
from approvals.models import Decision, Outcome, Route
from approvals.services import AlreadyDecided, route_decide
from proposals.services import proposal_submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs this there"
)
def test_two_heads_of_service_deciding_at_once_make_one_decision(people, make_proposal):
    second_head = UserFactory(
        username="deputy", role=Role.HEAD_OF_SERVICE, service=people["service"]
    )
    proposal_submit(make_proposal().pk, actor=people["officer"])
    route = Route.objects.get()
    start = threading.Barrier(2)
    outcomes = []

    def decide(actor, outcome):
        start.wait()
        try:
            route_decide(route.pk, 0, outcome, f"{actor.username} decides", actor=actor)
            outcomes.append(("decided", actor.username))
        except AlreadyDecided:
            outcomes.append(("told", actor.username))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(people["head"], Outcome.APPROVED)),
        threading.Thread(target=decide, args=(second_head, Outcome.REJECTED)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(kind for kind, _ in outcomes) == ["decided", "told"]
    decision = Decision.objects.get()
    winner = next(name for kind, name in outcomes if kind == "decided")
    assert decision.comment == f"{winner} decides"
    route.refresh_from_db()
    assert route.current_step == (1 if decision.outcome == Outcome.APPROVED else 0)


def test_a_double_clicked_decision_is_recorded_once(people, make_proposal, client):
    proposal_submit(make_proposal().pk, actor=people["officer"])
    route = Route.objects.get()
    client.force_login(people["head"])
    data = {"step_index": "0", "outcome": "approved", "comment": "Agreed"}
    first = client.post(f"/register/routes/{route.pk}/decide/", data)
    second = client.post(f"/register/routes/{route.pk}/decide/", data)
    assert first.status_code == 302
    assert second.status_code == 302
    assert Decision.objects.count() == 1
    page = client.get(second["Location"]).content.decode()
    assert f"This step has already been decided by {people['head'].display_name}" in page


@pytest.mark.parametrize("who", ["officer", "other_head", "keeper", "smt", "clerk", "auditor",
                                 "member", "admin"])  # fmt: skip
def test_a_role_that_does_not_hold_the_step_gets_403_whatever_it_posts(
    people, make_proposal, client, who
):
    proposal_submit(make_proposal().pk, actor=people["officer"])
    route = Route.objects.get()
    client.force_login(people[who])
    response = client.post(
        f"/register/routes/{route.pk}/decide/",
        {"step_index": "0", "outcome": "approved", "comment": "I approve"},
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_posting_to_a_later_step_fails(people, make_proposal, client):
    proposal_submit(make_proposal().pk, actor=people["officer"])
    route = Route.objects.get()
    client.force_login(people["head"])
    response = client.post(
        f"/register/routes/{route.pk}/decide/",
        {"step_index": "2", "outcome": "approved", "comment": "Skip ahead"},
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("steps_done", "holder"),
    [(1, "keeper"), (2, "clerk"), (3, "clerk")],
    ids=["keeper", "smt", "cabinet"],
)
def test_only_the_holder_of_each_later_step_may_decide_it(people, make_proposal, client,
                                                          steps_done, holder):  # fmt: skip
    proposal_submit(make_proposal().pk, actor=people["officer"])
    route = Route.objects.get()
    deciders = ["head", "keeper", "clerk"]
    for index in range(steps_done):
        meeting = {"meeting_date": "2026-11-03", "minute_reference": "M1"} if index >= 2 else {}
        route_decide(
            route.pk, index, Outcome.APPROVED, "Yes", **meeting, actor=people[deciders[index]]
        )
    for who in ["officer", "head", "other_head", "keeper", "smt", "clerk", "auditor", "member",
                "admin"]:  # fmt: skip
        if who == holder:
            continue
        client.force_login(people[who])
        response = client.post(
            f"/register/routes/{route.pk}/decide/",
            {"step_index": str(steps_done), "outcome": "approved", "comment": "Mine to decide",
             "meeting_date_0": "3", "meeting_date_1": "11", "meeting_date_2": "2026",
             "minute_reference": "X1"},
        )  # fmt: skip
        assert response.status_code == 403, who
    assert Decision.objects.count() == steps_done
