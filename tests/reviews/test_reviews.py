"""V1: completing a review moves the next one on; bringing one forward keeps the reason."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.services import policy_apply_preset
from reviews.models import ReviewState
from reviews.services import add_months, review_bring_forward, review_complete, review_plan

from .conftest import submitted_form


@pytest.fixture
def review(partnership):
    # South Derbyshire: an annual review with an assessment, an evaluation and the register
    # entry confirmed.
    policy_apply_preset("south-derbyshire")
    return review_plan(partnership)


def complete(actor, review, **overrides):
    # The forms are the lead officer's to complete; the review is anyone's who leads it.
    lead = review.partnership.lead_officer
    fields = {
        "assessment": submitted_form(lead, review.partnership, "south-derbyshire-assessment"),
        "evaluation": submitted_form(lead, review.partnership, "south-derbyshire-evaluation"),
        "register_confirmed": True,
        "conclusions": "Still relevant and effective: stay in.",
    }
    fields.update(overrides)
    return review_complete(review.pk, **fields, actor=actor)


def test_it_completes_the_review_and_plans_the_next_from_today(people, review):
    done, following = complete(people["lead"], review)

    today = timezone.localdate()
    assert done.state == ReviewState.COMPLETED
    assert done.completed_by == people["lead"]
    assert done.assessment.template.key == "south-derbyshire-assessment"
    assert following.state == ReviewState.PLANNED
    assert following.due == add_months(today, 12)
    assert following.pk != done.pk
    assert done.history.first().history_user == people["lead"]


def test_it_plans_from_the_completion_date_not_the_old_due_date(people, review):
    review.due = timezone.localdate() - timedelta(days=60)  # completed two months late
    review.save()
    _, following = complete(people["lead"], review)
    assert following.due == add_months(timezone.localdate(), 12)


def test_it_lets_the_sponsor_and_the_keeper_complete_it(people, review):
    _, following = complete(people["sponsor"], review)
    done, _ = complete(people["keeper"], following)
    assert done.completed_by == people["keeper"]


def test_it_refuses_anyone_else(people, review):
    for who in ("other", "auditor"):
        with pytest.raises(PermissionDenied):
            review_complete(review.pk, conclusions="x", register_confirmed=True, actor=people[who])


def test_it_says_what_is_missing_and_saves_nothing(people, review):
    with pytest.raises(ValidationError) as raised:
        review_complete(review.pk, conclusions=" ", actor=people["lead"])
    assert set(raised.value.message_dict) == {
        "assessment",
        "evaluation",
        "register_confirmed",
        "conclusions",
    }
    review.refresh_from_db()
    assert review.state == ReviewState.PLANNED
    assert review.history.count() == 1


def test_it_will_not_count_a_form_of_another_partnership_or_twice(people, review, partnership):
    from tests.factories import PartnershipFactory

    elsewhere = PartnershipFactory(lead_officer=people["lead"])
    with pytest.raises(ValidationError) as raised:
        complete(
            people["lead"],
            review,
            assessment=submitted_form(people["lead"], elsewhere, "south-derbyshire-assessment"),
        )
    assert "assessment" in raised.value.message_dict

    done, following = complete(people["lead"], review)
    with pytest.raises(ValidationError) as raised:
        complete(people["lead"], following, assessment=done.assessment)
    assert "assessment" in raised.value.message_dict


def test_it_cannot_be_completed_twice(people, review):
    complete(people["lead"], review)
    with pytest.raises(ValidationError, match="completed"):
        complete(people["lead"], review)


def test_it_asks_only_what_the_policy_requires(people, partnership):
    policy_apply_preset("northamptonshire")  # the register entry confirmed, nothing more
    review = review_plan(partnership)
    done, _ = review_complete(
        review.pk, register_confirmed=True, conclusions="Reported to CMT.", actor=people["lead"]
    )
    assert done.assessment is None and done.state == ReviewState.COMPLETED


def test_it_brings_a_review_forward_keeping_the_first_date_and_reason(people, review):
    first = review.due
    soon = timezone.localdate() + timedelta(days=14)

    moved = review_bring_forward(review.pk, soon, "Budget overspend", actor=people["sponsor"])

    assert moved.due == soon
    assert moved.planned_due == first
    assert moved.brought_forward_reason == "Budget overspend"
    again = review_bring_forward(
        review.pk, soon - timedelta(days=7), "Sooner", actor=people["keeper"]
    )
    assert again.planned_due == first


@pytest.mark.parametrize(
    ("days", "reason", "field"),
    [(400, "Later", "due"), (-1, "Past", "due"), (10, "", "reason")],
)
def test_it_refuses_a_bad_new_date_or_no_reason(people, review, days, reason, field):
    with pytest.raises(ValidationError) as raised:
        review_bring_forward(
            review.pk, timezone.localdate() + timedelta(days=days), reason, actor=people["lead"]
        )
    assert field in raised.value.message_dict


def test_it_lets_only_the_reviews_leaders_bring_it_forward(people, review):
    with pytest.raises(PermissionDenied):
        review_bring_forward(
            review.pk, timezone.localdate() + timedelta(days=5), "Mine now", actor=people["other"]
        )
