from django.core.management.base import BaseCommand, CommandError

from accounts.inbox import differences


class Command(BaseCommand):
    help = (
        "Work out every task from the records and compare it with the inbox's table: report "
        "each task missing from the table, open in it but no longer given, or saying "
        "something else. Exits non-zero when any differ. With --repair, brings the table "
        "into line (tasks are closed, never deleted)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Open, close and rewrite rows to match."
        )

    def handle(self, *args, repair=False, **options):
        found = differences(repair=repair)
        for difference in found:
            self.stdout.write(str(difference))
        if not found:
            self.stdout.write("The inbox's table matches the records.")
            return
        if repair:
            self.stdout.write(f"Repaired {len(found)} differences.")
            return
        raise CommandError(f"{len(found)} differences between the inbox's table and the records.")
