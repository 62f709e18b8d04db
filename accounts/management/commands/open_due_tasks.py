from django.core.management.base import BaseCommand

from accounts.inbox import refresh_due_tasks


class Command(BaseCommand):
    help = (
        "Open the tasks that a new day alone gives (a review coming due within its notice, "
        "an action going overdue) and bring those it changes up to date. Run it daily "
        "(send_review_reminders runs it too); running it again changes nothing."
    )

    def handle(self, *args, **options):
        changed = refresh_due_tasks()
        self.stdout.write(f"Opened or brought up to date {changed} tasks.")
