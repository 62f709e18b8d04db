"""Makes the sample PDFs of completed forms kept in docs/samples/ (A8).

Each sample is a demo partnership whose form is completed, submitted, given an action plan
and signed off along the council's own route, through the same services the pages use, then
printed by the same function as the download. It all happens in one transaction that is
rolled back, so the database is left as it was; each step is dated to a fixed day, so the
samples print the same dates however often they are made.

    manage.py sample_pdfs [--output DIR]
"""

import datetime
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Service, User
from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Outcome, Route
from approvals.services import route_decide
from assessments import services
from assessments.form_pdf import form_pdf_bytes
from assessments.loader import load_forms
from assessments.models import Action, CompletedForm
from partnerships.services import partnership_create

Term, Status = Action.Term, Action.Status


def rated(value, evidence=""):
    return {"value": str(value), "evidence": evidence}


def written(text):
    return {"value": text}


SOUTH_DERBYSHIRE = {
    "file": "south-derbyshire-partnership-assessment.pdf",
    "preset": "south-derbyshire",
    "form": "south-derbyshire-assessment",
    "service": "Cultural and Community Services",
    "people": {
        # username: (first name, last name, role, job title)
        "lead": ("Rachel", "Thornton", Role.OFFICER, "Sport and Health Partnership Officer"),
        "head": ("Mark", "Ellison", Role.HEAD_OF_SERVICE, "Head of Cultural Services"),
        "keeper": ("Anne", "Whitfield", Role.REGISTER_KEEPER, "Corporate Performance Manager"),
    },
    "partnership": {
        "reference": "SAMPLE-SD1",
        "name": "South Derbyshire Sport and Health Partnership",
        "remit": "To get more residents active, more often, and to narrow the gap in healthy "
        "life expectancy between the district's wards.",
    },
    "started": datetime.date(2026, 1, 12),
    "answers": {
        "1.1": rated(
            4,
            "Partnership Plan 2025–28 sets the vision, six targets and milestones. "
            "The annual report to the Environmental and Development Services Committee "
            "links each target to the Council's Corporate Plan.",
        ),
        "2.1": rated(
            3,
            "Terms of reference (revised June 2025) and a funding agreement are in "
            "place. The Board is drawing up its own risk register (see the action plan).",
        ),
        "3.1": rated(
            4,
            "Independent chair, elected each year. The joint bid to Sport England in "
            "2025 won £180,000 that no partner could have won alone.",
        ),
        "4.1": rated(
            3,
            "Agendas and minutes are issued by the Council's Democratic Services. "
            "The shared coordinator post is being reviewed to remove duplication.",
        ),
        "5.1": rated(
            2,
            "An equality impact assessment was done for the plan, but no service "
            "users sit on the Board yet.",
        ),
        "6.1": rated(
            4,
            "Member of the Derbyshire physical activity network; reports each year "
            "to the Derbyshire Health and Wellbeing Board.",
        ),
        "7.1": rated(
            3, "A peer review with a neighbouring district's partnership is booked for spring 2026."
        ),
        "8.1": rated(
            2,
            "Targets are reported twice a year, but partners do not yet share "
            "attendance data in one format.",
        ),
        "9.1": rated(
            4,
            "Costs are shared under the funding agreement; partners agreed to share "
            "the risk of grant clawback (Board minutes, 14 October 2025, item 6).",
        ),
        "10.1": rated(1, "Membership and policies have not been reviewed since 2021."),
    },  # fmt: skip
    "submitted": datetime.date(2026, 2, 3),
    "actions": [
        {
            "question_key": "10.1",
            "term": Term.LONGER,
            "owner": "lead",
            "description": "Review the partnership's membership, policies and strategy, using the "
            "2025 residents' survey and Active Lives data.",
            "deadline": datetime.date(2026, 9, 30),
            "measures": "Review reported to the Board in September 2026; revised terms of "
            "reference agreed.",
            "status": Status.OPEN,
        },
        {
            "question_key": "5.1",
            "term": Term.QUICK_WIN,
            "owner": "lead",
            "description": "Invite two service users to join the Board.",
            "deadline": datetime.date(2026, 6, 30),
            "measures": "Two service user representatives attending by the June Board.",
            "status": Status.IN_PROGRESS,
        },
        {
            "question_key": "8.1",
            "term": Term.QUICK_WIN,
            "owner": "head",
            "description": "Agree one format for sharing attendance and participation data.",
            "deadline": datetime.date(2026, 5, 29),
            "measures": "Data sharing protocol signed by all partners; first joint dashboard at "
            "the July Board.",
            "status": Status.OPEN,
        },
        {
            "question_key": "2.1",
            "term": Term.QUICK_WIN,
            "owner": "lead",
            "description": "Draw up the Board's risk register.",
            "deadline": datetime.date(2026, 4, 30),
            "measures": "Risk register agreed by the Board and reviewed at every meeting.",
            "status": Status.DONE,
        },
    ],  # fmt: skip
    "decisions": [
        (
            "head",
            datetime.date(2026, 2, 9),
            {},
            "A fair picture of the partnership. The review of membership and policies is the "
            "priority for this year.",
        ),
        (
            "keeper",
            datetime.date(2026, 2, 16),
            {},
            "Recorded in the partnership register. The next assessment is due in February 2027.",
        ),
    ],  # fmt: skip
}

# The toolkit's prompts under each principle, answered for some principles only, as people do.
MELTON_PROMPTS = {
    "1.well": "Agreeing priorities from the annual strategic assessment.",
    "1.better": "Telling residents what has changed as a result of their feedback.",
    "1.improvements": "Town centre night-time economy plan with the licensees' forum.",
    "2.well": "Meetings are short, timetabled a year ahead and papers go out a week before.",
    "2.better": "Matching partners' budgets to the plan before the year starts.",
    "3.better": "Publishing what the partnership decides.",
    "3.start": "Holding one open meeting a year in a different village.",
    "4.well": "Using the skills of partners: the fire service leads on home safety visits.",
    "4.stop": "Commissioning one-off projects without an evaluation.",
    "5.well": "The quarterly performance report: clear milestones and named leads.",
    "5.innovative": "Shared case management for anti-social behaviour with the police.",
}

MELTON_RATINGS = {
    "1": [4, 4, 3, 3, 3, 4],
    "2": [3, 4, 3, 4, 4, 2],
    "3": [4, 3, 4, 3, 2],
    "4": [3, 4, 2, 1, 4],
    "5": [4, 3, 4, 3, 4],
}

MELTON = {
    "file": "melton-partnership-evaluation-toolkit.pdf",
    "preset": "melton",
    "form": "melton-toolkit",
    "service": "Communities and Neighbourhoods",
    "people": {
        "lead": ("Priya", "Sharma", Role.OFFICER, "Community Safety Officer"),
        "head": ("David", "Lowe", Role.HEAD_OF_SERVICE, "Head of Communities"),
        "clerk": ("Sarah", "Kent", Role.CLERK, "Democratic Services Officer"),
        "keeper": ("Tom", "Bradley", Role.REGISTER_KEEPER, "Policy and Performance Officer"),
    },
    "partnership": {
        "reference": "SAMPLE-MBC1",
        "name": "Melton Community Safety Partnership",
        "remit": "To reduce crime, disorder and anti-social behaviour in the borough, as the "
        "Crime and Disorder Act 1998 requires.",
    },
    "started": datetime.date(2026, 1, 19),
    "answers": {
        "details.1": written("Melton Community Safety Partnership"),
        "details.2": written(
            "1 Service delivery, 2 Set policy, 3 Networking, 4 Other (please state)"
        ),
        "details.3": written(
            "Commissioning the youth diversion project with the Police and Crime Commissioner."
        ),
        "details.4": written("yes"),
        "details.5": written("yes"),
        "details.6": written("18500"),
        "details.7": written("1"),
        "details.8": written("65000"),
        "details.9": written(
            "Officer time from Leicestershire Police, Leicestershire Fire and "
            "Rescue Service and the Council's community safety team; a meeting "
            "room at the Council's offices."
        ),
        "details.10": written("Priya Sharma, Community Safety Officer"),
        "details.11": written("2026-02-02"),
        **{
            f"{section}.{n}": rated(value)
            for section, values in MELTON_RATINGS.items()
            for n, value in enumerate(values, start=1)
        },
        **{key: written(text) for key, text in MELTON_PROMPTS.items()},
        "summary.1": written(
            "The Council is an active and valued member: it chairs the partnership, provides "
            "its coordinator and leads on anti-social behaviour. Its contribution is within "
            "the community safety budget."
        ),
        "summary.2": written(
            "That the Council stays a member for the next three-year cycle, and that the action "
            "plan's quick wins on openness and learning are reported back in six months."
        ),
    },  # fmt: skip
    "submitted": datetime.date(2026, 2, 20),
    "actions": [
        {
            "question_key": "3.5",
            "term": Term.QUICK_WIN,
            "owner": "lead",
            "description": "Publish agendas and minutes of partnership meetings on the Council's "
            "website.",
            "deadline": datetime.date(2026, 4, 30),
            "measures": "Minutes of every meeting from April 2026 online within ten working days.",
            "status": Status.IN_PROGRESS,
        },
        {
            "question_key": "4.4",
            "term": Term.QUICK_WIN,
            "owner": "lead",
            "description": "Ask members who leave, or stop coming, why; use a short exit "
            "questionnaire.",
            "deadline": datetime.date(2026, 6, 30),
            "measures": "Questionnaire in use; findings reported to the partnership each year.",
            "status": Status.OPEN,
        },
        {
            "question_key": "2.6",
            "term": Term.LONGER,
            "owner": "head",
            "description": "Agree with partners when the partnership's lifetime and structure "
            "will next be reviewed.",
            "deadline": datetime.date(2027, 3, 31),
            "measures": "Review date written into the terms of reference; review reported to "
            "Management Team.",
            "status": Status.OPEN,
        },
        {
            "question_key": "4.3",
            "term": Term.LONGER,
            "owner": "lead",
            "description": "Bring young people's views from the youth survey into the strategic "
            "assessment.",
            "deadline": datetime.date(2026, 12, 18),
            "measures": "Strategic assessment 2026/27 includes the youth survey's findings.",
            "status": Status.OPEN,
        },
    ],  # fmt: skip
    "decisions": [
        (
            "head",
            datetime.date(2026, 2, 26),
            {},
            "Approved. A thorough evaluation; the action plan deals with the weaker scores on "
            "openness and learning.",
        ),
        (
            "clerk",
            datetime.date(2026, 3, 11),
            {"meeting_date": datetime.date(2026, 3, 10), "minute_reference": "MT/2026/23"},
            "Management Team noted the evaluation and agreed that the Council stays a member. "
            "Progress on the action plan to come back in September 2026.",
        ),
    ],  # fmt: skip
}

SAMPLES = [SOUTH_DERBYSHIRE, MELTON]


@contextmanager
def on(day, hour=10):
    """Everything done inside happens at this hour of this day, as far as the records go."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


class Command(BaseCommand):
    help = "Print the sample PDFs of completed forms (docs/samples/). Leaves no data behind."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "docs" / "samples"),
            help="The folder to write them to (default: docs/samples).",
        )

    def handle(self, *args, output, **options):
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        with transaction.atomic():
            load_forms()
            for sample in SAMPLES:
                path = folder / sample["file"]
                path.write_bytes(self.print_sample(sample))
                self.stdout.write(f"Wrote {path}")
            # Nothing made for the samples is kept.
            transaction.set_rollback(True)

    def print_sample(self, sample):
        policy_apply_preset(sample["preset"])
        service, _ = Service.objects.get_or_create(name=sample["service"])
        people = {
            key: User.objects.create(
                username=f"sample-{sample['preset']}-{key}",
                first_name=first,
                last_name=last,
                role=role,
                job_title=title,
                service=service,
            )
            for key, (first, last, role, title) in sample["people"].items()
        }
        lead, keeper = people["lead"], people["keeper"]
        with on(sample["started"]):
            partnership = partnership_create(
                lead_service=service, lead_officer=lead, **sample["partnership"], actor=keeper
            )
            form = services.form_start(partnership, sample["form"], actor=lead)
            services.form_save_answers(form.pk, sample["answers"], actor=lead)
        with on(sample["submitted"]):
            services.form_submit(form.pk, actor=lead)
            for action in sample["actions"]:
                fields = {**action, "owner": people[action["owner"]]}
                services.action_save(form.pk, Action(**fields), actor=lead)
        route = Route.objects.of(form)
        for who, day, committee, comment in sample["decisions"]:
            route.refresh_from_db()
            with on(day, hour=15):
                route_decide(
                    route.pk, route.current_step, Outcome.APPROVED, comment,
                    **committee, actor=people[who],
                )  # fmt: skip
        completed = CompletedForm.objects.select_related("template", "partnership").get(pk=form.pk)
        return form_pdf_bytes(completed, Policy.current())
