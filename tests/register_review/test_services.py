"""The annual register review's rules (V3): one review a year, every current partnership in
it, confirmations once by the right person, chasing, and a report kept when it closes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships.services import partnership_update
from register_review.models import Chase, Outcome, ReviewState
from register_review.services import (
    entry_confirm,
    review_chase,
    review_close,
    review_open,
)
from tests.factories import PartnershipFactory

from .conftest import CONFIRM_BY


def test_it_puts_every_current_partnership_in_the_review(review, register):
    names = sorted(review.entries.values_list("partnership__name", flat=True))
    assert names == [
        "Active Derbyshire",
        "Arts Council Partnership",
        "Homelessness Forum",
        "Select Move",
        "Village Halls Network",
    ]
    assert set(review.entries.values_list("outcome", flat=True)) == {Outcome.OUTSTANDING}
    assert review.history.get().history_user.username == "keeper"


def test_it_opens_one_review_per_year(review, people):
    review_close(review.pk, accept_outstanding=True, actor=people["keeper"])
    with pytest.raises(ValidationError, match="The 2026 review has already been opened"):
        review_open(2026, CONFIRM_BY, actor=people["keeper"])
    assert review_open(2027, date(2027, 6, 30), actor=people["keeper"]).year == 2027


def test_it_keeps_one_review_open_at_a_time(review, people):
    with pytest.raises(ValidationError, match="Close the 2026 review"):
        review_open(2027, date(2027, 6, 30), actor=people["keeper"])


def test_it_lets_only_the_register_keeper_open_a_review(people, register):
    for name in ["lead", "smt", "auditor"]:
        with pytest.raises(PermissionDenied):
            review_open(2026, CONFIRM_BY, actor=people[name])


def test_it_records_who_confirmed_and_when(review, people, register, entry):
    confirmed = entry_confirm(
        entry(register["sport"]).pk,
        Outcome.CONFIRMED,
        "  Still meets monthly ",
        actor=people["lead"],
    )
    assert confirmed.outcome == Outcome.CONFIRMED
    assert confirmed.confirmed_by == people["lead"]
    assert confirmed.confirmed_at is not None
    assert confirmed.note == "Still meets monthly"
    assert confirmed.history.latest().history_user == people["lead"]


def test_it_takes_a_confirmation_once(review, people, register, entry):
    pk = entry(register["sport"]).pk
    entry_confirm(pk, Outcome.CONFIRMED, actor=people["lead"])
    with pytest.raises(ValidationError, match="already confirmed as current by Lead Smith"):
        entry_confirm(pk, Outcome.UPDATED, "changed my mind", actor=people["lead"])
    assert entry(register["sport"]).outcome == Outcome.CONFIRMED


def test_it_lets_lead_officers_confirm_only_their_own_entries(review, people, register, entry):
    for name in ["outsider", "other_lead", "keeper", "smt"]:
        with pytest.raises(PermissionDenied):
            entry_confirm(entry(register["sport"]).pk, Outcome.CONFIRMED, actor=people[name])
    assert entry(register["sport"]).is_outstanding


def test_it_gives_the_entries_nobody_leads_to_the_keeper(review, people, register, entry):
    with pytest.raises(PermissionDenied):
        entry_confirm(entry(register["orphan"]).pk, Outcome.CONFIRMED, actor=people["lead"])
    entry_confirm(entry(register["orphan"]).pk, Outcome.CONFIRMED, actor=people["keeper"])
    assert not entry(register["orphan"]).is_outstanding


def test_it_refuses_confirmations_once_the_review_has_closed(review, people, register, entry):
    review_close(review.pk, accept_outstanding=True, actor=people["keeper"])
    with pytest.raises(ValidationError, match="The 2026 review has closed"):
        entry_confirm(entry(register["sport"]).pk, Outcome.CONFIRMED, actor=people["lead"])


def test_it_emails_each_lead_officer_with_outstanding_entries_once(
    review, people, register, entry, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        chase = review_chase(review.pk, actor=people["keeper"])
    assert sorted(m.to[0] for m in mailoutbox) == ["lead@example.org", "other_lead@example.org"]
    lead_mail = next(m for m in mailoutbox if m.to == ["lead@example.org"])
    assert "your 2 partnership entries by 30 June 2026" in lead_mail.subject
    assert "/register-review/your-entries/" in lead_mail.body
    # The entry nobody leads is the keeper's own: it counts nowhere in the chase.
    assert (chase.officers, chase.entries, chase.chased_by) == (2, 4, people["keeper"])
    assert chase.recipients == "Lead Smith, Other_lead Smith"


def test_it_emails_nobody_who_has_confirmed_everything(
    review, people, register, entry, mailoutbox, django_capture_on_commit_callbacks
):
    entry_confirm(entry(register["sport"]).pk, Outcome.CONFIRMED, actor=people["lead"])
    entry_confirm(entry(register["arts"]).pk, Outcome.UPDATED, actor=people["lead"])
    entry_confirm(entry(register["homes"]).pk, Outcome.CONFIRMED, actor=people["other_lead"])
    with django_capture_on_commit_callbacks(execute=True):
        review_chase(review.pk, actor=people["keeper"])
    assert [m.to for m in mailoutbox] == [["other_lead@example.org"]]
    assert "your 1 partnership entry by" in mailoutbox[0].subject

    entry_confirm(entry(register["select"]).pk, Outcome.CONFIRMED, actor=people["other_lead"])
    mailoutbox.clear()
    with (
        pytest.raises(ValidationError, match="No lead officer has entries outstanding"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        review_chase(review.pk, actor=people["keeper"])
    assert mailoutbox == []
    assert Chase.objects.count() == 1


def test_it_lets_only_the_keeper_chase(review, people):
    with pytest.raises(PermissionDenied):
        review_chase(review.pk, actor=people["lead"])


def test_it_asks_before_closing_with_entries_outstanding(review, people):
    with pytest.raises(ValidationError, match="5 entries are not confirmed"):
        review_close(review.pk, actor=people["keeper"])
    review.refresh_from_db()
    assert review.state == ReviewState.OPEN
    assert review.report == {}


def test_it_closes_a_review_with_everything_confirmed_without_asking(
    review, people, register, entry
):
    for key, who in [("sport", "lead"), ("arts", "lead"), ("homes", "other_lead"),
                     ("select", "other_lead"), ("orphan", "keeper")]:  # fmt: skip
        entry_confirm(entry(register[key]).pk, Outcome.CONFIRMED, actor=people[who])
    closed = review_close(review.pk, actor=people["keeper"])
    assert closed.state == ReviewState.CLOSED
    assert closed.report["totals"] == {"total": 5, "confirmed": 5, "updated": 0, "outstanding": 0}
    assert closed.report["not_confirmed"] == []


def edit(actor, partnership, **fields):
    partnership.refresh_from_db()
    return partnership_update(partnership.pk, partnership.version, **fields, actor=actor)


def test_its_report_counts_by_service_and_names_what_changed(review, people, register, entry):
    edit(people["lead"], register["arts"], meeting_frequency="Twice a year")
    entry_confirm(entry(register["arts"]).pk, Outcome.UPDATED, "New meetings", actor=people["lead"])
    entry_confirm(entry(register["sport"]).pk, Outcome.CONFIRMED, actor=people["lead"])
    entry_confirm(entry(register["homes"]).pk, Outcome.CONFIRMED, actor=people["other_lead"])
    report = review_close(review.pk, accept_outstanding=True, actor=people["keeper"]).report

    assert report["services"] == [
        {"service": "Housing Services", "total": 2, "confirmed": 1, "updated": 0,
         "outstanding": 1},
        {"service": "Leisure and Community Development", "total": 3, "confirmed": 1,
         "updated": 1, "outstanding": 1},
    ]  # fmt: skip
    assert report["totals"] == {"total": 5, "confirmed": 2, "updated": 1, "outstanding": 2}
    assert report["updated"] == [
        {
            "reference": register["arts"].reference,
            "name": "Arts Council Partnership",
            "fields": ["Meeting frequency"],
            "by": ["Lead Smith"],
            "outcome": "Updated",
        }
    ]
    assert [row["name"] for row in report["not_confirmed"]] == [
        "Select Move",
        "Village Halls Network",
    ]
    assert report["not_confirmed"][1]["lead_officer"] == ""
    assert [row["name"] for row in report["register"]] == [
        "Active Derbyshire",
        "Arts Council Partnership",
        "Homelessness Forum",
        "Select Move",
        "Village Halls Network",
    ]
    assert report["closed_by"] == "Keeper Smith"


def test_its_report_does_not_change_when_the_register_does(review, people, register, entry):
    closed = review_close(review.pk, accept_outstanding=True, actor=people["keeper"])
    kept = closed.report
    edit(people["keeper"], register["sport"], name="Active Derbyshire and Peak")
    closed.refresh_from_db()
    assert closed.report == kept
    assert "Active Derbyshire and Peak" not in str(closed.report)


def test_a_change_made_before_the_review_opened_is_not_in_its_report(people, register):
    edit(people["lead"], register["sport"], meeting_frequency="Monthly")
    review = review_open(2026, CONFIRM_BY, actor=people["keeper"])
    report = review_close(review.pk, accept_outstanding=True, actor=people["keeper"]).report
    assert report["updated"] == []


def test_its_report_leaves_out_drafts_and_adds_partnerships_new_to_the_register(
    review, people, register
):
    edit(people["lead"], register["draft"], meeting_frequency="Monthly")
    register["draft"].refresh_from_db()
    newcomer = PartnershipFactory(name="Youth Forum", lead_service=people["leisure"])
    newcomer.save()  # a change in the window, with no entry in the review
    report = review_close(review.pk, accept_outstanding=True, actor=people["keeper"]).report
    assert [row["name"] for row in report["updated"]] == ["Youth Forum"]
    assert report["updated"][0]["outcome"] == "Added during the review"
    youth = next(row for row in report["register"] if row["name"] == "Youth Forum")
    assert youth["outcome"] == "Added during the review"
