from django.core.management.base import BaseCommand

from accounts.policy import DEFAULT_PRESET, Policy, preset_keys
from accounts.services import policy_apply_preset


class Command(BaseCommand):
    help = "Apply one of the shipped council policy presets."

    def add_arguments(self, parser):
        parser.add_argument("preset", nargs="?", default=DEFAULT_PRESET, choices=preset_keys())
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="Do nothing if a policy is already in force (for set-up scripts).",
        )

    def handle(self, *args, preset, keep_existing=False, **options):
        if keep_existing and Policy.objects.exists():
            self.stdout.write(f"Policy in force: {Policy.current()} (kept)")
            return
        policy = policy_apply_preset(preset)
        self.stdout.write(f"Policy in force: {policy}")
