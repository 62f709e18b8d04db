from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Policy, Service, User
from accounts.services import policy_apply_preset
from partnerships.demo_data import (
    CHORLEY_KEY_PARTNERSHIPS,
    DEMO_OFFICER_LEADS,
    DEMO_PASSWORD,
    DEMO_TIER,
    DEMO_USERS,
    STREETSCENE,
)
from partnerships.models import Partnership
from partnerships.services import partnership_create


class Command(BaseCommand):
    help = "Load the demo register and one demo user per role. Running it again adds nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load demo accounts even though DEBUG is off (never on a live register).",
        )

    @transaction.atomic
    def handle(self, *args, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "Demo accounts share a published password: load them only with DEBUG=1."
            )
        services = {}

        def service(name):
            if name not in services:
                services[name], _ = Service.objects.get_or_create(name=name)
            return services[name]

        users = {}
        for username, first, last, role, service_name, title in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                    "role": role,
                    "service": service(service_name) if service_name else None,
                    "job_title": title,
                    "is_staff": role == "admin",
                    "is_superuser": role == "admin",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            users[username] = user

        # The demo register is Chorley's, so it runs under Chorley's policy, whose register
        # holds contracts and shared services as key partnerships.
        if Policy.current().preset != "chorley":
            policy_apply_preset("chorley", actor=users["admin"])
        for entry in CHORLEY_KEY_PARTNERSHIPS:
            lead_service = service(entry["lead_service"])
            if Partnership.objects.filter(name=entry["name"], lead_service=lead_service).exists():
                continue
            partnership_create(
                users["keeper"],
                name=entry["name"],
                lead_service=lead_service,
                kind=entry["kind"],
                tier=DEMO_TIER,
                remit=entry["remit"],
                monitoring_arrangements="\n".join(entry["monitoring"]),
                additional_monitoring_required=entry["additional_monitoring"],
                lead_officer=users["officer"] if entry["name"] in DEMO_OFFICER_LEADS else None,
                sponsor=users["head"] if entry["lead_service"] == STREETSCENE else None,
            )

        self.stdout.write(f"Demo register: {Partnership.objects.count()} partnerships.")
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        policy = Policy.current()
        for username, user in users.items():
            label = policy.role_label(user.role)
            self.stdout.write(f"  {username:<8} {user.display_name}, {label}")
