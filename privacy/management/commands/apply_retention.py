from django.core.management.base import BaseCommand

from privacy.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Applies the policy's retention schedule: anonymises the people whose time has passed, "
        "in the records and their history, and deletes the files of removed documents. Run "
        "it daily (cron or a scheduled task); running it again does no harm."
    )

    def handle(self, *args, **options):
        run = apply_retention()
        self.stdout.write(
            f"Anonymised {run.representatives} representatives, {run.declarations} "
            f"declarations and {run.risk_owners} risk owners; deleted {run.files_deleted} "
            "files of removed documents."
        )
