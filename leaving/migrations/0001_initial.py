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
                    name='HistoricalWithdrawal',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('reasons', models.TextField(blank=True, verbose_name='Why should the council leave the partnership?')),
                        ('risks', models.TextField(blank=True, verbose_name='What are the risks of leaving?')),
                        ('handover', models.TextField(blank=True, verbose_name="How will the council's responsibilities in the partnership be handed over?")),
                        ('continuity', models.TextField(blank=True, verbose_name='How will services to residents continue after the council leaves?')),
                        ('exit_strategy', models.TextField(blank=True, verbose_name='Exit strategy')),
                        ('exit_date', models.DateField(blank=True, null=True, verbose_name='Proposed exit date')),
                        ('legal_advice', models.TextField(blank=True, verbose_name='Legal advice taken')),
                        ('financial_advice', models.TextField(blank=True, verbose_name='Financial advice taken')),
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
                        ('proposed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical withdrawal',
                        'verbose_name_plural': 'historical withdrawals',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Withdrawal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reasons', models.TextField(blank=True, verbose_name='Why should the council leave the partnership?')),
                        ('risks', models.TextField(blank=True, verbose_name='What are the risks of leaving?')),
                        ('handover', models.TextField(blank=True, verbose_name="How will the council's responsibilities in the partnership be handed over?")),
                        ('continuity', models.TextField(blank=True, verbose_name='How will services to residents continue after the council leaves?')),
                        ('exit_strategy', models.TextField(blank=True, verbose_name='Exit strategy')),
                        ('exit_date', models.DateField(blank=True, null=True, verbose_name='Proposed exit date')),
                        ('legal_advice', models.TextField(blank=True, verbose_name='Legal advice taken')),
                        ('financial_advice', models.TextField(blank=True, verbose_name='Financial advice taken')),
                        ('state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('returned', 'Returned for changes'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='draft', max_length=16)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='withdrawals', to='partnerships.partnership')),
                        ('proposed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['-created_at', '-pk'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'returned'])), fields=('partnership',), name='one_open_withdrawal_per_partnership')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_types("partnerships", "leaving", ["withdrawal", "historicalwithdrawal"]),
            move_content_types_back("partnerships", "leaving", ["withdrawal", "historicalwithdrawal"]),
        ),
    ]
