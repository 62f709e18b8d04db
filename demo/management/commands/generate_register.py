"""A synthetic register for demonstrations and benchmarks: partnerships with their partner
organisations, representatives, risks, resources, strategic objectives and history.

The rows are written in bulk, with their history records written in bulk beside them, so
that ten thousand partnerships take seconds rather than the hours the services would; every
record still has the history record of its creation, naming a register keeper."""

import datetime
import random

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.inbox import differences
from accounts.models import Policy, Service, User
from accounts.roles import Role
from partnerships.models import (
    CouncilRole,
    Engagement,
    Kind,
    LegalStatus,
    PartnerOrganisation,
    Partnership,
    Representative,
    Resource,
    Risk,
    Status,
    StrategicObjective,
    Tier,
)

BATCH = 1000

SERVICES = [
    "Policy and Communications",
    "Streetscene and Leisure Contracts",
    "Strategic Housing",
    "Governance",
    "Customer, ICT & Transactional Services",
    "HR&OD",
    "CEO / Shared Financial Services",
    "Planning",
    "Economic Development",
    "Environmental Health",
    "Community Safety",
    "Health and Wellbeing",
    "Regeneration",
    "Legal Services",
    "Revenues and Benefits",
    "Waste and Recycling",
    "Culture and Tourism",
    "Neighbourhoods",
    "Transport and Highways",
    "Corporate Services",
]
OBJECTIVES = [
    "Involving residents in improving their local area and equality of access for all",
    "Clean, safe and healthy communities",
    "An ambitious council that does more to meet the needs of residents",
    "A strong local economy",
    "Sustainable housing for all",
    "Protecting the environment",
    "Value for money services",
    "Supporting children and young people",
]
PLACES = [
    "Chorley", "South Derbyshire", "Melton", "Northamptonshire", "Nottinghamshire",
    "Lancashire", "Central Lancashire", "Swadlincote", "Derby and Derbyshire", "East Midlands",
    "Leicestershire", "Rutland", "North West", "Preston", "South Ribble", "Leyland",
    "Buckshaw", "Euxton", "Coppull", "Adlington", "Clayton-le-Woods", "Whittle-le-Woods",
    "Melbourne", "Hilton", "Etwall", "Woodville", "Church Gresley", "Newhall",
    "Asfordby", "Bottesford", "Waltham", "Long Clawson", "Wymondham", "Kettering",
    "Corby", "Wellingborough", "Daventry", "Mansfield", "Newark", "Bassetlaw",
]  # fmt: skip
TOPICS = [
    "Community Safety", "Health and Wellbeing", "Waste", "Housing", "Homelessness",
    "Economic", "Skills", "Employment", "Tourism", "Arts", "Sports", "Leisure",
    "Children's Services", "Youth", "Older People", "Carers", "Domestic Abuse",
    "Transport", "Highways", "Climate", "Flood Risk", "Biodiversity", "Parks",
    "Town Centre", "Regeneration", "Rural", "Digital Inclusion", "Financial Inclusion",
    "Food", "Licensing", "Planning", "Heritage", "Volunteering", "Faith", "Equality",
    "Anti-social Behaviour", "Safeguarding", "Public Health", "Air Quality", "Energy",
]  # fmt: skip
FORMS = [
    "Partnership", "Board", "Forum", "Network", "Alliance", "Steering Group",
    "Joint Committee", "Trust", "Consortium", "Working Group", "Panel", "Collaborative",
]  # fmt: skip
PURPOSES = [
    "To coordinate {topic} work across {place} and agree shared priorities.",
    "To deliver the {place} {topic} strategy with partners.",
    "To bring agencies together on {topic} and share information.",
    "To commission and monitor {topic} services for {place} residents.",
    "To improve outcomes for local people through joint work on {topic}.",
]
ORGANISATIONS = [
    ("Lancashire County Council", "public"),
    ("Derbyshire County Council", "public"),
    ("Leicestershire Police", "public"),
    ("Lancashire Constabulary", "public"),
    ("NHS Derby and Derbyshire Integrated Care Board", "public"),
    ("Lancashire and South Cumbria NHS Foundation Trust", "public"),
    ("Environment Agency", "public"),
    ("Homes England", "public"),
    ("Citizens Advice", "voluntary"),
    ("Age UK", "voluntary"),
    ("Groundwork", "voluntary"),
    ("Chorley Community Housing", "voluntary"),
    ("Council for Voluntary Service", "voluntary"),
    ("Local Enterprise Partnership", "public"),
    ("Chamber of Commerce", "private"),
    ("Veolia", "private"),
    ("Glendale", "private"),
    ("Active Nation", "voluntary"),
    ("University of Central Lancashire", "public"),
    ("Fire and Rescue Service", "public"),
    ("Parish Council", "public"),
    ("Diocese", "voluntary"),
]
FIRST_NAMES = [
    "Alex", "Amira", "Ben", "Carys", "Chen", "Dan", "Deepa", "Eve", "Femi", "Grace",
    "Hamza", "Isla", "Jack", "Jo", "Kemi", "Liam", "Lisa", "Maya", "Mo", "Niamh",
    "Olu", "Priya", "Rhys", "Sam", "Sara", "Tom", "Uma", "Will", "Yusuf", "Zoe",
]  # fmt: skip
LAST_NAMES = [
    "Ahmed", "Baker", "Brown", "Clarke", "Davies", "Evans", "Green", "Hall", "Hill",
    "Hughes", "Jackson", "Khan", "Lewis", "Martin", "Morris", "Patel", "Roberts",
    "Shaw", "Singh", "Smith", "Taylor", "Thomas", "Turner", "Walker", "Wood", "Wright",
]  # fmt: skip
RISKS = [
    "A partner withdraws its funding.",
    "The partnership does not deliver its agreed outcomes.",
    "The council's reputation suffers from a partner's actions.",
    "Governance arrangements are unclear and decisions are challenged.",
    "Data is shared without a proper agreement.",
    "Costs rise beyond the agreed contribution.",
    "Key staff leave and knowledge is lost.",
]
FREQUENCIES = ["Monthly", "Every two months", "Quarterly", "Twice a year", "Annually"]
KINDS = [
    (Kind.PARTNERSHIP, 55),
    (Kind.JOINT_WORKING, 15),
    (Kind.OUTSIDE_BODY, 10),
    (Kind.CONTRACT, 10),
    (Kind.SHARED_SERVICE, 5),
    (Kind.STRATEGIC_PARTNERING, 5),
]
STATUSES = [(Status.ACTIVE, 80), (Status.CEASED, 10), (Status.PROPOSED, 5), (Status.EXITING, 5)]


def pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def moment(rng, start, end):
    """An aware time on a random day between two dates, in office hours."""
    day = start + datetime.timedelta(days=rng.randrange(max(1, (end - start).days)))
    at = datetime.datetime.combine(day, datetime.time(rng.randrange(8, 18), rng.randrange(60)))
    return timezone.make_aware(at)


class Command(BaseCommand):
    help = (
        "Add N synthetic partnerships, with their parts and history, to the register: for "
        "demonstrations and benchmarks only."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many partnerships to add.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same data.")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even though DEBUG is off (never on a live register).",
        )

    def handle(self, *args, count, seed, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "This fills the register with invented partnerships: run it only with DEBUG=1, "
                "or with --allow-without-debug on a database made for it."
            )
        if count < 1:
            raise CommandError("Give the number of partnerships to add, 1 or more.")
        started = timezone.now()
        with transaction.atomic():
            made = Generator(seed).run(count)
            # Made in bulk, the reviews and parts were not saved one by one: the inbox's
            # table is brought into line with them here.
            differences(repair=True)
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(f"Added {made:,} partnerships in {seconds:.1f} s.")


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        # Officers are made only once; their own stream keeps the register the same for a
        # seed whether or not they already exist.
        self.people_rng = random.Random(f"people-{seed}")
        self.policy = Policy.current()
        self.today = timezone.localdate()

    def run(self, count):
        services = [Service.objects.get_or_create(name=name)[0] for name in SERVICES]
        objectives = [
            StrategicObjective.objects.get_or_create(name=name, defaults={"position": n})[0]
            for n, name in enumerate(OBJECTIVES)
        ]
        keeper = self.keeper()
        people = self.people(services, min(400, max(20, count // 25)))
        partnerships, earlier = self.partnerships(count, services, people)
        Partnership.objects.bulk_create(partnerships, batch_size=BATCH)
        self.history(partnerships, earlier, objectives, keeper)
        self.parts(partnerships, people, keeper)
        return len(partnerships)

    def keeper(self):
        keeper, created = User.objects.get_or_create(
            username="synthetic.keeper",
            defaults={
                "first_name": "Synthetic",
                "last_name": "Keeper",
                "role": Role.REGISTER_KEEPER,
            },
        )
        if created:
            keeper.set_unusable_password()
            keeper.save(update_fields=["password"])
        return keeper

    def people(self, services, wanted):
        """Officers to lead and sponsor partnerships. They cannot sign in."""
        people = list(User.objects.filter(username__startswith="synthetic.officer."))
        new = []
        for n in range(len(people), wanted):
            first, last = self.people_rng.choice(FIRST_NAMES), self.people_rng.choice(LAST_NAMES)
            user = User(
                username=f"synthetic.officer.{n:04d}",
                first_name=first,
                last_name=last,
                email=f"{first}.{last}.{n}@example.org".lower(),
                role=Role.HEAD_OF_SERVICE if n % 10 == 0 else Role.OFFICER,
                service=self.people_rng.choice(services),
                job_title="Head of Service" if n % 10 == 0 else "Service officer",
            )
            user.set_unusable_password()
            new.append(user)
        return people + bulk_create_with_history(new, User, batch_size=BATCH)

    def names(self, count):
        """Names like 'Chorley Community Safety Partnership', each used once."""
        places, topics, forms = PLACES[:], TOPICS[:], FORMS[:]
        for values in (places, topics, forms):
            self.rng.shuffle(values)
        taken = set(Partnership.objects.values_list("name", flat=True))
        n = len(taken)
        while count:
            place = places[n % len(places)]
            topic = topics[(n // len(places)) % len(topics)]
            form = forms[(n // (len(places) * len(topics))) % len(forms)]
            name = f"{place} {topic} {form}"
            if name in taken:
                name = f"{name} {n}"
            n += 1
            if name in taken:
                continue
            taken.add(name)
            count -= 1
            yield name, place, topic

    def next_number(self):
        numbers = [
            int(reference[1:])
            for reference in Partnership.objects.filter(reference__regex=r"^P[0-9]+$")
            .values_list("reference", flat=True)
            .iterator()
        ]
        return max(numbers, default=0) + 1

    def partnerships(self, count, services, people):
        rng = self.rng
        first = self.next_number()
        made, earlier = [], {}
        for offset, (name, place, topic) in enumerate(self.names(count)):
            kind = pick(rng, KINDS)
            held = self.policy.holds_kind(kind)
            formed = moment(rng, datetime.date(1995, 1, 1), self.today).date()
            ranks = rng.sample([1, 2, 3, 4], rng.randrange(1, 4))
            ranks += [None] * (4 - len(ranks))
            partnership = Partnership(
                # Five digits, so that references sort in order past P9999.
                reference=f"P{first + offset:05d}",
                name=name,
                kind=kind,
                status=pick(rng, STATUSES) if held else Status.EXCLUDED,
                exclusion_reason=""
                if held
                else "Managed as a contract or shared service, outside the register.",
                tier=Tier.SIGNIFICANT if rng.random() < 0.25 else Tier.STANDARD,
                statutory=rng.random() < 0.15,
                accountable_body=rng.choice(ORGANISATIONS)[0],
                council_is_accountable_body=rng.random() < 0.3,
                lead_service=rng.choice(services),
                lead_officer=rng.choice(people) if rng.random() < 0.9 else None,
                sponsor=rng.choice(people) if rng.random() < 0.7 else None,
                council_role=rng.choice(CouncilRole.values),
                engagement=Engagement.FULL if rng.random() < 0.9 else Engagement.CORRESPONDENCE,
                remit=rng.choice(PURPOSES).format(topic=topic.lower(), place=place),
                objectives_contribution=f"Contributes to the council's priorities on "
                f"{topic.lower()}.",
                rank_set_policy=ranks[0],
                rank_service_delivery=ranks[1],
                rank_networking=ranks[2],
                rank_other=ranks[3],
                other_function="Lobbying" if ranks[3] else "",
                date_formed=formed,
                proposed_end_date=formed.replace(year=formed.year + 10)
                if rng.random() < 0.3 and formed.month * 100 + formed.day != 229
                else None,
                legal_status=rng.choice(LegalStatus.values),
                meeting_location=f"{place} Town Hall",
                meeting_frequency=rng.choice(FREQUENCIES),
                has_agreement=rng.random() < 0.7,
                agreement_description="Terms of reference agreed by the board.",
                exit_strategy="Six months' notice to the other partners.",
                monitoring_arrangements=f"{rng.choice(FREQUENCIES)} reports to the partnership "
                "board and an annual report to Cabinet.",
                additional_monitoring_required=rng.random() < 0.4,
            )
            created = moment(rng, formed, self.today + datetime.timedelta(days=1))
            partnership._history_date = created
            if rng.random() < 0.3:
                # Changed once since: version 2, with its monitoring arrangements reworded.
                earlier[partnership.reference] = partnership.monitoring_arrangements
                partnership.monitoring_arrangements += (
                    " Reviewed annually by Overview and Scrutiny."
                )
                partnership.version = 2
            made.append(partnership)
        return made, earlier

    def history(self, partnerships, earlier, objectives, keeper):
        history = Partnership.history
        # PostgreSQL and SQLite give bulk-created rows their keys; the history needs them.
        if partnerships and partnerships[0].pk is None:
            raise CommandError("This database does not return the keys of bulk-created rows.")

        # Objectives, and their place in the history record of the partnership's creation.
        through = Partnership.strategic_objectives.through
        links = [
            through(partnership_id=p.pk, strategicobjective_id=o.pk)
            for p in partnerships
            for o in self.rng.sample(objectives, self.rng.randrange(0, 4))
        ]
        links = through.objects.bulk_create(links, batch_size=BATCH)

        created = []
        for partnership in partnerships:
            record = Partnership(
                **{f.attname: getattr(partnership, f.attname) for f in Partnership._meta.fields}
            )
            if partnership.reference in earlier:
                record.monitoring_arrangements = earlier[partnership.reference]
                record.version = 1
            record._history_date = partnership._history_date
            record._history_user = keeper
            created.append(record)
        records = history.bulk_history_create(created, batch_size=BATCH, default_user=keeper)
        changed = [p for p in partnerships if p.reference in earlier]
        for partnership in changed:
            partnership._history_date = moment(
                self.rng, partnership._history_date.date(), self.today + datetime.timedelta(1)
            )
            partnership._history_user = keeper
        records += history.bulk_history_create(
            changed, batch_size=BATCH, update=True, default_user=keeper
        )
        m2m_history = apps.get_model("partnerships", "HistoricalPartnership_strategic_objectives")
        record_of = {}
        for record in records:
            record_of.setdefault(record.id, []).append(record)
        m2m_history.objects.bulk_create(
            [
                m2m_history(
                    history_id=record.pk,
                    id=link.pk,
                    partnership_id=link.partnership_id,
                    strategicobjective_id=link.strategicobjective_id,
                )
                for link in links
                for record in record_of[link.partnership_id]
            ],
            batch_size=BATCH,
        )

    def parts(self, partnerships, people, keeper):
        rng = self.rng
        organisations, representatives, risks, resources = [], [], [], []
        this_year = self.today.year
        for partnership in partnerships:
            for name, sector in rng.sample(ORGANISATIONS, rng.randrange(2, 6)):
                organisations.append(
                    PartnerOrganisation(
                        partnership_id=partnership.pk,
                        name=name,
                        sector=sector,
                        agreed_to_participate=rng.choice(["yes", "yes", "yes", "dont_know"]),
                    )
                )
            for n in range(rng.randrange(1, 4)):
                person = rng.choice(people)
                started = moment(rng, partnership.date_formed, self.today).date()
                representatives.append(
                    Representative(
                        partnership_id=partnership.pk,
                        name=person.get_full_name(),
                        user=person,
                        kind=Representative.Kind.OFFICER if n else Representative.Kind.MEMBER,
                        role=Representative.Role.REPRESENTATIVE
                        if n == 0
                        else rng.choice(Representative.Role.values),
                        started_on=started,
                    )
                )
            for _ in range(rng.randrange(0, 4)):
                risks.append(
                    Risk(
                        partnership_id=partnership.pk,
                        description=rng.choice(RISKS),
                        likelihood=rng.randrange(1, 5),
                        impact=rng.randrange(1, 5),
                        owner=rng.choice(["Lead officer", "Head of Service", "Director"]),
                        controls="Reported to the partnership board each quarter.",
                        escalate_to_corporate_register=rng.random() < 0.05,
                    )
                )
            for back in range(rng.randrange(1, 4)):
                year = this_year - back
                resources.append(
                    Resource(
                        partnership_id=partnership.pk,
                        financial_year=f"{year}/{(year + 1) % 100:02d}",
                        kind=rng.choice(Resource.Kind.values),
                        description="The council's contribution",
                        amount=rng.randrange(0, 250) * 100,
                        hours=rng.randrange(0, 200),
                        within_budget=rng.random() < 0.9,
                    )
                )
        when = timezone.now()
        for model, objects in [
            (PartnerOrganisation, organisations),
            (Representative, representatives),
            (Risk, risks),
            (Resource, resources),
        ]:
            bulk_create_with_history(
                objects, model, batch_size=BATCH, default_user=keeper, default_date=when
            )
