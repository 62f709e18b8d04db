from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and every stored document into one dated archive, with a "
        "manifest of SHA-256 checksums and row counts (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default="backups", help="Folder for the archive (default: backups)."
        )

    def handle(self, *args, output, **options):
        try:
            archive = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
