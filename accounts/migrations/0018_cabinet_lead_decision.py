import uuid

from django.db import migrations

# Nottinghamshire's leaving route as its preset had it before the Cabinet lead's step said it
# is recorded from one Member's decision, not a meeting.
EARLIER_WITHDRAWAL = ["head_of_service", {"step": "cabinet", "label": "Cabinet lead"}]


def follow_preset(apps, schema_editor):
    """A Nottinghamshire policy whose leaving route is still the preset's earlier one takes
    the preset's route now, so that Democratic Services record the Cabinet lead's decision
    with its date and reference. A route the council has changed is left as it is; leavings
    already under way keep the steps they started with (read as meetings' decisions)."""
    from accounts.policy import load_preset

    Policy = apps.get_model("accounts", "Policy")
    for policy in Policy.objects.filter(preset="nottinghamshire"):
        routes = dict(policy.routes)
        withdrawal = dict(routes.get("withdrawal", {}))
        now = load_preset("nottinghamshire")["routes"]["withdrawal"]
        changed = False
        for tier in ("significant", "standard"):
            if withdrawal.get(tier) == EARLIER_WITHDRAWAL:
                withdrawal[tier] = now[tier]
                changed = True
        if changed:
            routes["withdrawal"] = withdrawal
            policy.routes = routes
            # A new stamp, so that every process takes up the changed policy.
            policy.stamp = uuid.uuid4()
            policy.save(update_fields=["routes", "stamp"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0017_south_derbyshire_smt_routes"),
    ]

    operations = [migrations.RunPython(follow_preset, migrations.RunPython.noop)]
