"""The models that came from the partnerships app, taken up as they are: the tables were
renamed there (partnerships 0006), so nothing here touches the database but the content
types, which move to this app with their ids."""

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
                    name='HistoricalProposal',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('joining', models.CharField(choices=[('new', 'Setting up a new partnership'), ('existing', 'Joining an existing partnership')], default='new', max_length=16)),
                        ('alternative_existing', models.TextField(blank=True, verbose_name='Could an existing partnership do this?')),
                        ('alternative_consult', models.TextField(blank=True, verbose_name='Would consulting others, with the council keeping the decision, be enough?')),
                        ('alternative_contract', models.TextField(blank=True, verbose_name='Would a contract be better?')),
                        ('needs_extra_authority', models.BooleanField(default=False, verbose_name='A representative needs authority beyond the constitution or scheme of delegation')),
                        ('extra_authority_reason', models.TextField(blank=True)),
                        ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('returned', 'Returned for changes'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='draft', max_length=16)),
                        ('created_at', models.DateTimeField(blank=True, editable=False)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership')),
                        ('proposer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical proposal',
                        'verbose_name_plural': 'historical proposals',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Proposal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('joining', models.CharField(choices=[('new', 'Setting up a new partnership'), ('existing', 'Joining an existing partnership')], default='new', max_length=16)),
                        ('alternative_existing', models.TextField(blank=True, verbose_name='Could an existing partnership do this?')),
                        ('alternative_consult', models.TextField(blank=True, verbose_name='Would consulting others, with the council keeping the decision, be enough?')),
                        ('alternative_contract', models.TextField(blank=True, verbose_name='Would a contract be better?')),
                        ('needs_extra_authority', models.BooleanField(default=False, verbose_name='A representative needs authority beyond the constitution or scheme of delegation')),
                        ('extra_authority_reason', models.TextField(blank=True)),
                        ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('returned', 'Returned for changes'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='draft', max_length=16)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('partnership', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='proposal', to='partnerships.partnership')),
                        ('proposer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['-created_at'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_types("partnerships", "proposals", ["proposal", "historicalproposal"]),
            move_content_types_back("partnerships", "proposals", ["proposal", "historicalproposal"]),
        ),
    ]
