"""The data migration that brings South Derbyshire's SMT steps (001 "Working in Partnership")
and its ask for a copy of the agreement to a policy applied before them."""

import importlib

from django.apps import apps

from accounts.models import Policy
from accounts.services import policy_apply_preset

migration = importlib.import_module("accounts.migrations.0017_south_derbyshire_smt_routes")


def as_applied_before(**routes):
    policy = Policy.current()
    policy.routes = {**policy.routes, **routes}
    policy.routes.pop("review", None)
    policy.agreement_copy_ask = ""
    policy.save()
    return policy


def test_it_sends_an_unchanged_standard_proposal_route_on_to_smt(db):
    policy_apply_preset("south-derbyshire")
    proposal = dict(Policy.current().routes["proposal"])
    proposal["standard"] = migration.EARLIER_STANDARD_PROPOSAL
    stamp = as_applied_before(proposal=proposal).stamp
    migration.fill_from_preset(apps, None)
    policy = Policy.current()
    assert [s["key"] for s in policy.route_steps("proposal", "standard")] == [
        "head_of_service",
        "register_keeper",
        "smt",
    ]
    assert [s["key"] for s in policy.route_steps("review", "standard")] == ["smt", "cabinet"]
    assert policy.agreement_copy_ask.startswith("If 'Yes' please attach a copy")
    assert policy.stamp != stamp


def test_it_leaves_a_route_the_council_changed_itself(db):
    policy_apply_preset("south-derbyshire")
    proposal = dict(Policy.current().routes["proposal"])
    proposal["standard"] = ["register_keeper"]
    as_applied_before(proposal=proposal)
    migration.fill_from_preset(apps, None)
    assert Policy.current().routes["proposal"]["standard"] == ["register_keeper"]


def test_it_leaves_other_councils_policies_as_they_are(db):
    policy_apply_preset("chorley")
    before = Policy.current()
    migration.fill_from_preset(apps, None)
    after = Policy.current()
    assert (after.routes, after.stamp) == (before.routes, before.stamp)
