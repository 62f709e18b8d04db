import uuid

from django.db import migrations, models

# South Derbyshire's standard proposal route as its preset had it before every proposal went
# on to SMT ("The creation or membership of any partnership must be supported and endorsed by
# the Council's Senior Management Team (SMT)").
EARLIER_STANDARD_PROPOSAL = [
    "head_of_service",
    {
        "step": "register_keeper",
        "label": "Head of Corporate Services: approval and inclusion in the register",
    },
]


def fill_from_preset(apps, schema_editor):
    """A policy applied before a completed review could go to SMT and Leading Members takes
    its preset's review route, as if the preset had been applied again; and a South Derbyshire
    policy whose standard proposal route is still the preset's earlier one takes the preset's
    route now. A route the council has changed itself is left as it is; routes already under
    way keep the steps they started with. The proposal's ask for a copy of the agreement
    ("please attach a copy") is taken from the preset where the policy has none."""
    from accounts.policy import load_preset

    Policy = apps.get_model("accounts", "Policy")
    for policy in Policy.objects.all():
        try:
            data = load_preset(policy.preset)
        except KeyError:
            continue
        routes = dict(policy.routes)
        changed = False
        found = data.get("routes", {}).get("review")
        if found and "review" not in routes:
            routes["review"] = found
            changed = True
        proposal = dict(routes.get("proposal", {}))
        if (
            policy.preset == "south-derbyshire"
            and proposal.get("standard") == EARLIER_STANDARD_PROPOSAL
        ):
            proposal["standard"] = data["routes"]["proposal"]["standard"]
            routes["proposal"] = proposal
            changed = True
        ask = data.get("words", {}).get("agreement_copy_ask", "")
        if ask and not policy.agreement_copy_ask:
            policy.agreement_copy_ask = ask
            changed = True
        if changed:
            policy.routes = routes
            # A new stamp, so that every process takes up the changed policy.
            policy.stamp = uuid.uuid4()
            policy.save(update_fields=["routes", "agreement_copy_ask", "stamp"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0016_route_posts"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalpolicy",
            name="agreement_copy_ask",
            field=models.CharField(
                blank=True,
                help_text="What the proposal asks of a partnership that has an agreement, as "
                "in ‘please attach a copy’. Blank: it asks only for a description.",
                max_length=300,
            ),
        ),
        migrations.AddField(
            model_name="policy",
            name="agreement_copy_ask",
            field=models.CharField(
                blank=True,
                help_text="What the proposal asks of a partnership that has an agreement, as "
                "in ‘please attach a copy’. Blank: it asks only for a description.",
                max_length=300,
            ),
        ),
        migrations.RunPython(fill_from_preset, migrations.RunPython.noop),
    ]
