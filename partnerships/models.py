"""The register: partnerships and the records that hang off them (R1-R14).

Every model a person can change keeps its history (R12). Business rules live in services.py;
these classes only describe the data and answer questions about it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.history import LinkedHistoricalRecords


class Kind(models.TextChoices):
    """R1: what an arrangement is, decided before it enters the register."""

    PARTNERSHIP = "partnership", "Partnership"
    CONTRACT = "contract", "Contract for services"
    SHARED_SERVICE = "shared_service", "Shared service"
    JOINT_WORKING = "joint_working", "Joint working, forum or network"
    OUTSIDE_BODY = "outside_body", "Outside body"
    STRATEGIC_PARTNERING = "strategic_partnering", "Strategic partnering"
    MIXED = "mixed", "Mixed contractual and partnership arrangement"


# R1: kinds that only some frameworks name, offered only where the policy's register holds
# them or names them in its own words ([register.labels]).
NAMED_ONLY_KINDS = {Kind.MIXED}


def kind_choices(policy):
    """R1: the kinds a policy offers, each in the policy's own words where it has them."""
    labels = policy.register_kind_labels
    return [
        (value, labels.get(value, label))
        for value, label in Kind.choices
        if value not in NAMED_ONLY_KINDS or value in labels or policy.holds_kind(value)
    ]


def kind_label(policy, kind):
    """A kind as the policy names it: its own words, else the general label."""
    return policy.register_kind_labels.get(str(kind)) or Kind(kind).label


class Status(models.TextChoices):
    DRAFT = "draft", "Draft proposal"
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    EXCLUDED = "excluded", "Excluded from the register"
    REJECTED = "rejected", "Rejected"
    EXITING = "exiting", "Exiting"
    CEASED = "ceased", "Ceased"


# The colour of each status's tag (GOV.UK tag modifiers); any other status is grey.
STATUS_COLOURS = {
    Status.ACTIVE: "green",
    Status.PROPOSED: "blue",
    Status.EXITING: "orange",
    Status.REJECTED: "red",
    Status.EXCLUDED: "red",
}


class Tier(models.TextChoices):
    """R3: the policy names the significant tier (significant, key, strategic)."""

    SIGNIFICANT = "significant", "Significant"
    STANDARD = "standard", "Standard"


class CouncilRole(models.TextChoices):
    LEAD = "lead", "Lead organisation"
    MAJOR = "major", "Major partner"
    MINOR = "minor", "Minor partner"
    OBSERVER = "observer", "Observer"


class Engagement(models.TextChoices):
    FULL = "full", "Full member"
    CORRESPONDENCE = "correspondence", "Correspondence only (courtesy invitation)"


class LegalStatus(models.TextChoices):
    UNINCORPORATED = "unincorporated", "Unincorporated association or informal partnership"
    COMPANY = "company", "Company limited by guarantee or shares"
    CHARITY = "charity", "Charity or charitable incorporated organisation"
    JOINT_COMMITTEE = "joint_committee", "Joint committee"
    STATUTORY_BODY = "statutory_body", "Statutory body"
    CONTRACT = "contract", "Contract or legal agreement"
    OTHER = "other", "Other"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DONT_KNOW = "dont_know", "Don't know"


class RegisterGroup(models.IntegerChoices):
    """R4: statutory first, then community-based, then network groups and forums."""

    STATUTORY = 1, "Statutory partnerships"
    COMMUNITY = 2, "Community-based partnerships"
    NETWORK = 3, "Network groups and forums"


class StrategicObjective(models.Model):
    """The council's strategic objectives, a list the register keeper maintains (R2)."""

    name = models.CharField(max_length=300, unique=True)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


CURRENT_STATUSES = [Status.ACTIVE, Status.EXITING]


def register_group_expression():
    """R4's grouping as SQL. The register's default order and its index use this one
    expression, so the database can read the first page straight from the index."""
    return Case(
        When(statutory=True, then=Value(RegisterGroup.STATUTORY)),
        When(kind=Kind.JOINT_WORKING, then=Value(RegisterGroup.NETWORK)),
        default=Value(RegisterGroup.COMMUNITY),
        output_field=IntegerField(),
    )


class AboutAPartnership:
    """What the route engine asks alike of everything that travels a route about one
    partnership (a proposal, a completed form, a significant change, a withdrawal)."""

    # What the inbox reads with it to show its route_title (approvals.inbox).
    route_related = ("partnership",)

    def route_minutes(self):
        """The documents a committee's minutes may be linked from."""
        return self.partnership.minutes()


class PartnershipQuerySet(models.QuerySet):
    def search(self, text):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text) | Q(reference__iexact=text) | Q(remit__icontains=text)
        )

    def with_register_group(self):
        return self.annotate(register_group=register_group_expression())

    def in_register_order(self):
        return self.with_register_group().order_by("register_group", "name", "pk")

    def in_register(self):
        """What the register lists by default: held arrangements, not excluded or rejected."""
        return self.exclude(status__in=[Status.EXCLUDED, Status.REJECTED])


class Partnership(models.Model):
    reference = models.CharField(
        max_length=20,
        unique=True,
        help_text="The register's own reference, used to match rows when a spreadsheet is "
        "imported again.",
    )
    name = models.CharField(max_length=300)
    kind = models.CharField(
        "Kind of arrangement", max_length=32, choices=Kind.choices, default=Kind.PARTNERSHIP
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    exclusion_reason = models.TextField(
        blank=True, help_text="Why the arrangement is kept out of the register (R1)."
    )
    tier = models.CharField(max_length=16, choices=Tier.choices, default=Tier.STANDARD)
    tier_answers = models.JSONField(
        default=dict,
        blank=True,
        help_text="The answers to the policy's tier test that decided the tier (R3).",
    )
    statutory = models.BooleanField(default=False)

    # Who is responsible.
    accountable_body = models.CharField(
        "Accountable body",
        max_length=300,
        blank=True,
        help_text="The organisation the partnership is responsible to.",
    )
    council_is_accountable_body = models.BooleanField(default=False)
    lead_service = models.ForeignKey(
        "accounts.Service", on_delete=models.PROTECT, related_name="partnerships"
    )
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Sponsoring officer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sponsored_partnerships",
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Lead officer or Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_partnerships",
    )
    council_role = models.CharField(
        "Council's role", max_length=16, choices=CouncilRole.choices, blank=True
    )
    engagement = models.CharField(
        "Engagement level", max_length=16, choices=Engagement.choices, default=Engagement.FULL
    )

    # What it is for.
    remit = models.TextField("Main purpose or remit")
    strategic_objectives = models.ManyToManyField(
        StrategicObjective, blank=True, related_name="partnerships"
    )
    objectives_contribution = models.TextField(
        "Links and contribution to the council's strategic objectives", blank=True
    )
    # Main functions ranked 1 (most important) to 4 (Melton, Appendix C); blank = not a function.
    rank_set_policy = models.PositiveSmallIntegerField("Set policy", null=True, blank=True)
    rank_service_delivery = models.PositiveSmallIntegerField(
        "Service delivery", null=True, blank=True
    )
    rank_networking = models.PositiveSmallIntegerField("Networking", null=True, blank=True)
    rank_other = models.PositiveSmallIntegerField("Other function", null=True, blank=True)
    other_function = models.CharField("Other function (please state)", max_length=200, blank=True)

    # How it works.
    date_formed = models.DateField(null=True, blank=True)
    proposed_end_date = models.DateField(null=True, blank=True)
    legal_status = models.CharField(max_length=32, choices=LegalStatus.choices, blank=True)
    meeting_location = models.CharField(max_length=300, blank=True)
    meeting_frequency = models.CharField(max_length=200, blank=True)
    has_agreement = models.BooleanField(
        "Has a partnership agreement (constitution or terms of reference)", default=False
    )
    agreement_description = models.TextField("Type of agreement", blank=True)
    exit_strategy = models.TextField(blank=True)

    # Chorley's monitoring arrangements (R14).
    monitoring_arrangements = models.TextField(blank=True)
    additional_monitoring_required = models.BooleanField(default=False)

    additional_information = models.TextField("Additional information or comments", blank=True)

    # Lost-update protection: every save through the services bumps it.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = LinkedHistoricalRecords(m2m_fields=[strategic_objectives])

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["name", "lead_service"], name="unique_name_per_service")
        ]
        indexes = [
            # The register as most people open it: current partnerships in register order.
            models.Index(
                register_group_expression(),
                F("name"),
                F("id"),
                condition=Q(status__in=CURRENT_STATUSES),
                name="register_current_order",
            ),
            # The register's other orders and its commonest filters, on current partnerships:
            # a sorted page reads 25 rows in order instead of sorting them all, and a filtered
            # count reads an index alone.
            models.Index(
                F("updated_at").desc(),
                F("id"),
                condition=Q(status__in=CURRENT_STATUSES),
                name="register_current_updated",
            ),
            models.Index(
                fields=["name", "id"],
                condition=Q(status__in=CURRENT_STATUSES),
                name="register_current_name",
            ),
            models.Index(
                fields=["kind"],
                condition=Q(status__in=CURRENT_STATUSES),
                name="register_current_kind",
            ),
            models.Index(
                fields=["tier"],
                condition=Q(status__in=CURRENT_STATUSES),
                name="register_current_tier",
            ),
            models.Index(fields=["status"], name="partnership_status"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    @property
    def status_colour(self):
        return STATUS_COLOURS.get(self.status, "grey")

    @property
    def register_group_label(self):
        if self.statutory:
            return RegisterGroup.STATUTORY.label
        if self.kind == Kind.JOINT_WORKING:
            return RegisterGroup.NETWORK.label
        return RegisterGroup.COMMUNITY.label

    @property
    def ranked_functions(self):
        ranks = [
            (self.rank_set_policy, "Set policy"),
            (self.rank_service_delivery, "Service delivery"),
            (self.rank_networking, "Networking"),
            (self.rank_other, self.other_function or "Other"),
        ]
        return [label for rank, label in sorted(r for r in ranks if r[0])]

    def minutes(self):
        """Its documents that are minutes of meetings, which a committee decision links."""
        return self.documents.filter(kind=Document.Kind.MINUTES)


class PartnerOrganisation(models.Model):
    class Sector(models.TextChoices):
        PUBLIC = "public", "Public"
        PRIVATE = "private", "Private"
        VOLUNTARY = "voluntary", "Voluntary, community or faith"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="partner_organisations"
    )
    name = models.CharField(max_length=300)
    sector = models.CharField(max_length=16, choices=Sector.choices, blank=True)
    agreed_to_participate = models.CharField(
        max_length=16, choices=Answer.choices, default=Answer.DONT_KNOW
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Representative(models.Model):
    """A council officer or elected Member on the partnership (R5)."""

    class Kind(models.TextChoices):
        OFFICER = "officer", "Officer"
        MEMBER = "member", "Elected Member"

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", "Representative"
        SUBSTITUTE = "substitute", "Substitute"
        OBSERVER = "observer", "Observer"
        TRUSTEE = "trustee", "Trustee"
        DIRECTOR = "director", "Director"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="representatives"
    )
    name = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="representations",
        help_text="The person's account, if they have one.",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OFFICER)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.REPRESENTATIVE)
    started_on = models.DateField()
    finished_on = models.DateField(null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
    )
    # The handover when one representative replaces another (South Derbyshire).
    handover_brief_given = models.BooleanField("Full brief given", default=False)
    handover_documents_passed = models.BooleanField("Documents passed on", default=False)
    handover_joint_meeting = models.BooleanField("Joint meeting held", default=False)
    handover_notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["finished_on", "-started_on", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    @property
    def is_current(self):
        return self.finished_on is None


class Declaration(models.Model):
    """Declarations of interest and outside-body checks for a representative (R9)."""

    CHECKS = [
        ("legal_status_checked", "Legal status of the body understood"),
        ("companies_house_filed", "Companies House filing made on appointment or resignation"),
        ("insurance_in_place", "Insurance or indemnity in place"),
        ("finances_sound", "The body's finances are sound"),
        ("conflicts_identified", "Conflicts of interest identified"),
        ("conflicts_declared", "Conflicts of interest declared"),
        ("general_declaration_made", "General declaration made at the first meeting"),
        ("confidentiality_understood", "Duties of confidentiality understood"),
        ("advice_taken", "Advice taken where needed"),
    ]
    # Checks only some councils ask, by a policy that names them (Policy.declaration_checks).
    OTHER_CHECKS = [
        ("conflict_balanced", "Issues of conflict can be balanced"),
    ]

    representative = models.ForeignKey(
        Representative, on_delete=models.CASCADE, related_name="declarations"
    )
    declared_on = models.DateField()
    interests = models.TextField("Interests declared", blank=True)
    legal_status_checked = models.BooleanField(default=False)
    companies_house_filed = models.BooleanField(default=False)
    insurance_in_place = models.BooleanField(default=False)
    finances_sound = models.BooleanField(default=False)
    conflicts_identified = models.BooleanField(default=False)
    conflicts_declared = models.BooleanField(default=False)
    general_declaration_made = models.BooleanField(default=False)
    confidentiality_understood = models.BooleanField(default=False)
    advice_taken = models.BooleanField(default=False)
    conflict_balanced = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-declared_on", "-pk"]

    def __str__(self):
        return f"Declaration by {self.representative.name} on {self.declared_on:%d %B %Y}"

    @classmethod
    def checks_of(cls, policy):
        """(field, label) of the checks the policy's declarations record, in its words; a
        policy that names none records the general ones. A check the policy names that the
        register does not keep is a fault in the policy, said at once."""
        if not policy.declaration_checks:
            return list(cls.CHECKS)
        known = dict(cls.CHECKS + cls.OTHER_CHECKS)
        unknown = [c["check"] for c in policy.declaration_checks if c["check"] not in known]
        if unknown:
            raise KeyError(f"The policy names declaration checks the register does not keep: "
                           f"{', '.join(unknown)}")  # fmt: skip
        return [(c["check"], c["label"]) for c in policy.declaration_checks]

    def checks(self, policy):
        return [(label, getattr(self, field)) for field, label in self.checks_of(policy)]


class Resource(models.Model):
    """Resources the council commits, year by year (R6)."""

    class Kind(models.TextChoices):
        TIME = "time", "Officer or Member time"
        FUNDING = "funding", "Funding"
        PREMISES = "premises", "Premises or equipment"
        IN_KIND = "in_kind", "In kind"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="resources")
    financial_year = models.CharField(max_length=9, help_text="For example 2026/27")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    description = models.CharField(max_length=300, blank=True)
    amount = models.DecimalField(
        "Amount (£)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    hours = models.DecimalField(
        "Hours a year", max_digits=8, decimal_places=1, null=True, blank=True
    )
    within_budget = models.BooleanField(
        "Within existing budgets",
        default=True,
        help_text="If not, additional funds are needed and SMT must agree them.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-financial_year", "kind", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.financial_year}"


class Risk(models.Model):
    """A risk to the council from the partnership, scored on the policy's matrix (R7)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField()
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    owner = models.CharField(max_length=200)
    controls = models.TextField(blank=True)
    escalate_to_corporate_register = models.BooleanField(
        "Escalate to the corporate risk register", default=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]

    def __str__(self):
        return self.description[:80]

    @property
    def score(self):
        return self.likelihood * self.impact


class Document(models.Model):
    """A document kept against a partnership (R8). The file is stored under a generated
    name and served only through a view that checks the reader's right."""

    class Kind(models.TextChoices):
        TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
        CONSTITUTION = "constitution", "Constitution"
        MEMORANDUM = "memorandum", "Memorandum of understanding"
        AGREEMENT = "agreement", "Partnership agreement"
        MINUTES = "minutes", "Minutes"
        REPORT = "report", "Report"
        EVALUATION = "evaluation", "Evaluation report"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=300)
    document_date = models.DateField("Date of the document")
    file = models.FileField(upload_to="documents/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-document_date", "-pk"]

    def __str__(self):
        return self.title


class RegisterImport(models.Model):
    """A spreadsheet uploaded to import into the register (R11): kept so that the real run
    imports exactly the file the dry run checked, and so that imports are on record."""

    class State(models.TextChoices):
        CHECKED = "checked", "Checked, ready to import"
        INVALID = "invalid", "Has errors"
        IMPORTED = "imported", "Imported"

    file = models.FileField(upload_to="imports/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=16, choices=State.choices)
    row_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.original_name} ({self.get_state_display()})"
