from django.core.management.base import BaseCommand

from accounts.inbox import refresh_due_tasks
from reviews.reminders import send_reminders
from reviews.services import reviews_cancel_closed, reviews_plan_all


class Command(BaseCommand):
    help = (
        "Plan a review for every current partnership that has none, cancel those of "
        "partnerships that have ceased, open the tasks the day gives (a review coming due, an "
        "action going overdue), then email the review reminders due today (V1, V2). "
        "Run it daily; running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        cancelled = reviews_cancel_closed()
        planned = reviews_plan_all()
        tasks = refresh_due_tasks()
        sent = send_reminders()
        self.stdout.write(
            f"Planned {planned} reviews. Cancelled {cancelled}. Sent {sent} reminders. "
            f"Opened or brought up to date {tasks} tasks."
        )
