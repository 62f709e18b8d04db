"""The migration that brings an applied policy to its preset's posts, Nottinghamshire's
leaving route and its declaration checks, leaving what a council changed as it has it."""

import importlib

import pytest
from django.apps import apps

from accounts.models import Policy
from accounts.services import policy_apply_preset

migration = importlib.import_module("accounts.migrations.0016_route_posts")
pytestmark = pytest.mark.django_db


def applied_before(preset, **routes):
    """The preset applied as it stood before, with the route tables given."""
    policy = policy_apply_preset(preset)
    Policy.objects.filter(pk=policy.pk).update(
        routes={**policy.routes, **routes}, declaration_checks=[]
    )
    return policy


def test_it_gives_chorleys_memorandum_to_the_head_of_governance():
    before = migration.BEFORE[("chorley", "agreement", "significant")]
    policy = applied_before("chorley", agreement={"significant": before, "standard": before})
    migration.follow_presets(apps, None)
    policy.refresh_from_db()
    assert [s["posts"] for s in policy.route_steps("agreement", "standard")] == [
        ["Head of Governance"]
    ]


def test_it_follows_nottinghamshires_leaving_route_and_section_5_checks():
    withdrawal = {
        "significant": migration.BEFORE[("nottinghamshire", "withdrawal", "significant")],
        "standard": migration.BEFORE[("nottinghamshire", "withdrawal", "standard")],
    }
    policy = applied_before("nottinghamshire", withdrawal=withdrawal)
    migration.follow_presets(apps, None)
    policy.refresh_from_db()
    labels = [s["label"] for s in policy.route_steps("withdrawal", "significant")]
    assert labels == ["Chief Officer", "Cabinet lead"]
    assert "conflict_balanced" in [c["check"] for c in policy.declaration_checks]


def test_it_leaves_a_route_the_council_changed():
    own = [{"step": "director", "label": "Monitoring Officer"}]
    policy = applied_before("chorley", agreement={"significant": own, "standard": own})
    migration.follow_presets(apps, None)
    policy.refresh_from_db()
    assert policy.routes["agreement"]["significant"] == own


def test_it_changes_nothing_under_another_council():
    policy = applied_before("south-derbyshire")
    stamp = Policy.objects.get(pk=policy.pk).stamp
    migration.follow_presets(apps, None)
    assert Policy.objects.get(pk=policy.pk).stamp == stamp
