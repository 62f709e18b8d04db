"""V6: the sample is random, recorded, and can be drawn again from its seed."""

import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audits import sampling, services
from audits.models import ChecklistItem, SampledPartnership, SpotCheck
from tests.factories import PartnershipFactory

from .conftest import CURRENT


def test_it_draws_from_the_current_partnerships_in_record_order(people, register):
    population = sampling.population(CURRENT)
    assert population == sorted(p.pk for p in register["current"])


def test_it_filters_the_population_by_status_kind_tier_and_lead_service(people, register):
    ceased = sampling.population({**CURRENT, "status": "ceased"})
    assert ceased == sorted(p.pk for p in register["ceased"])
    everything = sampling.population({**CURRENT, "status": "all"})
    assert len(everything) == 14
    housing_significant = sampling.population(
        {**CURRENT, "tier": "significant", "lead_service": str(register["housing"].pk)}
    )
    expected = [
        p.pk
        for p in register["current"]
        if p.tier == "significant" and p.lead_service == register["housing"]
    ]
    assert housing_significant == expected
    networks = sampling.population({**CURRENT, "kind": "joint_working"})
    assert networks == [p.pk for p in register["current"] if p.kind == "joint_working"]


def test_it_records_the_seed_the_population_and_the_sample(people, register):
    spot_check = services.spot_check_draw("Q3", 5, CURRENT, seed=777, actor=people["auditor"])
    population = sorted(p.pk for p in register["current"])
    assert spot_check.seed == 777
    assert spot_check.population_ids == population
    assert spot_check.population_digest == sampling.digest(population)
    # Anyone can check it with nothing but Python and the recorded numbers.
    assert spot_check.sample_ids == random.Random(777).sample(population, 5)
    assert (
        list(
            SampledPartnership.objects.filter(spot_check=spot_check).values_list(
                "partnership_id", flat=True
            )
        )
        == spot_check.sample_ids
    )
    assert ChecklistItem.objects.filter(sampled__spot_check=spot_check).count() == 5 * 7
    assert spot_check.history.get().history_user == people["auditor"]
    # Every row made in bulk has its history too, naming the auditor.
    assert {h.history_user for h in ChecklistItem.history.all()} == {people["auditor"]}
    assert ChecklistItem.history.count() == 5 * 7
    assert SampledPartnership.history.filter(history_user=people["auditor"]).count() == 5


def test_it_generates_a_seed_when_none_is_given(people, register):
    first = services.spot_check_draw("Q3", 5, CURRENT, actor=people["auditor"])
    assert 1 <= first.seed <= sampling.MAX_SEED


def test_it_draws_the_same_sample_again_from_a_typed_in_seed(people, register):
    first = services.spot_check_draw("Q3", 5, CURRENT, actor=people["auditor"])
    again = services.spot_check_draw(
        "Re-performed", 5, CURRENT, first.seed, actor=people["other_auditor"]
    )
    assert again.sample_ids == first.sample_ids


def test_it_confirms_the_recorded_sample_and_says_when_the_population_changed(people, register):
    spot_check = services.spot_check_draw("Q3", 5, CURRENT, seed=99, actor=people["auditor"])
    result = sampling.redraw(spot_check)
    assert result["record_matches"] and not result["population_changed"]
    assert result["today_matches"]

    added = PartnershipFactory(name="Joined since")
    result = sampling.redraw(spot_check)
    assert result["record_matches"]
    assert result["population_changed"]
    assert result["added"] == [added.pk]
    assert result["from_today"] == random.Random(99).sample(
        sorted([*(p.pk for p in register["current"]), added.pk]), 5
    )


def test_it_notices_a_tampered_record(people, register):
    spot_check = services.spot_check_draw("Q3", 5, CURRENT, seed=99, actor=people["auditor"])
    SpotCheck.objects.filter(pk=spot_check.pk).update(sample_ids=spot_check.sample_ids[::-1])
    spot_check.refresh_from_db()
    assert not sampling.redraw(spot_check)["record_matches"]


def test_it_refuses_a_sample_larger_than_the_population(people, register):
    with pytest.raises(ValidationError, match="Only 2 partnerships match"):
        services.spot_check_draw("Q3", 3, {**CURRENT, "status": "ceased"}, actor=people["auditor"])
    with pytest.raises(ValidationError, match="No partnerships match"):
        services.spot_check_draw("Q3", 1, {**CURRENT, "status": "exiting"}, actor=people["auditor"])
    assert not SpotCheck.objects.exists()


@pytest.mark.parametrize("role", ["keeper", "smt", "officer"])
def test_it_lets_only_an_auditor_draw_a_sample(people, register, role):
    with pytest.raises(PermissionDenied):
        services.spot_check_draw("Q3", 1, CURRENT, actor=people[role])
    assert not SpotCheck.objects.exists()
