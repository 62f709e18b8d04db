"""What a committee returns waits in its owner's inbox (issue 11): South Derbyshire's register
review report, Chorley's performance report and Melton's completed review each give the
person who sent it a task, worded with the council's own committee, until it is sent again."""

from datetime import date

import pytest

from accounts.inbox import differences, tasks_for
from accounts.models import Task
from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Outcome, Route
from register_review.services import review_close, review_open, review_send_again
from reports.services import (
    cabinet_entry_save,
    cabinet_report_close,
    cabinet_report_open,
    cabinet_report_send_again,
)
from reviews.services import ROUTE_KIND as REVIEW_ROUTE
from reviews.services import review_complete, review_plan
from reviews.services import review_send_again as completed_review_send_again
from tests.approvals.conftest import clerk_decides
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory
from tests.reviews.conftest import submitted_form

pytestmark = pytest.mark.django_db


def register_review_report():
    policy_apply_preset("south-derbyshire")
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    PartnershipFactory(name="Active Derbyshire")
    review = review_open(2026, date(2026, 6, 30), actor=keeper)
    review = review_close(review.pk, accept_outstanding=True, actor=keeper)
    return {
        "subject": review,
        "route": Route.objects.of(review, "register_review"),
        "owner": keeper,
        "send_again": lambda: review_send_again(review.pk, actor=keeper),
    }


def performance_report():
    policy_apply_preset("chorley")
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    PartnershipFactory(
        name="Leisure contract", tier="significant", additional_monitoring_required=True
    )
    report = cabinet_report_open(date(2026, 4, 1), date(2026, 9, 30), actor=keeper)
    for entry in report.entries.all():
        cabinet_entry_save(entry.pk, entry.version, performance="Visits up 6%.",
                           emerging_issues="None.", on_budget="yes", partner_strength="Sound.",
                           changes="None.", actor=keeper)  # fmt: skip
    report = cabinet_report_close(report.pk, actor=keeper)
    return {
        "subject": report,
        "route": Route.objects.of(report, "cabinet_report"),
        "owner": keeper,
        "send_again": lambda: cabinet_report_send_again(
            report.pk, "The budget is now in the entry.", actor=keeper
        ),
    }


def completed_review():
    policy_apply_preset("melton")
    leisure = ServiceFactory(name="Leisure")
    lead = UserFactory(username="lead", role=Role.OFFICER, service=leisure)
    partnership = PartnershipFactory(name="Leisure Trust", lead_service=leisure, lead_officer=lead)
    review, _next = review_complete(
        review_plan(partnership).pk,
        assessment=submitted_form(lead, partnership, Policy.current().assessment_form),
        register_confirmed=True,
        conclusions="Still relevant: stay in.",
        actor=lead,
    )
    return {
        "subject": review,
        "route": Route.objects.of(review, REVIEW_ROUTE),
        "owner": lead,
        "send_again": lambda: completed_review_send_again(
            review.pk, "Still relevant; it costs £40,000 a year.", actor=lead
        ),
    }


SUBJECTS = [register_review_report, performance_report, completed_review]


@pytest.fixture
def clerk(db):
    return UserFactory(username="clerk", role=Role.CLERK)


def returned(tasks):
    return [task for task in tasks if task.kind == "Returned to you"]


def no_differences():
    found = differences()
    assert found == [], "\n".join(map(str, found))
    return True


@pytest.mark.parametrize("made", SUBJECTS, ids=lambda made: made.__name__)
def test_it_asks_the_owner_alone_to_send_again_what_a_committee_returned(made, clerk):
    made = made()
    subject, route, owner = made["subject"], made["route"], made["owner"]
    others = [clerk, UserFactory(username="other_keeper", role=Role.REGISTER_KEEPER)]
    assert returned(tasks_for(owner)) == []

    clerk_decides(route, Outcome.RETURNED, clerk, 3, "C/2026/12", "Say what it costs.")
    committee = route.steps[0]["label"]
    [task] = returned(tasks_for(owner))
    assert task.title == subject.route_title
    assert task.url == subject.route_send_again_url
    assert task.detail == f"Returned by {committee}: amend it and send it again"
    assert task.person_id == owner.pk
    for other in others:
        assert returned(tasks_for(other)) == []
    assert no_differences()

    made["send_again"]()
    assert returned(tasks_for(owner)) == []
    # The row is kept, closed, as the history of what waited for them.
    assert Task.objects.filter(key="send-again", closed_at__isnull=False).count() == 1
    assert no_differences()


def test_it_names_the_committee_that_returned_it_of_two(clerk):
    # South Derbyshire's report goes to SMT, then to Leading Members: the later returns it.
    made = register_review_report()
    route, keeper = made["route"], made["owner"]
    clerk_decides(route, Outcome.APPROVED, clerk, 10, "SMT/2026/12")
    clerk_decides(route, Outcome.RETURNED, clerk, 3, "LM/2026/4", "Add the leisure trust.")
    leading_members = Policy.current().members_body
    [task] = returned(tasks_for(keeper))
    assert task.detail == f"Returned by {leading_members}: amend it and send it again"
    assert leading_members != Policy.current().committee_label("smt")
    assert no_differences()


def test_it_asks_again_when_a_committee_returns_it_a_second_time(clerk):
    made = performance_report()
    route, keeper = made["route"], made["owner"]
    clerk_decides(route, Outcome.RETURNED, clerk, 10, "EC/2026/31", "Say what the budget is.")
    made["send_again"]()
    clerk_decides(route, Outcome.RETURNED, clerk, 3, "EC/2026/40", "And the partners' shares.")
    assert len(returned(tasks_for(keeper))) == 1
    assert Task.objects.filter(key="send-again").count() == 2
    assert no_differences()


@pytest.mark.parametrize("outcome", [Outcome.APPROVED, Outcome.REJECTED])
def test_it_gives_nothing_to_send_again_once_a_committee_approves_or_rejects(outcome, clerk):
    made = completed_review()
    clerk_decides(made["route"], outcome, clerk, 3, "PFA/2026/18")
    assert returned(tasks_for(made["owner"])) == []
    assert no_differences()


def test_the_check_finds_and_repairs_a_missing_task_to_send_again(clerk):
    made = register_review_report()
    clerk_decides(made["route"], Outcome.RETURNED, clerk, 3, "SMT/2026/12", "Add the trust.")
    Task.objects.filter(key="send-again").delete()
    [missing] = differences(repair=True)
    assert missing.what == "missing" and missing.key == "send-again"
    assert len(returned(tasks_for(made["owner"]))) == 1
    assert no_differences()


def test_a_partnership_renamed_renames_the_review_waiting_to_be_sent_again(clerk):
    from partnerships.services import partnership_update

    made = completed_review()
    clerk_decides(made["route"], Outcome.RETURNED, clerk, 3, "PFA/2026/18", "Say what it costs.")
    partnership = made["subject"].partnership
    partnership.refresh_from_db()
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    partnership_update(partnership.pk, partnership.version, name="Melton Leisure Trust",
                       actor=keeper)  # fmt: skip
    [task] = returned(tasks_for(made["owner"]))
    assert "Melton Leisure Trust" in task.title
    assert no_differences()


def test_the_upgrade_opens_the_task_of_what_was_returned_before(clerk):
    from importlib import import_module

    from django.apps import apps

    upgrade = import_module("approvals.migrations.0003_send_again_tasks")
    made = completed_review()
    clerk_decides(made["route"], Outcome.RETURNED, clerk, 3, "PFA/2026/18", "Say what it costs.")
    # As a register returned before the inbox asked for it to be sent again.
    Task.objects.filter(key="send-again").delete()
    upgrade.open_the_tasks_to_send_again(apps, None)
    [task] = returned(tasks_for(made["owner"]))
    assert task.url == made["subject"].route_send_again_url
    upgrade.open_the_tasks_to_send_again(apps, None)
    assert Task.objects.filter(key="send-again").count() == 1
    assert no_differences()


@pytest.mark.parametrize("made", SUBJECTS, ids=lambda made: made.__name__)
def test_the_inbox_shows_it_within_its_query_budget(
    made, clerk, client, django_assert_max_num_queries
):
    from tests.budgets import INBOX_QUERIES

    made = made()
    clerk_decides(made["route"], Outcome.RETURNED, clerk, 3, "C/2026/12", "Say what it costs.")
    client.force_login(made["owner"])
    client.get("/")
    # The budget of a page of decisions: whatever was returned, the page reads one table.
    with django_assert_max_num_queries(6 + INBOX_QUERIES):
        page = client.get("/").content.decode()
    assert made["subject"].route_send_again_url in page
    assert "amend it and send it again" in page
