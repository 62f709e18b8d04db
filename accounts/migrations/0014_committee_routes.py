import uuid

from django.db import migrations


def fill_from_preset(apps, schema_editor):
    """A policy applied before the register review, the Cabinet report and a completed
    review could go to a committee, and an agreement along a route of its own, takes its
    preset's routes for them, as if the preset had been applied again; and the tiers whose
    partnerships are asked for their agreement on approval."""
    from accounts.policy import load_preset

    Policy = apps.get_model("accounts", "Policy")
    for policy in Policy.objects.all():
        try:
            data = load_preset(policy.preset)
        except KeyError:
            continue
        routes = dict(policy.routes)
        for kind in ("register_review", "cabinet_report", "review", "agreement"):
            found = data.get("routes", {}).get(kind)
            if found:
                routes.setdefault(kind, found)
        policy.routes = routes
        forms = dict(policy.forms)
        asked = data.get("forms", {}).get("agreement_on_approval")
        if asked:
            forms.setdefault("agreement_on_approval", list(asked))
        policy.forms = forms
        # A new stamp, so that every process takes up the changed policy.
        policy.stamp = uuid.uuid4()
        policy.save(update_fields=["routes", "forms", "stamp"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0013_register_kind_labels"),
    ]

    operations = [
        migrations.RunPython(fill_from_preset, migrations.RunPython.noop),
    ]
