import django.utils.timezone
from django.db import migrations, models


def recorded_when_first_saved(apps, schema_editor):
    """An action already kept was created when its history begins; one without history
    when its finding was recorded."""
    FollowUpAction = apps.get_model("audits", "FollowUpAction")
    History = apps.get_model("audits", "HistoricalFollowUpAction")
    for action in FollowUpAction.objects.select_related("finding"):
        first = History.objects.filter(id=action.pk).order_by("history_date").first()
        action.created_at = first.history_date if first else action.finding.recorded_at
        action.save(update_fields=["created_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="followupaction",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalfollowupaction",
            name="created_at",
            field=models.DateTimeField(
                blank=True, default=django.utils.timezone.now, editable=False
            ),
            preserve_default=False,
        ),
        migrations.RunPython(recorded_when_first_saved, migrations.RunPython.noop),
    ]
