import uuid

from django.db import migrations


def fill_from_preset(apps, schema_editor):
    """A policy applied before officer representatives' annual reports could go to a
    committee takes its preset's route for them (Northamptonshire: CMT), as if the preset had
    been applied again."""
    from accounts.policy import load_preset

    Policy = apps.get_model("accounts", "Policy")
    for policy in Policy.objects.all():
        try:
            data = load_preset(policy.preset)
        except KeyError:
            continue
        found = data.get("routes", {}).get("representative_report")
        if not found or "representative_report" in policy.routes:
            continue
        policy.routes = {**policy.routes, "representative_report": found}
        # A new stamp, so that every process takes up the changed policy.
        policy.stamp = uuid.uuid4()
        policy.save(update_fields=["routes", "stamp"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0018_cabinet_lead_decision"),
    ]

    operations = [
        migrations.RunPython(fill_from_preset, migrations.RunPython.noop),
    ]
