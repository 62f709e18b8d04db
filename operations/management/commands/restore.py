from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup` into an empty database and storage, then check "
        "every table's rows and every file's checksum against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database or storage that is not empty.",
        )

    def handle(self, *args, archive, force, **options):
        try:
            manifest = restore(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        problems = verify(manifest)
        if problems:
            raise CommandError("Restored, but it differs from the backup:\n" + "\n".join(problems))
        self.stdout.write(
            f"Restored {len(manifest['tables'])} tables and {len(manifest['files'])} files "
            f"from the backup of {manifest['created']}"
        )
