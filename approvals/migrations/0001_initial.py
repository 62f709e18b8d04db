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
        ('accounts', '0004_review_policy'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('partnerships', '0006_moved_to_their_own_apps'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalRoute',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('subject_id', models.PositiveBigIntegerField()),
                        ('kind', models.CharField(help_text="Which of the policy's routes: proposal, ...", max_length=32)),
                        ('tier', models.CharField(max_length=16)),
                        ('steps', models.JSONField()),
                        ('current_step', models.PositiveSmallIntegerField(default=0)),
                        ('current_holder', models.CharField(blank=True, max_length=32)),
                        ('round', models.PositiveSmallIntegerField(default=1, help_text='Goes up each time a returned item is sent again.')),
                        ('state', models.CharField(choices=[('in_progress', 'Awaiting a decision'), ('returned', 'Returned for changes'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='in_progress', max_length=16)),
                        ('started_at', models.DateTimeField(blank=True, editable=False)),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('current_service', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.service')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('started_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('subject_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'historical route',
                        'verbose_name_plural': 'historical routes',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Route',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('subject_id', models.PositiveBigIntegerField()),
                        ('kind', models.CharField(help_text="Which of the policy's routes: proposal, ...", max_length=32)),
                        ('tier', models.CharField(max_length=16)),
                        ('steps', models.JSONField()),
                        ('current_step', models.PositiveSmallIntegerField(default=0)),
                        ('current_holder', models.CharField(blank=True, max_length=32)),
                        ('round', models.PositiveSmallIntegerField(default=1, help_text='Goes up each time a returned item is sent again.')),
                        ('state', models.CharField(choices=[('in_progress', 'Awaiting a decision'), ('returned', 'Returned for changes'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='in_progress', max_length=16)),
                        ('started_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('current_service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.service')),
                        ('started_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('subject_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype')),
                    ],
                    options={
                        'ordering': ['started_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Decision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('round', models.PositiveSmallIntegerField()),
                        ('step_index', models.PositiveSmallIntegerField()),
                        ('step_key', models.CharField(max_length=32)),
                        ('step_label', models.CharField(max_length=200)),
                        ('outcome', models.CharField(choices=[('approved', 'Approve'), ('returned', 'Return for changes'), ('rejected', 'Reject')], max_length=16)),
                        ('comment', models.TextField()),
                        ('decider_name', models.CharField(max_length=200)),
                        ('decider_role', models.CharField(max_length=200)),
                        ('decided_at', models.DateTimeField(auto_now_add=True)),
                        ('meeting_date', models.DateField(blank=True, null=True)),
                        ('minute_reference', models.CharField(blank=True, max_length=100)),
                        ('decided_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to=settings.AUTH_USER_MODEL)),
                        ('minutes', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.document')),
                        ('route', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='approvals.route')),
                    ],
                    options={
                        'ordering': ['decided_at', 'pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='route',
                    index=models.Index(fields=['state', 'current_holder'], name='route_inbox'),
                ),
                migrations.AddConstraint(
                    model_name='route',
                    constraint=models.UniqueConstraint(fields=('subject_type', 'subject_id', 'kind'), name='one_route_per_subject'),
                ),
                migrations.AddConstraint(
                    model_name='decision',
                    constraint=models.UniqueConstraint(fields=('route', 'round', 'step_index'), name='one_decision_per_step'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_types("partnerships", "approvals", ["route", "historicalroute", "decision"]),
            move_content_types_back("partnerships", "approvals", ["route", "historicalroute", "decision"]),
        ),
    ]
