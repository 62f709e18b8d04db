from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Service, User
from accounts.policy import Policy, lower_first
from accounts.roles import Role as AccountRole
from core.bounds import EARLIEST_YEAR, LATEST_YEAR
from core.forms import GovDateField, form_helper

from .models import (
    Declaration,
    PartnerOrganisation,
    Partnership,
    Representative,
    Resource,
    Risk,
    StrategicObjective,
    kind_choices,
    kind_label,
)
from .rules import RANK_FIELDS, record_problems


def active_people():
    return User.objects.filter(is_active=True).order_by("last_name", "first_name")


class ClassifyForm(forms.ModelForm):
    """R1: the first question about any arrangement is what kind it is."""

    class Meta:
        model = Partnership
        fields = ["name", "kind", "lead_service", "remit", "exclusion_reason"]
        labels = {
            "name": "Name of the arrangement",
            "kind": "What kind of arrangement is it?",
            "remit": "Main purpose or remit",
            "exclusion_reason": "If the register does not hold this kind, why is it kept out?",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Enter the name of the arrangement"},
            "kind": {"required": "Select what kind of arrangement it is"},
            "lead_service": {"required": "Select the lead service"},
            "remit": {"required": "Enter the main purpose or remit"},
        }

    def __init__(self, *args, policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.fields["kind"].choices = [
            (
                value,
                label if policy.holds_kind(value) else f"{label} (not held in the register)",
            )
            for value, label in kind_choices(policy)
        ]
        self.fields["lead_service"].queryset = Service.objects.all()
        self.fields["lead_service"].empty_label = "Select a service"
        self.fields["exclusion_reason"].help_text = (
            "Only for a kind marked 'not held in the register': it is recorded as excluded, "
            "with this reason, so that it can still be listed."
        )
        self.helper = form_helper(
            Field.text("name"),
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.select("lead_service"),
            Field.textarea("remit", rows=4),
            Field.textarea("exclusion_reason", rows=3),
            submit="Continue",
        )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind and not self.policy.holds_kind(kind) and not cleaned.get("exclusion_reason"):
            self.add_error(
                "exclusion_reason",
                f"Give the reason a {lower_first(kind_label(self.policy, kind))} is kept out "
                "of the register",
            )
        return cleaned


class PartnershipForm(forms.ModelForm):
    """The whole record, as South Derbyshire's Partnership Information Form and Melton's
    partnership details ask for it (R2, R14)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    date_formed = GovDateField("Date formed")
    proposed_end_date = GovDateField("Proposed end date (if any)")

    class Meta:
        model = Partnership
        fields = [
            "name",
            "remit",
            "accountable_body",
            "council_is_accountable_body",
            "lead_service",
            "sponsor",
            "lead_officer",
            "council_role",
            "engagement",
            "statutory",
            "strategic_objectives",
            "objectives_contribution",
            "rank_set_policy",
            "rank_service_delivery",
            "rank_networking",
            "rank_other",
            "other_function",
            "date_formed",
            "proposed_end_date",
            "legal_status",
            "meeting_location",
            "meeting_frequency",
            "has_agreement",
            "agreement_description",
            "exit_strategy",
            "monitoring_arrangements",
            "additional_monitoring_required",
            "additional_information",
        ]
        widgets = {
            "council_role": forms.RadioSelect,
            "engagement": forms.RadioSelect,
            "legal_status": forms.RadioSelect,
            "strategic_objectives": forms.CheckboxSelectMultiple,
        }
        labels = {
            "accountable_body": "Organisation the partnership is responsible to (accountable body)",
            "council_is_accountable_body": "The council is the accountable body",
            "statutory": "The partnership is statutory, or membership is mandatory",
            "has_agreement": "The partnership has a partnership agreement (constitution or "
            "terms of reference)",
            "additional_monitoring_required": "Additional monitoring is required",
            "rank_set_policy": "Set policy",
            "rank_service_delivery": "Service delivery",
            "rank_networking": "Networking",
            "rank_other": "Other",
        }
        error_messages = {
            "name": {"required": "Enter the name of the partnership"},
            "remit": {"required": "Enter the main purpose or remit"},
            "lead_service": {"required": "Select the lead service"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = list(active_people())
        for name in ["sponsor", "lead_officer"]:
            self.fields[name].queryset = active_people()
            self.fields[name].choices = [("", "Not recorded")] + [
                (p.pk, p.display_name) for p in people
            ]
        self.fields["lead_service"].empty_label = "Select a service"
        self.fields["strategic_objectives"].queryset = StrategicObjective.objects.filter(
            active=True
        )
        self.fields["council_role"].choices = self.fields["council_role"].choices[1:]
        self.fields["legal_status"].choices = self.fields["legal_status"].choices[1:]
        for name in RANK_FIELDS:
            self.fields[name].widget.attrs.update({"min": 1, "max": 4})
            self.fields[name].help_text = "1 to 4, or leave blank"
        self.helper = form_helper(
            "version",
            Fieldset(
                Field.text("name"),
                Field.textarea("remit", rows=4),
                Field.text("accountable_body"),
                Field.checkbox("council_is_accountable_body"),
                Field.checkbox("statutory"),
                legend="About the partnership",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.select("lead_service"),
                Field.select("sponsor"),
                Field.select("lead_officer"),
                Field.radios("council_role", legend_size=Size.SMALL),
                Field.radios("engagement", legend_size=Size.SMALL),
                legend="The council's part in it",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkboxes("strategic_objectives", legend_size=Size.SMALL),
                Field.textarea("objectives_contribution", rows=3),
                legend="Strategic objectives",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("rank_set_policy", field_width=2),
                Field.text("rank_service_delivery", field_width=2),
                Field.text("rank_networking", field_width=2),
                Field.text("rank_other", field_width=2),
                Field.text("other_function"),
                legend="Main functions, ranked 1 (most important) to 4",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field("date_formed"),
                Field("proposed_end_date"),
                Field.radios("legal_status", legend_size=Size.SMALL),
                Field.text("meeting_location"),
                Field.text("meeting_frequency"),
                Field.checkbox("has_agreement"),
                Field.textarea("agreement_description", rows=3),
                Field.textarea("exit_strategy", rows=4),
                legend="How it works",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.textarea("monitoring_arrangements", rows=4),
                Field.checkbox("additional_monitoring_required"),
                Field.textarea("additional_information", rows=3),
                legend="Monitoring",
                legend_size=Size.MEDIUM,
            ),
        )

    def clean(self):
        cleaned = super().clean()
        for name, message in record_problems(cleaned):
            self.add_error(name, message)
        return cleaned


class TierForm(forms.Form):
    """R3: the policy's tier test, one Yes/No question each."""

    def __init__(self, *args, policy, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        layout = []
        for question in policy.tier_questions:
            self.fields[question["key"]] = forms.TypedChoiceField(
                label=question["text"],
                choices=[("yes", "Yes"), ("no", "No")],
                coerce=lambda v: v == "yes",
                widget=forms.RadioSelect,
                error_messages={"required": "Answer yes or no"},
            )
            if question["key"] in answers:
                self.initial[question["key"]] = "yes" if answers[question["key"]] else "no"
            layout.append(Field.radios(question["key"], inline=True, legend_size=Size.SMALL))
        self.helper = form_helper(*layout, submit="Save the tier")


class PartnerOrganisationForm(forms.ModelForm):
    class Meta:
        model = PartnerOrganisation
        fields = ["name", "sector", "agreed_to_participate"]
        labels = {"name": "Organisation", "agreed_to_participate": "Has it agreed to take part?"}
        widgets = {"sector": forms.RadioSelect, "agreed_to_participate": forms.RadioSelect}
        error_messages = {"name": {"required": "Enter the name of the organisation"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = self.fields["sector"].choices[1:]
        self.fields["sector"].required = False
        self.helper = form_helper(
            Field.text("name"),
            Field.radios("sector", legend_size=Size.SMALL),
            Field.radios("agreed_to_participate", legend_size=Size.SMALL, inline=True),
        )


class RepresentativeForm(forms.ModelForm):
    started_on = GovDateField("Date started", required=True)
    finished_on = GovDateField("Date finished")

    class Meta:
        model = Representative
        fields = ["name", "user", "kind", "role", "started_on", "finished_on"]
        labels = {"name": "Name", "user": "Their account in the portal (optional)"}
        widgets = {"kind": forms.RadioSelect, "role": forms.RadioSelect}
        error_messages = {"name": {"required": "Enter the representative's name"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = active_people()
        self.fields["user"].empty_label = "No account"
        # U1: a member is called what the council calls its members.
        member = Policy.current().role_label(AccountRole.MEMBER)
        self.fields["kind"].choices = [
            (value, member if value == Representative.Kind.MEMBER else label)
            for value, label in self.fields["kind"].choices
        ]
        self.helper = form_helper(*self.layout_fields())

    def layout_fields(self):
        return [
            Field.text("name"),
            Field.select("user"),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.radios("role", legend_size=Size.SMALL),
            Field("started_on"),
            Field("finished_on"),
        ]

    def clean(self):
        cleaned = super().clean()
        started, finished = cleaned.get("started_on"), cleaned.get("finished_on")
        if started and finished and finished < started:
            self.add_error("finished_on", "The date finished must be on or after the date started")
        return cleaned


class ReplacementForm(RepresentativeForm):
    """R5: a new representative replaces one, with the handover on record."""

    class Meta(RepresentativeForm.Meta):
        fields = [
            "name",
            "user",
            "kind",
            "role",
            "started_on",
            "handover_brief_given",
            "handover_documents_passed",
            "handover_joint_meeting",
            "handover_notes",
        ]
        labels = {
            **RepresentativeForm.Meta.labels,
            "name": "Name of the new representative",
            "handover_brief_given": "The outgoing representative gave a full brief",
            "handover_documents_passed": "The relevant documents were passed on",
            "handover_joint_meeting": "They attended a partnership meeting together",
        }

    def __init__(self, *args, outgoing, **kwargs):
        self.outgoing = outgoing
        super().__init__(*args, **kwargs)
        self.fields.pop("finished_on", None)

    def layout_fields(self):
        return [
            Field.text("name"),
            Field.select("user"),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.radios("role", legend_size=Size.SMALL),
            Field("started_on"),
            Fieldset(
                Field.checkbox("handover_brief_given"),
                Field.checkbox("handover_documents_passed"),
                Field.checkbox("handover_joint_meeting"),
                Field.textarea("handover_notes", rows=3),
                legend="Handover",
                legend_size=Size.MEDIUM,
            ),
        ]

    def clean(self):
        cleaned = super().clean()
        started = cleaned.get("started_on")
        if started and started < self.outgoing.started_on:
            self.add_error(
                "started_on",
                f"The new representative must start after {self.outgoing.name} started "
                f"({self.outgoing.started_on:%d %B %Y})",
            )
        return cleaned


class DeclarationForm(forms.ModelForm):
    declared_on = GovDateField("Date of the declaration", required=True)

    class Meta:
        model = Declaration
        fields = [
            "declared_on",
            "interests",
            *[f for f, _ in Declaration.CHECKS + Declaration.OTHER_CHECKS],
            "notes",
        ]

    def __init__(self, *args, policy, **kwargs):
        super().__init__(*args, **kwargs)
        # The checks the council's policy asks, in its words, and only those.
        checks = Declaration.checks_of(policy)
        for name, _label in Declaration.CHECKS + Declaration.OTHER_CHECKS:
            if name not in dict(checks):
                del self.fields[name]
        for name, label in checks:
            self.fields[name].label = label
        self.helper = form_helper(
            Field("declared_on"),
            Field.textarea("interests", rows=3),
            Fieldset(
                *[Field.checkbox(f) for f, _ in checks],
                legend="Outside-body checks",
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("notes", rows=3),
        )


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["financial_year", "kind", "description", "amount", "hours", "within_budget"]
        labels = {"kind": "What is committed", "within_budget": "Within existing budgets"}
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "financial_year": {"required": "Enter the financial year, for example 2026/27"},
            "kind": {"required": "Select what is committed"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["hours"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["within_budget"].help_text = (
            "If not, additional funds are needed and "
            f"{Policy.current().senior_team_short} must agree them."
        )
        self.helper = form_helper(
            Field.text("financial_year", field_width=10),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("description"),
            Field.text("amount", field_width=10),
            Field.text("hours", field_width=5),
            Field.checkbox("within_budget"),
        )

    def clean_financial_year(self):
        value = self.cleaned_data["financial_year"].strip()
        first, _, second = value.partition("/")
        if not (first.isdigit() and len(first) == 4 and second.isdigit() and len(second) == 2):
            raise ValidationError("Enter the financial year like 2026/27")
        if (int(first) + 1) % 100 != int(second):
            raise ValidationError("The second year must follow the first, like 2026/27")
        if not EARLIEST_YEAR <= int(first) < LATEST_YEAR:
            raise ValidationError(
                f"Enter a financial year from {EARLIEST_YEAR}/{(EARLIEST_YEAR + 1) % 100:02d} "
                f"to {LATEST_YEAR - 1}/{LATEST_YEAR % 100:02d}, like 2026/27"
            )
        return value

    def clean(self):
        cleaned = super().clean()
        for name in ["amount", "hours"]:
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, "Enter a number of 0 or more")
        return cleaned


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "description",
            "likelihood",
            "impact",
            "owner",
            "controls",
            "escalate_to_corporate_register",
        ]
        labels = {"description": "Describe the risk to the council", "owner": "Risk owner"}
        error_messages = {
            "description": {"required": "Describe the risk"},
            "owner": {"required": "Enter who owns the risk"},
        }

    def __init__(self, *args, policy, **kwargs):
        super().__init__(*args, **kwargs)
        for name, labels in [
            ("likelihood", policy.likelihood_labels),
            ("impact", policy.impact_labels),
        ]:
            self.fields[name] = forms.TypedChoiceField(
                label=name.title(),
                choices=[(i, f"{i}: {label}") for i, label in enumerate(labels, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select the {name}"},
            )
        self.helper = form_helper(
            Field.textarea("description", rows=3),
            Field.radios("likelihood", legend_size=Size.SMALL),
            Field.radios("impact", legend_size=Size.SMALL),
            Field.text("owner"),
            Field.textarea("controls", rows=3),
            Field.checkbox("escalate_to_corporate_register"),
        )


class StrategicObjectiveForm(forms.ModelForm):
    class Meta:
        model = StrategicObjective
        fields = ["name", "position", "active"]
        labels = {
            "name": "Strategic objective",
            "position": "Position in the list",
            "active": "In use (untick to retire it; partnerships keep their links)",
        }
        error_messages = {
            "name": {
                "required": "Enter the strategic objective",
                "unique": "That strategic objective is already in the list",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("name"),
            Field.text("position", field_width=3),
            Field.checkbox("active"),
        )
