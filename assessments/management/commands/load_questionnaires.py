from django.core.management.base import BaseCommand, CommandError

from assessments.loader import TemplateError, load_forms


class Command(BaseCommand):
    help = "Load the questionnaire templates in assessments/forms/ (new versions only)."

    def handle(self, *args, **options):
        try:
            created, unchanged = load_forms()
        except TemplateError as error:
            raise CommandError(str(error)) from error
        for template in created:
            self.stdout.write(f"Loaded {template}")
        self.stdout.write(f"{len(created)} new, {len(unchanged)} already loaded.")
