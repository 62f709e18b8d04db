from django.db import migrations


def open_the_tasks_to_send_again(apps, schema_editor):
    """Opens, for what a committee had already returned before the inbox asked its owner to
    send it again, the task it now gives. The tasks are what the inbox modules say the
    records give, so this reads through them (as `check_inbox --repair` does) rather than
    through historical models; a database with no one in it yet has nothing returned."""
    if not apps.get_model("accounts", "User").objects.exists():
        return
    from django.db import DatabaseError, transaction

    from accounts.inbox import refresh_tasks
    from approvals.models import Route, RouteState

    try:
        # Today's code may meet a table a later migration has still to change: then the
        # tasks are left for `check_inbox --repair` after migrating.
        with transaction.atomic():
            for route in Route.objects.filter(state=RouteState.RETURNED):
                refresh_tasks(route)
    except (DatabaseError, AttributeError, LookupError):
        print("\n  The tasks to send again were not opened: run manage.py check_inbox --repair.")


class Migration(migrations.Migration):

    dependencies = [
        ('approvals', '0002_decision_post'),
        ('accounts', '0017_south_derbyshire_smt_routes'),
        # What committees return, and the partnerships a review's title names.
        ('register_review', '0002_considered'),
        ('reports', '0002_considered'),
        ('reviews', '0002_considered'),
        ('partnerships', '0009_declaration_conflict_balanced'),
    ]

    operations = [
        migrations.RunPython(open_the_tasks_to_send_again, migrations.RunPython.noop),
    ]
