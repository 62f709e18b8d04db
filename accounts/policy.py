"""The council's policy: the things the five councils do differently, held as data.

Code asks the policy; it never hard-codes a council's labels, routes or cycles. Presets for
the five councils whose frameworks the portal implements live in accounts/presets/ as TOML
files and are applied with `manage.py apply_policy_preset`.
"""

import tomllib
import uuid
from copy import copy
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .roles import Role

PRESET_DIR = Path(__file__).resolve().parent / "presets"
DEFAULT_PRESET = "south-derbyshire"

# The committees and management bodies a decision can be taken by. The policy names them.
COMMITTEES = ("smt", "cabinet", "council")

# P4: what the clerk records a committee step's decision from. Most are a meeting's, with its
# minute; a step the policy marks `recorded = "decision"` is one Member's executive decision
# (Nottinghamshire's Cabinet lead, s3.1.2), with the decision's own date and reference.
RECORDED_FROM = {
    "meeting": {"date": "Date of the meeting", "reference": "Minute reference",
                "at": "Meeting", "ref": "minute"},
    "decision": {"date": "Date of the decision", "reference": "Decision reference",
                 "at": "Decision", "ref": "reference"},
}  # fmt: skip


def recorded_from(step):
    """The words for what a committee step's decision is recorded from (RECORDED_FROM). A
    route started before steps said so was recorded from a meeting."""
    return RECORDED_FROM[(step or {}).get("recorded") or "meeting"]


def lower_first(text):
    """A label as it reads inside a sentence: "Annual report to CMT" becomes "annual report
    to CMT"; a name that starts with an acronym ("CMT review") is left as it is."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def _and(parts):
    parts = list(parts)
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def preset_keys():
    return sorted(p.stem for p in PRESET_DIR.glob("*.toml"))


def load_preset(key):
    path = PRESET_DIR / f"{key}.toml"
    if not path.is_file():
        raise KeyError(f"No policy preset called {key!r}. Presets: {', '.join(preset_keys())}")
    with path.open("rb") as f:
        return tomllib.load(f)


# What a preset's [data_protection] table may set.
DATA_PROTECTION_FIELDS = [
    "retain_representatives_years",
    "retain_ceased_partnerships_years",
    "retain_deleted_documents_years",
    "data_controller",
    "data_protection_officer",
    "lawful_basis",
    "special_category_condition",
    "privacy_notice_url",
]

# U1: what a preset's [words] table may set, beside its role and committee labels.
WORD_FIELDS = [
    "proposal_form_name",
    "senior_team_short",
    "register_review_audience",
    "meeting_place_example",
    "sponsor_name",
    "agreement_copy_ask",
]

# A2-A7: the purposes a council names its forms for. A preset's [forms] table names the
# forms (by key) for the purposes its other tables do not already name: the proposal's
# checklists come from [proposal_checklists], the review's assessment and evaluation from
# [reviews].
FORM_PURPOSES = {
    "proposal_checklists": "Checklists for a proposal",
    "agreement": "Agreement or memorandum of understanding",
    "assessment": "Assessment at review",
    "review_evaluation": "Evaluation at review",
    "cessation": "Evaluation at cessation",
    "checklists": "Other checklists",
    "self_assessment": "Council-wide self-assessment",
}


class PolicyQuerySet(models.QuerySet):
    def update(self, **fields):
        # A change made without save() must show on every host as one made with it.
        fields.setdefault("stamp", uuid.uuid4())
        return super().update(**fields)


# This process's copy of the policy in force, under its stamp, kept between requests
# (Policy.for_request).
_kept = {}


class Policy(models.Model):
    """One row: the policy in force for this installation."""

    preset = models.CharField(max_length=64, help_text="The preset this policy was applied from.")
    council_name = models.CharField(max_length=200)
    register_name = models.CharField(max_length=200, default="Partnership register")
    role_labels = models.JSONField(default=dict, blank=True)
    committee_labels = models.JSONField(default=dict, blank=True)
    # R1: the kinds of arrangement the register holds; the rest are recorded as excluded.
    register_kinds = models.JSONField(default=list, blank=True)
    # R1: the framework's own words for a kind ({kind: label}), held or excluded.
    register_kind_labels = models.JSONField(default=dict, blank=True)
    # R3: how the significant tier is decided: labels, the questions and the rule.
    tier_test = models.JSONField(default=dict, blank=True)
    # R7: the likelihood x impact matrix risks are scored on.
    risk_matrix = models.JSONField(default=dict, blank=True)
    # P3: the approval route for each kind of thing and tier, as a list of steps.
    routes = models.JSONField(default=dict, blank=True)
    # P2: the pre-partnership checklists (form keys) a proposal needs, by tier.
    proposal_checklists = models.JSONField(default=dict, blank=True)
    # V1-V5: review cycles by tier, reminders, the annual register review, the forms a
    # review and a cessation use, and how often key partnerships report to Cabinet.
    reviews = models.JSONField(default=dict, blank=True)
    # UK GDPR: how long personal data is kept (Article 5(1)(e)), applied every day by
    # `manage.py apply_retention`, and the lawful basis the council relies on (Article 6 and,
    # for declarations of interest, Article 9). docs/data-protection.md describes both.
    retain_representatives_years = models.PositiveSmallIntegerField(
        "Years a representative's details are kept after their appointment ends",
        default=6,
    )
    retain_ceased_partnerships_years = models.PositiveSmallIntegerField(
        "Years the people on a ceased partnership are kept after it ceases",
        default=6,
    )
    retain_deleted_documents_years = models.PositiveSmallIntegerField(
        "Years the file of a removed document is kept for audit",
        default=6,
    )
    data_controller = models.CharField(
        "Data controller", max_length=300, blank=True, help_text="Usually the council itself."
    )
    data_protection_officer = models.CharField(
        "Data protection officer's contact", max_length=300, blank=True
    )
    lawful_basis = models.TextField(
        "Lawful basis for the register's personal data",
        blank=True,
        help_text="For example: Article 6(1)(e), a task in the public interest: the council's "
        "duty to govern the partnerships it takes part in.",
    )
    special_category_condition = models.TextField(
        "Condition for declarations of interest",
        blank=True,
        help_text="Declarations can reveal political opinions or trade union membership: the "
        "Article 9 condition and the Data Protection Act 2018 Schedule 1 condition relied on.",
    )
    privacy_notice_url = models.URLField("Privacy notice address", blank=True)
    # How people sign in: the roles that must use MFA ("mfa_roles"), and for single sign-on
    # which group or app-role claims give which role ("sso_roles") and service
    # ("sso_services"), and whether an unknown person is given an account ("sso_create").
    sign_in = models.JSONField(default=dict, blank=True)
    # The accessibility statement's contact for problems and other formats. Blank, it
    # names the register keeper's role; the council fills in how to reach them.
    accessibility_contact = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who answers accessibility problems and requests for other formats. "
        "Blank: the register keeper.",
    )
    accessibility_email = models.EmailField(blank=True)
    accessibility_phone = models.CharField(max_length=50, blank=True)
    accessibility_reply_days = models.PositiveSmallIntegerField(
        default=5, help_text="Working days within which the council replies."
    )
    # U1: the council's own words for what a label alone does not say.
    proposal_form_name = models.CharField(
        max_length=200,
        default="partnership proposal",
        help_text="What the council calls the form a proposal is made on, as in "
        "‘it asks the questions of the partnership proposal’.",
    )
    senior_team_short = models.CharField(
        max_length=100,
        default="SMT",
        help_text="The senior team's short name, as in ‘SMT annual summary’.",
    )
    register_review_audience = models.CharField(
        max_length=200,
        default="SMT",
        help_text="Who the annual register review's report goes to, as in ‘the report for "
        "SMT and Cabinet’.",
    )
    meeting_place_example = models.CharField(
        max_length=200,
        blank=True,
        help_text="A meeting place hints may give as an example, such as the council's "
        "offices. Blank: hints name none.",
    )
    sponsor_name = models.CharField(
        max_length=100,
        default="Sponsoring officer",
        help_text="The senior person answerable for the council's part in a partnership: "
        "‘sponsoring officer’ (Northamptonshire), ‘senior partnership sponsor’ "
        "(Nottinghamshire).",
    )
    agreement_copy_ask = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the proposal asks of a partnership that has an agreement, as in "
        "‘please attach a copy’. Blank: it asks only for a description.",
    )
    # A2-A7: the council's own forms for the purposes in FORM_PURPOSES not named elsewhere
    # ({purpose: [form key, ...]}); "Complete a form" offers only the policy's forms.
    forms = models.JSONField(default=dict, blank=True)
    # R9: the checks a representative's declaration records, in the council's words, as
    # [{check, label}] (Nottinghamshire s5: form 288, confidentiality in both directions,
    # whether conflict can be balanced). Empty: the register's general outside-body checks.
    declaration_checks = models.JSONField(default=list, blank=True)
    # The recommendations a council's framework makes to itself, taken on as the actions of
    # its improvement plan (Nottinghamshire s7); a council whose framework makes none has no
    # improvement plan.
    improvement_plan = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # New on every save: a process keeps its copy of the policy only while the stamp it read
    # with the signed-in person is this one, so every host sees a change on its next request.
    stamp = models.UUIDField(default=uuid.uuid4, editable=False)
    history = HistoricalRecords()

    objects = PolicyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "policy"

    def __str__(self):
        return f"{self.council_name} ({self.preset})"

    def save(self, *args, **kwargs):
        self.stamp = uuid.uuid4()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "stamp"}
        super().save(*args, **kwargs)

    def clean(self):
        # A route step the engine cannot take would otherwise fail only when something is
        # first sent along it; refuse it where the policy is edited.
        problems = []
        for kind, tiers in (self.routes or {}).items():
            for tier, entries in (tiers or {}).items():
                for entry in entries or []:
                    try:
                        self._step(entry)
                    except (KeyError, TypeError) as error:
                        reason = error.args[0] if error.args else error
                        problems.append(f"The {kind} route for the {tier} tier: {reason}")
        errors = {"routes": problems} if problems else {}
        checks = self.declaration_checks or []
        named = [c.get("check") for c in checks if isinstance(c, dict)]
        if len(named) != len(checks) or not all(
            isinstance(c.get("check"), str) and isinstance(c.get("label"), str) and c["label"]
            for c in checks
        ):
            errors["declaration_checks"] = "Each declaration check needs a check and a label"
        elif len(set(named)) != len(named):
            errors["declaration_checks"] = "A declaration check is named twice"
        if errors:
            raise ValidationError(errors)

    @classmethod
    def current(cls):
        """The policy in force; before any preset is applied, the default preset unsaved."""
        policy = cls.objects.order_by("pk").first()
        if policy is None:
            policy = cls.from_preset(DEFAULT_PRESET)
        return policy

    @classmethod
    def for_request(cls, request):
        """The policy in force, read once per request however many places ask. A signed-in
        person is loaded with the stamp of the policy in force (accounts.backends), None
        while no policy has been saved: while it is the stamp of the copy this process
        keeps, the policy costs no query at all."""
        if not hasattr(request, "_policy"):
            user = getattr(request, "user", None)
            if hasattr(user, "policy_stamp"):
                request._policy = cls._kept_or_read(user.policy_stamp)
            else:
                request._policy = cls.current()
        return request._policy

    @classmethod
    def _kept_or_read(cls, stamp):
        if stamp in _kept:
            return copy(_kept[stamp])
        policy = cls.current()
        # Kept only if it is the policy the stamp was read from, not one saved since.
        if (policy.stamp if policy.pk else None) == stamp:
            _kept.clear()
            _kept[stamp] = copy(policy)
        return policy

    @classmethod
    def from_preset(cls, key, instance=None):
        data = load_preset(key)
        policy = instance or cls()
        policy.preset = key
        policy.council_name = data["council"]["name"]
        policy.register_name = data["council"].get("register_name", "Partnership register")
        policy.role_labels = dict(data.get("roles", {}))
        policy.committee_labels = dict(data.get("committees", {}))
        policy.register_kinds = list(data["register"]["kinds"])
        policy.register_kind_labels = dict(data["register"].get("labels", {}))
        policy.tier_test = dict(data["tier"])
        policy.risk_matrix = dict(data["risk_matrix"])
        policy.routes = dict(data.get("routes", {}))
        policy.proposal_checklists = dict(data.get("proposal_checklists", {}))
        policy.reviews = dict(data.get("reviews", {}))
        words = data.get("words", {})
        for field in WORD_FIELDS:
            setattr(policy, field, words.get(field, cls._meta.get_field(field).get_default()))
        policy.forms = {key: list(value) for key, value in data.get("forms", {}).items()}
        policy.improvement_plan = list(data.get("improvement_plan", {}).get("recommendations", []))
        policy.declaration_checks = [
            dict(check) for check in data.get("declarations", {}).get("checks", [])
        ]
        protection = data.get("data_protection", {})
        for field in DATA_PROTECTION_FIELDS:
            if field in protection:
                setattr(policy, field, protection[field])
        # Sign-in settings are the council's own set-up, not a framework's: kept unless given.
        policy.sign_in = dict(data.get("sign_in", policy.sign_in or {}))
        # Contact details are the council's own; a preset only names who, if it says.
        accessibility = data.get("accessibility", {})
        if "contact" in accessibility:
            policy.accessibility_contact = accessibility["contact"]
        return policy

    @property
    def accessibility_contact_name(self):
        return self.accessibility_contact or self.role_label(Role.REGISTER_KEEPER)

    def role_label(self, role):
        return self.role_labels.get(str(role)) or Role(role).label

    def sponsor_label(self):
        """What the council calls the senior person answerable for its part in a partnership
        (Northamptonshire's "sponsoring officer", Nottinghamshire's "senior partnership
        sponsor")."""
        return self.sponsor_name or "Sponsoring officer"

    def committee_label(self, committee):
        return self.committee_labels.get(committee, committee.upper())

    @property
    def register_name_in_text(self):
        """The register's name inside a sentence: a name in title case is the council's
        proper name and keeps its capitals ("the Corporate Partnership Register"); a plain
        one reads in lower case ("the partnerships database")."""
        name = self.register_name
        if all(word[:1].isupper() for word in name.split() if len(word) > 3):
            return name
        return lower_first(name)

    @property
    def senior_team(self):
        """The senior team's full name, e.g. "Corporate Management Team (CMT)"."""
        return self.committee_label("smt")

    @property
    def members_body(self):
        """The members' body reports and key decisions go to: "Leading Members", "Executive
        Cabinet", "Policy, Finance and Administration Committee"."""
        return self.committee_label("cabinet")

    @property
    def performance_report_name(self):
        """The regular report on the significant tier to the members' body (V5)."""
        return f"{self.tier_label('significant')} reports to {self.members_body}"

    def meeting_place_hint(self):
        if self.meeting_place_example:
            return f"For example, {self.meeting_place_example}, or online"
        return "For example, the council's offices, or online"

    # R1 ------------------------------------------------------------------------------------

    def holds_kind(self, kind):
        return str(kind) in self.register_kinds

    # R3 ------------------------------------------------------------------------------------

    def tier_label(self, tier):
        return self.tier_test.get(f"{tier}_label") or str(tier).title()

    @property
    def significant_label(self):
        """What the council calls its significant tier, e.g. "Key partnership"."""
        return self.tier_label("significant")

    @property
    def significant_name(self):
        """The tier as it reads in a sentence: "key partnership"."""
        return lower_first(self.significant_label)

    @property
    def significant_names(self):
        return f"{self.significant_name}s"

    def tier_consequences(self):
        """What being in the significant tier means under this policy, as a sentence's end:
        only what differs from the other tier is said (U1: where both tiers share a review
        cycle, the significant one is not "reviewed more often")."""
        said = []
        try:
            significant = self.route_steps("proposal", "significant")
            standard = self.route_steps("proposal", "standard")
        except KeyError:
            significant = standard = []
        if [s["key"] for s in significant] != [s["key"] for s in standard]:
            extra = [
                s["label"] for s in significant if s["key"] not in {t["key"] for t in standard}
            ]
            if extra:
                said.append(f"its proposal goes to {_and(extra)}")
            else:
                said.append("its proposal takes its own approval route")
        cycles = self.reviews.get("cycles", {})
        often = (
            cycles.get("significant", {}).get("months"),
            cycles.get("standard", {}).get("months"),
        )
        if all(often) and often[0] < often[1]:
            said.append("it is reviewed more often")
        if self.performance_report_months:
            said.append(
                f"it is reported on to {self.members_body} every "
                f"{self.performance_report_months} months"
            )
        return _and(said)

    @property
    def tier_questions(self):
        return self.tier_test.get("questions", [])

    def decide_tier(self, answers):
        """The tier the policy's test gives for these answers ({question key: bool}).

        Every preset's test is met by any one criterion: each council lists its criteria as
        alternatives ("one that: ...", "in terms of: ...")."""
        met = any(answers.get(q["key"]) for q in self.tier_questions)
        return "significant" if met else "standard"

    # R7 ------------------------------------------------------------------------------------

    @property
    def likelihood_labels(self):
        return self.risk_matrix.get("likelihood", [])

    @property
    def impact_labels(self):
        return self.risk_matrix.get("impact", [])

    def risk_rating(self, score):
        """The band a likelihood x impact score falls in, e.g. "High"."""
        for band in self.risk_matrix.get("bands", []):
            if score >= band["from"]:
                return band["label"]
        return ""

    # P3, P4, P5 ------------------------------------------------------------------------------

    def route_steps(self, kind, tier, extra_council=False):
        """The steps a `kind` of thing (proposal, ...) of this tier goes through, each as
        {key, holder, committee, label}. P5: authority beyond the constitution adds the
        council's step at the end."""
        entries = list(self.routes.get(kind, {}).get(str(tier), []))
        if not entries:
            raise KeyError(f"The policy has no {kind} route for the {tier} tier")
        if extra_council and "council" not in [
            e if isinstance(e, str) else e["step"] for e in entries
        ]:
            entries.append("council")
        return [self._step(entry) for entry in entries]

    def has_route(self, kind, tier):
        """Whether the policy sends this kind of thing of this tier along a route at all:
        some things (a register review, a Cabinet report) go to a committee only where the
        council's framework says so."""
        return bool(self.routes.get(kind, {}).get(str(tier)))

    def _step(self, entry):
        if isinstance(entry, str):
            entry = {"step": entry}
        key = entry["step"]
        if key in COMMITTEES and entry.get("decided_by") == "members":
            # The policy lets the senior team's members decide its step themselves, each from
            # their own inbox, rather than the clerk recording a meeting's decision.
            if key != "smt":
                raise KeyError(
                    f"Only the senior team's step can be decided by its members, not {key!r}"
                )
            step = {"key": key, "holder": str(Role.SMT), "decided_by": "members",
                    "label": self.committee_label(key)}  # fmt: skip
        elif key in COMMITTEES:
            step = {
                "key": key,
                "holder": str(Role.CLERK),
                "committee": key,
                "label": self.committee_label(key),
            }
        elif key == "head_of_service":
            step = {"key": key, "holder": str(Role.HEAD_OF_SERVICE), "scoped": True,
                    "label": self.role_label(Role.HEAD_OF_SERVICE)}  # fmt: skip
        elif key == "register_keeper":
            step = {"key": key, "holder": str(Role.REGISTER_KEEPER),
                    "label": self.role_label(Role.REGISTER_KEEPER)}  # fmt: skip
        elif key == "director":
            step = {"key": key, "holder": str(Role.SMT),
                    "label": f"{self.role_label(Role.SMT)} (delegated decision)"}  # fmt: skip
        else:
            raise KeyError(f"Unknown route step {key!r}")
        step.setdefault("committee", "")
        step.setdefault("scoped", False)
        # A small council may let one person take this step even where they proposed the
        # thing or decided an earlier step (approvals.services.barred_from_step).
        step["same_person"] = bool(entry.get("same_person"))
        if entry.get("label"):
            step["label"] = entry["label"]
        step["posts"] = self._step_posts(key, step, entry.get("post"))
        step["recorded"] = self._step_recorded(key, step, entry.get("recorded"))
        return step

    @staticmethod
    def _step_recorded(key, step, given):
        if not step["committee"]:
            if given is not None:
                raise KeyError(f"The {key!r} step is no committee's, so the clerk records none")
            return ""
        if given is None:
            return "meeting"
        if given not in RECORDED_FROM:
            raise KeyError(f"The {key!r} step is recorded from a meeting or a decision")
        return given

    @staticmethod
    def _step_posts(key, step, given):
        """The named posts that hold a step, beside its role (Chorley's memorandum of
        understanding is approved by the Head of Governance, not by any SMT member): only a
        person whose job title is one of them may decide it. None given: the role alone."""
        if given is None:
            return []
        posts = [given] if isinstance(given, str) else given
        if not isinstance(posts, list) or not posts:
            raise TypeError(f"The {key!r} step's post must be a job title or a list of them")
        if not all(isinstance(post, str) and post.strip() for post in posts):
            raise TypeError(f"The {key!r} step's posts must each be a job title")
        if step["committee"]:
            # The clerk records the meeting's decision: the meeting, not a post, takes it.
            raise KeyError(f"The {key!r} step is a meeting's decision, so no post holds it")
        if step["scoped"]:
            raise KeyError(f"The {key!r} step is held within a service, so no post holds it")
        return [" ".join(post.split()) for post in posts]

    def checklist_keys(self):
        """Every checklist the policy's proposals go with, of either tier (P2)."""
        return set(self.forms_by_purpose().get("proposal_checklists", []))

    def checklists_for(self, tier):
        """P2: the forms (by key) a proposal of this tier must complete before submission."""
        return list(self.proposal_checklists.get(str(tier), []))

    # V1-V5 ------------------------------------------------------------------------------------

    def review_cycle(self, tier):
        """{months, label, requires} for a tier: how often it is reviewed and what a review
        needs (assessment, evaluation, register_confirmation)."""
        cycle = self.reviews.get("cycles", {}).get(str(tier))
        if not cycle:
            raise KeyError(f"The policy has no review cycle for the {tier} tier")
        return {"months": 12, "label": "Review", "requires": [], **cycle}

    @property
    def assessment_form(self):
        """The form (by key) a review's assessment is made on; empty if the policy has none."""
        return self.reviews.get("assessment_form", "")

    @property
    def evaluation_form(self):
        """The form (by key) for an evaluation at review and at cessation (A6)."""
        return self.reviews.get("evaluation_form", "")

    @property
    def cessation_form(self):
        """The form (by key) a partnership being left is evaluated on (A6, V7): the
        policy's own cessation form where it names one, else its evaluation form."""
        return (self.forms.get("cessation") or [self.evaluation_form])[0]

    @property
    def evaluation_forms(self):
        """Every form whose sign-off goes along the evaluation route."""
        return {key for key in (self.evaluation_form, self.cessation_form) if key}

    @property
    def agreement_forms(self):
        """The policy's agreement or memorandum of understanding forms (A2)."""
        return list(self.forms.get("agreement", []))

    def asks_for_agreement(self, tier):
        """Whether a partnership of this tier, once approved, is asked for the policy's
        agreement in its lead officer's inbox (Chorley: "Establishing a memorandum of
        understanding ... on approval of a new key partnership")."""
        return bool(self.agreement_forms) and str(tier) in self.forms.get(
            "agreement_on_approval", []
        )

    def forms_by_purpose(self):
        """{purpose: [form key, ...]} for every purpose in FORM_PURPOSES the policy names a
        form for, gathered from the tables that name them."""
        checklists = []
        for keys in self.proposal_checklists.values():
            checklists += [key for key in keys if key not in checklists]
        checklists += [k for k in self.forms.get("proposal_checklists", []) if k not in checklists]
        reviewing = {
            need for tier in self.reviews.get("cycles", {}).values()
            for need in tier.get("requires", [])
        }  # fmt: skip
        found = {
            "proposal_checklists": checklists,
            "agreement": self.forms.get("agreement", []),
            "assessment": [self.assessment_form] if self.assessment_form else [],
            "review_evaluation": [self.evaluation_form]
            if self.evaluation_form and "evaluation" in reviewing
            else [],
            "cessation": [self.cessation_form] if self.cessation_form else [],
            "checklists": self.forms.get("checklists", []),
            "self_assessment": self.forms.get("self_assessment", []),
        }
        return {purpose: keys for purpose, keys in found.items() if keys}

    @property
    def self_assessment_form(self):
        """The form (by key) the council assesses itself on as a whole, or "" if none."""
        return (self.forms.get("self_assessment") or [""])[0]

    def offered_forms(self):
        """The keys of every form the policy uses, in the order of FORM_PURPOSES."""
        keys = []
        for found in self.forms_by_purpose().values():
            keys += [key for key in found if key not in keys]
        return keys

    @property
    def reminder_days_before(self):
        return sorted(self.reviews.get("reminder_days_before", [30, 7]), reverse=True)

    @property
    def overdue_reminder_every_days(self):
        return int(self.reviews.get("overdue_reminder_every_days", 7))

    @property
    def annual_register_review_month(self):
        """The month the annual register review usually opens (V3), or None."""
        return self.reviews.get("annual_register_review_month")

    @property
    def performance_report_months(self):
        """How often key partnerships report to Cabinet (V5), or None if the policy has no
        such report."""
        return self.reviews.get("performance_report_months")
