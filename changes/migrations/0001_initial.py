"""The models that came from the partnerships app, taken up as they are: the tables were
renamed there (partnerships 0006), so nothing here touches the database but the content
types, which move to this app with their ids."""

import django.core.serializers.json
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from core.migration_helpers import move_content_types, move_content_types_back


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('partnerships', '0006_moved_to_their_own_apps'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalSignificantChange',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('record', 'Change to the record'), ('add_funding', 'Funding added'), ('change_funding', 'Funding changed'), ('remove_funding', 'Funding removed')], default='record', max_length=16)),
                        ('before', models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder)),
                        ('after', models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder)),
                        ('reason', models.TextField(verbose_name='Why the change is needed')),
                        ('proposed_at', models.DateTimeField(blank=True, editable=False)),
                        ('state', models.CharField(choices=[('waiting', 'Waiting for a decision'), ('sent', 'Sent to committee'), ('returned', 'Returned by committee'), ('applied', 'Applied'), ('declined', 'Declined'), ('rejected', 'Rejected')], default='waiting', max_length=16)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('decision_note', models.TextField(blank=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('decided_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership')),
                        ('proposed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('resource', models.ForeignKey(blank=True, db_constraint=False, help_text='The funding line changed or removed.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.resource')),
                    ],
                    options={
                        'verbose_name': 'historical significant change',
                        'verbose_name_plural': 'historical significant changes',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='SignificantChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('record', 'Change to the record'), ('add_funding', 'Funding added'), ('change_funding', 'Funding changed'), ('remove_funding', 'Funding removed')], default='record', max_length=16)),
                        ('before', models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder)),
                        ('after', models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder)),
                        ('reason', models.TextField(verbose_name='Why the change is needed')),
                        ('proposed_at', models.DateTimeField(auto_now_add=True)),
                        ('state', models.CharField(choices=[('waiting', 'Waiting for a decision'), ('sent', 'Sent to committee'), ('returned', 'Returned by committee'), ('applied', 'Applied'), ('declined', 'Declined'), ('rejected', 'Rejected')], default='waiting', max_length=16)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('decision_note', models.TextField(blank=True)),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='significant_changes', to='partnerships.partnership')),
                        ('proposed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('resource', models.ForeignKey(blank=True, help_text='The funding line changed or removed.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='partnerships.resource')),
                    ],
                    options={
                        'ordering': ['-proposed_at', '-pk'],
                        'indexes': [models.Index(fields=['state'], name='significant_change_state')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_types("partnerships", "changes", ["significantchange", "historicalsignificantchange"]),
            move_content_types_back("partnerships", "changes", ["significantchange", "historicalsignificantchange"]),
        ),
    ]
