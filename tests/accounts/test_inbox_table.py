"""The inbox's table (P6) against the records it is worked out from: after a day of work
through the services, the check finds no difference; it reports and repairs what it finds."""

import datetime
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.inbox import count_for, differences, refresh_due_tasks, tasks_for
from accounts.models import Task
from accounts.policy import Policy
from approvals.models import Outcome, Route, RouteState
from approvals.services import route_decide
from assessments.loader import load_forms
from assessments.models import Action
from assessments.services import action_save, form_save_answers, form_start
from audits import services as audits
from partnerships.models import Partnership, Status, Tier
from partnerships.services import partnership_update
from proposals.models import Proposal
from proposals.services import proposal_submit
from register_review.models import Outcome as EntryOutcome
from register_review.services import entry_confirm, review_open
from reports.services import cabinet_entry_save, cabinet_report_open
from reviews.models import Review
from reviews.services import review_bring_forward, reviews_plan_all
from tests.approvals.conftest import answer_everything, make_proposal, people  # noqa: F401
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

WRITTEN = {
    "performance": "Visits up 6% against a target of 4%.",
    "emerging_issues": "None.",
    "on_budget": "yes",
    "partner_strength": "Sound.",
    "changes": "None.",
}


def consistent():
    found = differences()
    assert found == [], "\n".join(map(str, found))
    return True


def kinds(user):
    return [task.kind for task in tasks_for(user)]


def decide_all(route, actor_for, outcome=Outcome.APPROVED):
    route.refresh_from_db()
    while route.state == RouteState.IN_PROGRESS:
        step = route.steps[route.current_step]
        # A committee's step is the clerk's record of its meeting.
        meeting = (
            {"meeting_date": timezone.localdate(), "minute_reference": "SMT/2026/41"}
            if step["committee"]
            else {}
        )
        route_decide(
            route.pk, route.current_step, outcome, "Agreed", **meeting, actor=actor_for(route)
        )
        route.refresh_from_db()


def test_it_keeps_the_table_to_the_records_through_a_day_of_work(people, make_proposal):  # noqa: F811
    officer, head, keeper = people["officer"], people["head"], people["keeper"]
    holders = {"head_of_service": head, "register_keeper": keeper, "clerk": people["clerk"]}

    # A proposal drafted waits for its proposer; submitted, for the proposer's Head of Service.
    proposal = make_proposal("standard")
    assert kinds(officer) == ["Draft"] and consistent()
    proposal_submit(proposal.pk, actor=officer)
    route = Route.objects.get()
    assert kinds(officer) == [] and kinds(head) == ["Decision"]
    assert kinds(people["other_head"]) == []
    assert consistent()

    # Returned, it waits for the proposer again; sent again, for the first step.
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed", actor=head)
    assert kinds(head) == [] and kinds(keeper) == ["Decision"] and consistent()
    route_decide(route.pk, 1, Outcome.RETURNED, "Add the risks", actor=keeper)
    assert kinds(officer) == ["Returned to you"] and kinds(keeper) == [] and consistent()
    proposal_submit(proposal.pk, actor=officer)
    assert kinds(officer) == [] and kinds(head) == ["Decision"] and consistent()
    decide_all(route, lambda r: holders[r.current_holder])
    assert Proposal.objects.get().state == "approved"
    assert count_for(officer) == count_for(head) == 0 and consistent()

    # The new partnership's review is planned, comes due with the days, and is brought
    # forward; the keeper hears of it once it is overdue across the register.
    partnership = Partnership.objects.get(pk=proposal.partnership_id)
    partnership_update(partnership.pk, partnership.version, sponsor=head, actor=keeper)
    reviews_plan_all()
    review = Review.objects.get(partnership=partnership)
    assert consistent()
    Review.objects.filter(pk=review.pk).update(due=timezone.localdate() + timedelta(days=20))
    assert refresh_due_tasks() == 2  # the lead officer's and the sponsor's
    assert refresh_due_tasks() == 0  # a second run the same day changes nothing
    assert kinds(officer) == ["Review due"] and consistent()
    review_bring_forward(review.pk, timezone.localdate() + timedelta(days=5), "Cuts", actor=keeper)
    assert consistent()
    Review.objects.filter(pk=review.pk).update(due=timezone.localdate() - timedelta(days=1))
    refresh_due_tasks()
    assert kinds(head) == ["Overdue review"] and kinds(keeper) == ["Overdue reviews"]
    assert consistent()

    # An assessment's action going overdue, for its owner and the keeper.
    load_forms()
    form = form_start(partnership, Policy.current().assessment_form, actor=officer)
    form_save_answers(form.pk, answer_everything(form), actor=officer)
    action = action_save(
        form.pk,
        Action(description="Refresh the terms", owner=officer, deadline=timezone.localdate()),
        actor=officer,
    )
    assert "Overdue action" not in kinds(officer) and consistent()
    Action.objects.filter(pk=action.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    call_command("open_due_tasks")  # the next day's run
    assert "Overdue action" in kinds(officer) and "Overdue action" in kinds(keeper)
    assert consistent()

    # An audit follow-up action, done the same day.
    spot_check = audits.spot_check_draw(
        "Quarter 3", 1, {"status": "current"}, 1, actor=people["auditor"]
    )
    finding = audits.finding_add(
        spot_check.pk, "No terms", "high", partnership, actor=people["auditor"]
    )
    followed = audits.action_add(
        finding.pk, "Obtain the terms", officer, datetime.date(2020, 1, 1), actor=people["auditor"]
    )
    assert "Overdue audit action" in kinds(officer) and consistent()
    audits.action_update(followed.pk, "done", "Sent", actor=officer)
    assert "Overdue audit action" not in kinds(officer) and consistent()

    # The register review: the lead officer's entry, and the one nobody leads for the keeper.
    PartnershipFactory(name="Village Halls Network", status=Status.ACTIVE, lead_officer=None)
    register_review = review_open(2026, datetime.date(2026, 6, 30), actor=keeper)
    assert "Register review" in kinds(officer) and "Register review" in kinds(keeper)
    assert consistent()
    entry = register_review.entries.get(partnership=partnership)
    entry_confirm(entry.pk, EntryOutcome.CONFIRMED, actor=officer)
    assert "Register review" not in kinds(officer) and consistent()

    # A performance report (Chorley's to Cabinet): written by the lead officer, assembled by
    # the keeper, for a key partnership marked for additional monitoring.
    partnership.refresh_from_db()
    partnership_update(partnership.pk, partnership.version, tier=Tier.SIGNIFICANT,
                       additional_monitoring_required=True, actor=keeper)  # fmt: skip
    report = cabinet_report_open(
        datetime.date(2026, 4, 1), datetime.date(2026, 9, 30), actor=keeper
    )
    assert "Performance report" in kinds(officer) and consistent()
    written = report.entries.get(partnership=partnership)
    cabinet_entry_save(written.pk, written.version, **WRITTEN, actor=officer)
    assert "Performance report" not in kinds(officer) and consistent()

    # A handover: the partnership's tasks follow its new lead officer.
    partnership.refresh_from_db()
    partnership_update(partnership.pk, partnership.version, lead_officer=head, actor=keeper)
    assert "Overdue review" in kinds(head) and consistent()
    # Closing keeps the row: the table is its own history.
    assert Task.objects.filter(closed_at__isnull=False).count() >= 8
    call_command("check_inbox")


def test_it_reports_and_repairs_what_was_changed_behind_its_back(people, make_proposal):  # noqa: F811
    proposal = proposal_submit(make_proposal().pk, actor=people["officer"])
    draft = make_proposal()
    Task.objects.filter(kind="Decision").update(title="Something else")
    Task.objects.filter(kind="Draft").delete()
    Task.objects.create(
        kind="Draft", title="Gone", url="/", since=timezone.now(), person=people["head"],
        subject=proposal, key="proposer", opened_at=timezone.now(),
    )  # fmt: skip
    found = {(d.what, d.key) for d in differences()}
    assert found == {("changed", "decide"), ("missing", "proposer"), ("extra", "proposer")}
    with pytest.raises(CommandError, match="3 differences"):
        call_command("check_inbox")
    call_command("check_inbox", "--repair")
    assert differences() == []
    assert [t.title for t in tasks_for(people["officer"])] == [draft.route_title]
    assert Task.objects.filter(title="Gone", closed_at__isnull=False).exists()


def test_it_pages_a_long_inbox_oldest_first(people, make_proposal, client):  # noqa: F811
    proposal = make_proposal()
    start = timezone.now() - timedelta(days=100)
    for n in range(51):
        Task.objects.create(
            kind="Draft", title=f"Task {n:02d}", url="/", since=start + timedelta(hours=n),
            person=people["head"], subject=proposal, key=f"k{n}", opened_at=start,
        )  # fmt: skip
    client.force_login(people["head"])
    first = client.get("/")
    assert [t.title for t in first.context["tasks"]][:2] == ["Task 00", "Task 01"]
    assert len(first.context["tasks"]) == 50
    assert 'aria-label="Page 2"' in first.content.decode()
    assert '51<span class="govuk-visually-hidden"> tasks waiting' in first.content.decode()
    assert [t.title for t in client.get("/", {"page": 2}).context["tasks"]] == ["Task 50"]
