from django.core.management.base import BaseCommand, CommandError

from accounts.policy import DEFAULT_PRESET, preset_keys
from accounts.services import policy_apply_preset


class Command(BaseCommand):
    help = "Apply one of the shipped council policy presets."

    def add_arguments(self, parser):
        parser.add_argument("preset", nargs="?", default=DEFAULT_PRESET, choices=preset_keys())

    def handle(self, *args, preset, **options):
        try:
            policy = policy_apply_preset(preset)
        except KeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Policy in force: {policy}")
