import uuid

from django.db import migrations


def fill_from_preset(apps, schema_editor):
    """A policy applied before the register review, the Cabinet report and a completed
    review could go to a committee takes its preset's routes for them, as if the preset had
    been applied again."""
    from accounts.policy import load_preset

    Policy = apps.get_model("accounts", "Policy")
    for policy in Policy.objects.all():
        try:
            data = load_preset(policy.preset)
        except KeyError:
            continue
        routes = dict(policy.routes)
        for kind in ("register_review", "cabinet_report", "review"):
            found = data.get("routes", {}).get(kind)
            if found:
                routes.setdefault(kind, found)
        policy.routes = routes
        # A new stamp, so that every process takes up the changed policy.
        policy.stamp = uuid.uuid4()
        policy.save(update_fields=["routes", "stamp"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0012_policy_stamp"),
    ]

    operations = [
        migrations.RunPython(fill_from_preset, migrations.RunPython.noop),
    ]
