"""V1: each preset's review cycles, and the next review planned from them."""

import pytest
from django.db import IntegrityError
from django.utils import timezone

from accounts.policy import load_preset, preset_keys
from accounts.services import policy_apply_preset
from partnerships.models import Status
from reviews.models import Review, ReviewState
from reviews.services import add_months, review_plan, reviews_plan_all
from tests.factories import PartnershipFactory

# (preset, tier) -> months between reviews and what a review needs, as each council wrote it.
EXPECTED = {
    ("south-derbyshire", "significant"): (
        12,
        ["assessment", "evaluation", "register_confirmation"],
    ),
    ("south-derbyshire", "standard"): (12, ["assessment", "evaluation", "register_confirmation"]),
    ("chorley", "significant"): (36, ["assessment", "register_confirmation"]),
    ("chorley", "standard"): (36, ["register_confirmation"]),
    ("melton", "significant"): (36, ["assessment", "register_confirmation"]),
    ("melton", "standard"): (36, ["assessment", "register_confirmation"]),
    ("northamptonshire", "significant"): (12, ["register_confirmation"]),
    ("northamptonshire", "standard"): (12, ["register_confirmation"]),
    ("nottinghamshire", "significant"): (12, ["assessment", "register_confirmation"]),
    ("nottinghamshire", "standard"): (12, ["assessment", "register_confirmation"]),
}


def test_it_has_a_cycle_for_every_preset_and_tier():
    assert {preset for preset, _ in EXPECTED} == set(preset_keys())


@pytest.mark.parametrize(("preset", "tier"), list(EXPECTED))
def test_it_plans_the_first_review_on_the_presets_cycle(db, preset, tier):
    policy = policy_apply_preset(preset)
    months, requires = EXPECTED[(preset, tier)]
    partnership = PartnershipFactory(tier=tier)

    review = review_plan(partnership)

    entered = timezone.localdate(partnership.created_at)
    assert review.due == add_months(entered, months)
    assert review.requires == requires
    assert review.label == policy.review_cycle(tier)["label"]


@pytest.mark.parametrize("preset", sorted({p for p, _ in EXPECTED}))
def test_it_names_forms_that_are_shipped(preset):
    from assessments.loader import FORMS_DIR

    reviews = load_preset(preset)["reviews"]
    for key in (reviews["assessment_form"], reviews["evaluation_form"]):
        assert not key or (FORMS_DIR / f"{key}.toml").is_file()


def test_it_counts_months_to_the_end_of_a_shorter_month():
    from datetime import date

    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 15), -36) == date(2023, 3, 15)


def test_it_plans_one_review_per_current_partnership_however_often_it_runs(db):
    current = PartnershipFactory.create_batch(3)
    PartnershipFactory(status=Status.CEASED)
    PartnershipFactory(status=Status.EXCLUDED)

    assert reviews_plan_all() == 3
    assert reviews_plan_all() == 0
    assert sorted(Review.objects.values_list("partnership", flat=True)) == sorted(
        p.pk for p in current
    )


def test_it_keeps_one_open_review_in_the_database_itself(db):
    partnership = PartnershipFactory()
    review = review_plan(partnership)
    with pytest.raises(IntegrityError):
        Review.objects.create(
            partnership=partnership, label="Another", due=review.due, state=ReviewState.PLANNED
        )


def test_it_cancels_the_open_review_of_a_partnership_that_has_ceased(db):
    from reviews.services import reviews_cancel_closed

    leaving, staying = PartnershipFactory.create_batch(2)
    reviews_plan_all()
    leaving.status = Status.CEASED
    leaving.save()

    assert reviews_cancel_closed() == 1
    assert reviews_cancel_closed() == 0
    assert leaving.reviews.get().state == ReviewState.CANCELLED
    assert staying.reviews.get().state == ReviewState.PLANNED


def test_it_asks_a_chorley_review_the_frameworks_two_aspects_not_the_key_criteria(db):
    from assessments.loader import load_forms
    from assessments.services import latest_template

    load_forms()
    policy = policy_apply_preset("chorley")
    template = latest_template(policy.assessment_form)
    assert [section["title"] for section in template.definition["sections"]] == [
        "Review of the partnership itself",
        "Whether the council's requirements are met",
    ]
    asked = [question["text"] for question in template.questions()]
    assert "Are the council's requirements being met?" in asked
    assert "Their financial value" not in asked  # a key partnership criterion
