from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.inbox import differences
from accounts.models import Policy, Service, User
from accounts.policy import preset_keys
from accounts.roles import Role
from accounts.services import policy_apply_preset
from demo.councils import COUNCILS, DEFAULT_COUNCIL, council_of_register
from demo.register import DEMO_PASSWORD
from partnerships.models import (
    CouncilRole,
    LegalStatus,
    PartnerOrganisation,
    Partnership,
    Representative,
    Resource,
    Risk,
    StrategicObjective,
)
from partnerships.services import objective_save, part_save, partnership_create, partnership_update
from proposals.models import Proposal
from proposals.services import proposal_save, proposal_start, proposal_submit

# Answers for the demo proposal's checklists, by kind of question.
DEMO_ANSWERS = {
    "text": "Set out in the business case, section 3.",
    "yes_no": "yes",
    "yes_no_dont_know": "yes",
    "covered": "written",
    "rating": "3",
    "date": "2026-11-01",
    "number": "1",
    "money": "50000",
}

# The apps that add their own demo records once the register is in place, in this order.
DEMO_APPS = [
    "reviews",
    "register_review",
    "reports",
    "audits",
    "self_assessment",
]  # demo/<app>.py, in this order


class Command(BaseCommand):
    help = (
        "Load a council's demo register and one demo user per role. Running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--council",
            default=DEFAULT_COUNCIL,
            help=f"The council whose policy and register to load: one of "
            f"{', '.join(preset_keys())} (default {DEFAULT_COUNCIL}).",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load demo accounts even though DEBUG is off (never on a live register).",
        )

    @transaction.atomic
    def handle(self, *args, council=DEFAULT_COUNCIL, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "Demo accounts share a published password: load them only with DEBUG=1."
            )
        if council not in preset_keys() or council not in COUNCILS:
            raise CommandError(
                f"No council called {council!r}. Choose one of: {', '.join(preset_keys())}."
            )
        loaded = council_of_register()
        if loaded and loaded != council:
            # Two councils' registers in one database would show each other's partnerships.
            raise CommandError(
                f"This database already holds the {loaded} demo. Load the {council} demo "
                "into a fresh database (for example, delete db.sqlite3 and run it again)."
            )
        demo = COUNCILS[council]
        services = {}

        def service(name):
            if name not in services:
                services[name], _ = Service.objects.get_or_create(name=name)
            return services[name]

        users = {}
        for username, first, last, role, service_name, title in demo.users:
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

        # Each council's register holds only the kinds its own policy allows.
        if Policy.current().preset != council:
            policy_apply_preset(council, actor=users["admin"])
        for entry in demo.partnerships:
            lead_service = service(entry["lead_service"])
            if Partnership.objects.filter(name=entry["name"], lead_service=lead_service).exists():
                continue
            partnership_create(
                name=entry["name"],
                lead_service=lead_service,
                kind=entry["kind"],
                tier=entry["tier"],
                remit=entry["remit"],
                monitoring_arrangements="\n".join(entry["monitoring"]),
                additional_monitoring_required=entry["additional_monitoring"],
                lead_officer=users["officer"] if entry["name"] in demo.officer_leads else None,
                sponsor=users["head"] if entry["lead_service"] == demo.sponsor_service else None,
                actor=users["keeper"],
            )

        self.load_detail(demo, users["keeper"])
        self.load_proposal(demo.proposal, users["officer"])
        for app in DEMO_APPS:
            import_module(f"demo.{app}").load(users, self.stdout)
        # Whatever the loaders made in bulk, the inbox ends matching the records.
        differences(repair=True)
        active = Partnership.objects.filter(status="active").count()
        self.stdout.write(f"Demo register: {active} partnerships, and one proposal waiting.")
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        policy = Policy.current()
        for username, user in users.items():
            label = policy.role_label(user.role)
            self.stdout.write(f"  {username:<10} {user.display_name}, {label}, {user.job_title}")

    def load_detail(self, demo, keeper):
        detail = demo.detail
        for position, name in enumerate(demo.objectives, start=1):
            if not StrategicObjective.objects.filter(name=name).exists():
                objective_save(StrategicObjective(name=name, position=position), actor=keeper)
        partnership = Partnership.objects.get(name=detail["partnership"])
        if partnership.partner_organisations.exists():
            return  # loaded before
        objectives = StrategicObjective.objects.order_by("position")
        partnership_update(
            partnership.pk,
            partnership.version,
            strategic_objectives=[objectives[i] for i in detail["objectives"]],
            council_role=CouncilRole.MAJOR,
            legal_status=LegalStatus.UNINCORPORATED,
            meeting_frequency=detail["meeting_frequency"],
            exit_strategy=detail["exit_strategy"],
            actor=keeper,
        )
        for name, sector, agreed in detail["partners"]:
            part_save(
                partnership.pk,
                PartnerOrganisation(name=name, sector=sector, agreed_to_participate=agreed),
                actor=keeper,
            )
        for name, kind, role, started in detail["representatives"]:
            part_save(
                partnership.pk,
                Representative(name=name, kind=kind, role=role, started_on=started),
                actor=keeper,
            )
        for year, kind, description, amount, hours, within in detail["resources"]:
            part_save(
                partnership.pk,
                Resource(
                    financial_year=year,
                    kind=kind,
                    description=description,
                    amount=amount,
                    hours=hours,
                    within_budget=within,
                ),
                actor=keeper,
            )
        for description, likelihood, impact, owner, controls, escalate in detail["risks"]:
            part_save(
                partnership.pk,
                Risk(
                    description=description,
                    likelihood=likelihood,
                    impact=impact,
                    owner=owner,
                    controls=controls,
                    escalate_to_corporate_register=escalate,
                ),
                actor=keeper,
            )

    def load_proposal(self, proposed, officer):
        """A proposal waiting for the Head of Service, so that the inbox has something in it."""
        if Proposal.objects.exists():
            return
        policy = Policy.current()
        proposal = proposal_start(proposed["name"], officer.service, actor=officer)
        # It meets the first of the council's tier criteria, so that it goes the significant
        # route with every checklist that route asks for.
        answers = [
            {"key": q["key"], "question": q["text"], "answer": i == 0}
            for i, q in enumerate(policy.tier_questions)
        ]
        proposal = proposal_save(
            proposal.pk,
            partnership_fields={
                "remit": proposed["remit"],
                "accountable_body": proposed["accountable_body"],
                "tier": policy.decide_tier({a["key"]: a["answer"] for a in answers}),
                "tier_answers": {"policy": policy.preset, "answers": answers},
                # A senior officer sponsors it (002 s4(c), 000 s4.1).
                "sponsor": User.objects.filter(role=Role.SMT, is_active=True)
                .order_by("pk")
                .first(),
            },
            proposal_fields={
                key: proposed[key]
                for key in ("alternative_existing", "alternative_consult", "alternative_contract")
            },
            actor=officer,
        )
        proposal.partnership.refresh_from_db()  # its tier was just decided
        self.complete_checklists(officer, proposal, policy)
        proposal_submit(proposal.pk, actor=officer)

    def complete_checklists(self, officer, proposal, policy):
        """P2: the demo proposal comes with the checklists its council asks for."""
        from assessments.loader import load_forms
        from assessments.services import form_save_answers, form_start

        load_forms()
        for key in policy.checklists_for(proposal.partnership.tier):
            form = form_start(proposal.partnership, key, actor=officer)
            answers = {
                q["key"]: {"value": DEMO_ANSWERS.get(q["type"], DEMO_ANSWERS["text"])}
                for q in form.template.questions()
            }
            form_save_answers(form.pk, answers, actor=officer)
