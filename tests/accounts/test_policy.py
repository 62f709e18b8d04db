import pytest
from django.core.management import call_command

from accounts.policy import DEFAULT_PRESET, Policy, load_preset, preset_keys
from accounts.roles import Role
from accounts.services import policy_apply_preset

SEED_COUNCILS = {
    "south-derbyshire": "South Derbyshire District Council",
    "melton": "Melton Borough Council",
    "northamptonshire": "Northamptonshire County Council",
    "chorley": "Chorley Council",
    "nottinghamshire": "Nottinghamshire County Council",
}


def test_it_ships_a_preset_for_each_seed_council():
    assert set(preset_keys()) == set(SEED_COUNCILS)


@pytest.mark.parametrize("key", sorted(SEED_COUNCILS))
def test_each_preset_names_its_council_every_role_and_every_committee(key):
    data = load_preset(key)
    assert data["council"]["name"] == SEED_COUNCILS[key]
    assert set(data["roles"]) == {str(role) for role in Role}
    assert set(data["committees"]) == {"smt", "cabinet", "council"}


def test_south_derbyshire_is_the_default(db):
    assert DEFAULT_PRESET == "south-derbyshire"
    assert Policy.current().council_name == "South Derbyshire District Council"


def test_applying_a_preset_changes_the_labels_and_keeps_history(db, keeper):
    policy_apply_preset("south-derbyshire")
    policy = policy_apply_preset("chorley", actor=keeper)
    assert Policy.objects.count() == 1
    assert policy.council_name == "Chorley Council"
    assert policy.role_label(Role.REGISTER_KEEPER) == "Policy and Communications"
    assert policy.committee_label("cabinet") == "Executive Cabinet"
    history = list(policy.history.order_by("history_date"))
    assert [h.council_name for h in history] == [
        "South Derbyshire District Council",
        "Chorley Council",
    ]
    assert history[-1].history_user == keeper


def test_the_command_applies_a_preset_and_the_pages_show_it(db, signed_in, officer):
    call_command("apply_policy_preset", "northamptonshire")
    body = signed_in(officer).get("/").content.decode()
    assert "Northamptonshire County Council" in body
    assert "Partnerships database" in body
