"""Evaluations (A6) travel their own route; the accepted evaluation of an exiting partnership
ceases it (V7), and a ceased partnership stays searchable with its history."""

from approvals.models import Route
from assessments.loader import load_forms
from assessments.models import FormState
from assessments.services import form_save_answers, form_start, form_submit
from partnerships.models import Partnership, Status
from tests.approvals.conftest import answer_everything

from .conftest import (
    accept_evaluation,
    approve_withdrawal,
    decide_every_step,
    submit_evaluation,
    withdraw,
)


def exiting(people, partnership):
    approve_withdrawal(withdraw(people["officer"], partnership), people)
    partnership.refresh_from_db()
    assert partnership.status == Status.EXITING
    return partnership


def test_it_sends_the_policy_evaluation_form_along_the_evaluation_route(people, partnership):
    form = submit_evaluation(people["officer"], partnership)
    route = Route.objects.of(form, "evaluation")
    assert route is not None and form.route_kind == "evaluation"
    assert Route.objects.of(form, "assessment") is None
    # South Derbyshire: the Head of Corporate Services, then SMT.
    assert [step["key"] for step in route.steps] == ["register_keeper", "smt"]


def test_it_still_sends_an_assessment_along_the_assessment_route(people, partnership):
    load_forms()
    form = form_start(partnership, "south-derbyshire-assessment", actor=people["officer"])
    form_save_answers(form.pk, answer_everything(form), actor=people["officer"])
    form_submit(form.pk, actor=people["officer"])
    assert Route.objects.of(form, "assessment") is not None
    assert Route.objects.of(form, "evaluation") is None


def test_it_ceases_an_exiting_partnership_when_its_cessation_evaluation_is_accepted(
    people, partnership
):
    exiting(people, partnership)
    form = submit_evaluation(people["officer"], partnership)
    partnership.refresh_from_db()
    assert partnership.status == Status.EXITING  # not until it is accepted
    accept_evaluation(form, people)
    partnership.refresh_from_db()
    form.refresh_from_db()
    assert form.state == FormState.SIGNED_OFF
    assert partnership.status == Status.CEASED
    latest = partnership.history.first()
    assert (latest.status, latest.history_user) == (Status.CEASED, people["clerk"])
    assert latest.history_change_reason == f"Cessation evaluation {form.pk} accepted"


def test_it_leaves_an_exiting_partnership_when_its_evaluation_is_returned(people, partnership):
    exiting(people, partnership)
    form = submit_evaluation(people["officer"], partnership)
    decide_every_step(form, "evaluation", people, outcome="returned")
    partnership.refresh_from_db()
    assert partnership.status == Status.EXITING


def test_it_ceases_nothing_when_an_evaluation_at_review_is_accepted(people, partnership):
    form = submit_evaluation(people["officer"], partnership)
    accept_evaluation(form, people)
    partnership.refresh_from_db()
    form.refresh_from_db()
    assert form.state == FormState.SIGNED_OFF
    assert partnership.status == Status.ACTIVE
    assert not partnership.history.filter(status=Status.CEASED).exists()


def test_it_keeps_a_ceased_partnership_searchable_with_its_whole_history(
    people, partnership, client
):
    exiting(people, partnership)
    accept_evaluation(submit_evaluation(people["officer"], partnership), people)
    client.force_login(people["officer"])

    def found(**query):
        response = client.get("/register/", {"q": "Community Safety", **query})
        return [p.name for p in response.context["page"].object_list]

    assert found() == []  # out of the current register
    assert found(status="all") == ["Community Safety Partnership"]
    assert found(status="ceased") == ["Community Safety Partnership"]
    assert client.get(partnership.get_absolute_url()).status_code == 200
    statuses = list(
        Partnership.history.filter(id=partnership.pk)
        .order_by("history_date", "history_id")
        .values_list("status", flat=True)
    )
    assert statuses[-2:] == [Status.EXITING, Status.CEASED]
    client.force_login(people["keeper"])
    body = client.get(f"/register/{partnership.pk}/history/").content.decode()
    assert "Ceased" in body and "Exiting" in body
