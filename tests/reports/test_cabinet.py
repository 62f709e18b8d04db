"""The key partnerships report to Cabinet (V5): opened by the register keeper, written by
lead officers, closed and exported."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.inbox import tasks_for
from accounts.roles import Role
from accounts.services import policy_apply_preset
from partnerships.models import Status, Tier
from partnerships.services import partnership_update
from reports.models import CabinetEntry, CabinetReport, CabinetReportState
from reports.periods import add_months
from reports.services import (
    StaleEdit,
    cabinet_entry_save,
    cabinet_report_close,
    cabinet_report_open,
)
from tests.budgets import INBOX_QUERIES, KEEPER_INBOX_QUERIES
from tests.factories import PartnershipFactory, UserFactory
from tests.pdf import pdf_text, words

pytestmark = pytest.mark.django_db

START, END = date(2026, 4, 1), date(2026, 9, 30)
WRITTEN = {
    "performance": "Visits up 6% against a target of 4%.",
    "emerging_issues": "Energy costs above the contract's assumptions.",
    "on_budget": "no",
    "partner_strength": "Sound accounts; trustees unchanged.",
    "changes": "None.",
}


@pytest.fixture
def keeper():
    return UserFactory(username="keeper", role=Role.REGISTER_KEEPER)


@pytest.fixture
def lead():
    return UserFactory(username="lead-officer", role=Role.OFFICER)


# Chorley's Appendix A marks the key partnerships the bi-annual report covers ("additional
# monitoring required"); the others already report to Executive Cabinet their own way.
MONITORED = {"tier": Tier.SIGNIFICANT, "additional_monitoring_required": True}


@pytest.fixture
def key(lead):
    return PartnershipFactory(name="Leisure contract", lead_officer=lead, **MONITORED)


@pytest.fixture
def report(keeper, key):
    PartnershipFactory(name="Golf course", status=Status.EXITING, **MONITORED)
    PartnershipFactory(name="Tenants forum")  # not a key partnership
    PartnershipFactory(name="Old board", status=Status.CEASED, **MONITORED)
    # A key partnership that reports to Executive Cabinet already, as Appendix A says.
    PartnershipFactory(name="Market Walk", tier=Tier.SIGNIFICANT)
    return cabinet_report_open(START, END, actor=keeper)


def entry_of(report, name):
    return report.entries.get(partnership__name=name)


def test_it_opens_a_report_with_an_entry_per_current_key_partnership(report, keeper):
    assert [e.partnership.name for e in report.entries.all()] == ["Golf course", "Leisure contract"]
    assert report.history.get().history_user == keeper
    assert report.period_label == "April to September 2026"


def test_it_fills_in_the_changes_since_the_last_report(report, keeper, key):
    assert "Added partnership ‘Leisure contract’" in entry_of(report, "Leisure contract").changes
    for entry in report.entries.all():
        cabinet_entry_save(entry.pk, entry.version, **WRITTEN, actor=keeper)
    cabinet_report_close(report.pk, actor=keeper)

    key.refresh_from_db()
    partnership_update(key.pk, key.version, meeting_frequency="Monthly", actor=keeper)
    later = cabinet_report_open(date(2026, 10, 1), date(2027, 3, 31), actor=keeper)

    changes = entry_of(later, "Leisure contract").changes
    assert "Changed partnership ‘Leisure contract’ (Meeting frequency)" in changes
    assert "Added" not in changes
    assert entry_of(later, "Golf course").changes == ""


def test_it_emails_each_lead_officer_when_the_report_opens(
    keeper, key, mailoutbox, django_capture_on_commit_callbacks
):
    PartnershipFactory(name="Golf course", tier=Tier.SIGNIFICANT)  # no lead officer to tell
    with django_capture_on_commit_callbacks(execute=True):
        report = cabinet_report_open(START, END, actor=keeper)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["lead-officer@example.org"], "Write the performance report entry for Leisure contract")
    ]
    assert entry_of(report, "Leisure contract").get_absolute_url() in mailoutbox[0].body


def test_it_keeps_one_report_open_at_a_time(report, keeper):
    with pytest.raises(ValidationError):
        cabinet_report_open(date(2026, 10, 1), date(2027, 3, 31), actor=keeper)
    with pytest.raises(PermissionDenied):
        cabinet_report_open(START, END, actor=UserFactory(role=Role.SMT))
    assert CabinetReport.objects.count() == 1


def test_it_lets_the_lead_officer_write_their_entry_and_no_other_officer(report, lead):
    entry = entry_of(report, "Leisure contract")
    with pytest.raises(PermissionDenied):
        cabinet_entry_save(entry.pk, entry.version, **WRITTEN, actor=UserFactory(username="other"))
    with pytest.raises(PermissionDenied):
        cabinet_entry_save(entry_of(report, "Golf course").pk, 1, **WRITTEN, actor=lead)

    written = cabinet_entry_save(entry.pk, entry.version, **WRITTEN, actor=lead)

    assert written.is_written and written.written_by == lead
    assert written.history.latest().history_user == lead


def test_it_refuses_a_stale_save_and_an_incomplete_entry(report, lead):
    entry = entry_of(report, "Leisure contract")
    cabinet_entry_save(entry.pk, entry.version, **WRITTEN, actor=lead)
    with pytest.raises(StaleEdit):
        cabinet_entry_save(entry.pk, entry.version, **WRITTEN, actor=lead)
    with pytest.raises(ValidationError):
        cabinet_entry_save(entry.pk, entry.version + 1, **{**WRITTEN, "on_budget": ""}, actor=lead)


def test_it_closes_only_when_every_entry_is_written_and_then_locks_it(report, keeper, lead):
    entry = entry_of(report, "Leisure contract")
    cabinet_entry_save(entry.pk, entry.version, **WRITTEN, actor=lead)
    with pytest.raises(ValidationError, match="1 entry is still to be written"):
        cabinet_report_close(report.pk, actor=keeper)
    golf = entry_of(report, "Golf course")
    cabinet_entry_save(golf.pk, golf.version, **WRITTEN, actor=keeper)

    closed = cabinet_report_close(report.pk, actor=keeper)

    assert closed.state == CabinetReportState.CLOSED and closed.closed_by == keeper
    with pytest.raises(PermissionDenied):
        cabinet_entry_save(entry.pk, entry.version + 1, **WRITTEN, actor=lead)


def tasks(user):
    """The Cabinet report's tasks among everything in this person's inbox."""
    return [task for task in tasks_for(user) if task.kind == "Performance report"]


def test_it_puts_the_entry_in_the_lead_officers_inbox_until_written(report, keeper, lead):
    entry = entry_of(report, "Leisure contract")
    assert [t.title for t in tasks(lead)] == [
        "Write the performance report entry for Leisure contract"
    ]
    assert [t.detail for t in tasks(keeper)] == ["0 of 2 entries written"]
    cabinet_entry_save(entry.pk, entry.version, **WRITTEN, actor=lead)
    assert tasks(lead) == []
    assert [t.detail for t in tasks(keeper)] == ["1 of 2 entries written"]


def test_it_saves_an_entry_from_the_page_and_shows_errors_without_saving(client, report, lead):
    entry = entry_of(report, "Leisure contract")
    client.force_login(lead)
    url = reverse("reports:cabinet_entry", args=[entry.pk])
    page = client.get(url).content.decode()
    assert "Added partnership ‘Leisure contract’" in page

    response = client.post(url, {"version": entry.version, "performance": "Good"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Say whether contracts are on budget" in response.content.decode()
    assert not CabinetEntry.objects.get(pk=entry.pk).is_written

    response = client.post(url, {"version": entry.version, **WRITTEN})
    assert response.status_code == 302
    assert CabinetEntry.objects.get(pk=entry.pk).performance == WRITTEN["performance"]

    response = client.post(url, {"version": entry.version, **WRITTEN})
    assert "Someone changed this entry since you opened it" in response.content.decode()


def test_it_refuses_the_entry_page_to_another_officer(client, report):
    client.force_login(UserFactory(username="other-officer"))
    entry = entry_of(report, "Leisure contract")
    assert client.get(reverse("reports:cabinet_entry", args=[entry.pk])).status_code == 403


def test_it_closes_from_the_page_and_exports_the_pdf(client, report, keeper):
    for entry in report.entries.all():
        cabinet_entry_save(entry.pk, entry.version, **WRITTEN, actor=keeper)
    client.force_login(keeper)
    response = client.post(reverse("reports:cabinet_close", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert not report.is_open

    response = client.get(reverse("reports:cabinet_pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = words(pdf_text(response.content))
    # The policy in force names the tier: South Derbyshire has significant partnerships.
    assert "Significant partnership performance report" in text
    assert "FINAL" in text
    assert "Visits up 6% against a target of 4%." in text
    assert "No, not on budget" in text


def test_it_says_when_the_policy_sets_no_report_and_still_lets_the_keeper_open_one(
    client, keeper, key
):
    policy_apply_preset("south-derbyshire")
    client.force_login(keeper)
    page = client.get(reverse("reports:cabinet_reports")).content.decode()
    assert "policy sets no regular performance report" in page
    response = client.post(
        reverse("reports:cabinet_open"),
        {
            "period_start_0": "1",
            "period_start_1": "4",
            "period_start_2": "2026",
            "period_end_0": "30",
            "period_end_1": "9",
            "period_end_2": "2026",
        },
    )
    assert response.status_code == 302
    assert CabinetReport.objects.get().entries.count() == 1


def test_it_shows_an_error_for_a_period_that_ends_before_it_starts(client, keeper):
    client.force_login(keeper)
    response = client.post(
        reverse("reports:cabinet_open"),
        {
            "period_start_0": "1",
            "period_start_1": "4",
            "period_start_2": "2026",
            "period_end_0": "28",
            "period_end_1": "2",
            "period_end_2": "2026",
        },
    )
    assert response.status_code == 200
    assert "The end of the period must be after its start" in response.content.decode()
    assert not CabinetReport.objects.exists()


@pytest.mark.parametrize("size", [2, 20])
def test_it_shows_the_report_and_its_entries_in_the_same_queries_at_any_size(
    client, keeper, django_assert_max_num_queries, size
):
    for _n in range(size):
        PartnershipFactory(lead_officer=UserFactory(), **MONITORED)
    report = cabinet_report_open(START, END, actor=keeper)
    for entry in report.entries.all()[: size // 2]:
        cabinet_entry_save(entry.pk, entry.version, **WRITTEN, actor=keeper)
    client.force_login(keeper)
    with django_assert_max_num_queries(9 + KEEPER_INBOX_QUERIES):
        response = client.get(reverse("reports:cabinet_report", args=[report.pk]))
    assert len(response.context["entries"]) == size


@pytest.mark.parametrize("size", [2, 20])
def test_it_lists_the_reports_in_the_same_queries_at_any_size(
    client, keeper, django_assert_max_num_queries, size
):
    for n in range(size):
        CabinetReport.objects.create(
            period_start=START - timedelta(days=365 * n),
            period_end=END - timedelta(days=365 * n),
            opened_by=keeper,
            opened_at=timezone.now(),
            state=CabinetReportState.CLOSED,
            closed_by=keeper,
            closed_at=timezone.now(),
        )
    client.force_login(UserFactory(username="smt", role=Role.SMT))
    with django_assert_max_num_queries(8 + INBOX_QUERIES):
        response = client.get(reverse("reports:cabinet_reports"))
    assert len(response.context["reports"]) == size


def test_it_suggests_the_period_after_the_last_report(client, keeper, key):
    policy_apply_preset("chorley")
    CabinetReport.objects.create(
        period_start=START, period_end=END, opened_by=keeper, opened_at=timezone.now(),
        state=CabinetReportState.CLOSED,
    )  # fmt: skip
    client.force_login(keeper)
    form = client.get(reverse("reports:cabinet_open")).context["form"]
    assert form.initial == {"period_start": date(2026, 10, 1), "period_end": date(2027, 3, 31)}


def test_it_counts_months_to_the_end_of_a_shorter_month():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
