"""The questions of the proposal journey (P1), one form a page.

Every page form takes `proposal` and `policy`, and gives its answers as the keyword arguments
of proposal_save: what belongs on the partnership's record and what on the proposal."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from accounts.models import Service
from accounts.policy import Policy
from accounts.roles import Role
from core.forms import GovDateField
from partnerships.forms import (
    PartnerOrganisationForm,
    ResourceForm,
    RiskForm,
    TierForm,
    active_people,
)
from partnerships.models import Kind, Partnership, StrategicObjective
from partnerships.rules import record_problems

from .models import Proposal


def yes_no(label, required_message, help_text="", yes="Yes", no="No"):
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", yes), ("no", no)],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
        help_text=help_text,
    )


def _helper(*layout):
    # No buttons: the page draws its own, as it has more than one.
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


def _without_buttons(helper):
    helper.layout.fields = [f for f in helper.layout.fields if not isinstance(f, Button)]
    return helper


def _article(noun):
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


class PageForm:
    """What a question page saves: its answers to the partnership's fields and the proposal's."""

    partnership_fields = ()
    proposal_fields = ()
    yes_no_fields = ()

    def show_saved_yes_no(self):
        # A saved True or False is shown as the Yes or No radio it was given as.
        for name in self.yes_no_fields:
            if isinstance(self.initial.get(name), bool):
                self.initial[name] = "yes" if self.initial[name] else "no"

    def answers(self):
        data = self.cleaned_data
        return {
            "partnership_fields": {n: data[n] for n in self.partnership_fields if n in self.fields},
            "proposal_fields": {n: data[n] for n in self.proposal_fields if n in self.fields},
        }


class AboutForm(PageForm, forms.Form):
    """The first questions, asked when the proposal starts and changeable after."""

    partnership_fields = ("name", "kind", "lead_service")
    proposal_fields = ("joining",)

    name = forms.CharField(
        label="Name of the partnership",
        max_length=300,
        error_messages={"required": "Enter the name of the partnership"},
    )
    joining = forms.ChoiceField(
        label="Is the council setting up a new partnership or joining an existing one?",
        choices=Proposal.Joining.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a new partnership or an existing one"},
    )
    kind = forms.ChoiceField(
        label="What kind of arrangement is it?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of arrangement it is"},
    )
    lead_service = forms.ModelChoiceField(
        label="Lead service",
        queryset=Service.objects.all(),
        empty_label="Select a service",
        error_messages={"required": "Select the lead service"},
    )

    def __init__(self, *args, policy, proposal=None, **kwargs):
        self.policy = policy
        self.partnership = proposal.partnership if proposal else None
        if proposal:
            kwargs["initial"] = {
                "name": self.partnership.name,
                "joining": proposal.joining,
                "kind": self.partnership.kind,
                "lead_service": self.partnership.lead_service_id,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label if policy.holds_kind(value) else f"{label} (not held in the register)")
            for value, label in Kind.choices
        ]
        self.fields["kind"].help_text = (
            f"The {policy.register_name_in_text} holds only some kinds of arrangement. The kinds "
            "marked 'not held in the register' are arranged in other ways, for example "
            "through procurement, and are not proposed here."
        )
        self.helper = _helper(
            Field.text("name"),
            Field.radios("joining", legend_size=Size.MEDIUM),
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.select("lead_service"),
        )

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if not self.policy.holds_kind(kind):
            self.add_error(
                "kind",
                f"{self.policy.council_name} does not hold "
                f"{_article(Kind(kind).label.lower())} in its register, so it cannot be proposed "
                "here. Ask the register keeper how it should be arranged",
            )
        return kind

    def clean(self):
        cleaned = super().clean()
        name, service = cleaned.get("name"), cleaned.get("lead_service")
        if name and service:
            same = Partnership.objects.filter(name=name, lead_service=service)
            if self.partnership:
                same = same.exclude(pk=self.partnership.pk)
            if same.exists():
                self.add_error(
                    "name",
                    f"{service} already has a partnership called {name}: give this one "
                    "another name",
                )
        return cleaned


class PurposeForm(PageForm, forms.ModelForm):
    partnership_fields = (
        "remit",
        "accountable_body",
        "council_is_accountable_body",
        "sponsor",
        "statutory",
        "date_formed",
        "proposed_end_date",
    )
    yes_no_fields = ("statutory",)

    statutory = yes_no(
        "Is the partnership statutory, or is membership mandatory for the council?",
        "Select yes if the partnership is statutory or membership is mandatory",
    )
    date_formed = GovDateField(
        "Date formed",
        help_text="If it has not formed yet, when it is expected to. For example, 1 4 2027",
    )
    proposed_end_date = GovDateField(
        "Proposed end date", help_text="Leave blank if it is not expected to end"
    )

    class Meta:
        model = Partnership
        fields = [
            "remit",
            "accountable_body",
            "council_is_accountable_body",
            "sponsor",
            "statutory",
            "date_formed",
            "proposed_end_date",
        ]
        labels = {
            "remit": "What is the main purpose of the partnership?",
            "accountable_body": "Which organisation is the partnership responsible to?",
            "council_is_accountable_body": "The council is the accountable body",
        }
        help_texts = {
            "accountable_body": "The accountable body. Leave this blank if it is the council.",
        }
        error_messages = {"remit": {"required": "Enter the main purpose of the partnership"}}

    def __init__(self, *args, proposal, policy, **kwargs):
        super().__init__(*args, instance=proposal.partnership, **kwargs)
        self.show_saved_yes_no()
        sponsor = self.fields["sponsor"]
        sponsor.label = policy.sponsor_label()
        sponsor.queryset = active_people()
        sponsor.label_from_instance = lambda person: person.display_name
        sponsor.empty_label = "Not agreed yet"
        sponsor.help_text = (
            "The senior person answerable for the council's part in the partnership, usually "
            f"{_article(policy.role_label(Role.HEAD_OF_SERVICE))}. They need not be its "
            "representative."
        )
        self.helper = _helper(
            Field.textarea("remit", rows=5),
            Field.text("accountable_body"),
            Field.checkbox("council_is_accountable_body"),
            Field.select("sponsor"),
            Field.radios("statutory", inline=True, legend_size=Size.SMALL),
            Field("date_formed"),
            Field("proposed_end_date"),
        )

    def clean(self):
        cleaned = super().clean()
        body = (cleaned.get("accountable_body") or "").strip()
        council = cleaned.get("council_is_accountable_body")
        if not body and not council:
            self.add_error(
                "accountable_body",
                "Enter the organisation the partnership is responsible to, or tick that the "
                "council is the accountable body",
            )
        elif body and council:
            self.add_error(
                "accountable_body",
                "Either enter the organisation the partnership is responsible to or tick that "
                "the council is, not both",
            )
        for name, message in record_problems(cleaned):
            self.add_error(name, message)
        return cleaned


class AlternativesForm(PageForm, forms.ModelForm):
    """Northamptonshire asks that the alternatives to a partnership are considered first."""

    proposal_fields = ("alternative_existing", "alternative_consult", "alternative_contract")

    class Meta:
        model = Proposal
        fields = ["alternative_existing", "alternative_consult", "alternative_contract"]
        error_messages = {
            "alternative_existing": {
                "required": "Say whether an existing partnership could do this"
            },
            "alternative_consult": {
                "required": "Say whether consulting others, with the council keeping the "
                "decision, would be enough"
            },
            "alternative_contract": {"required": "Say whether a contract would be better"},
        }

    def __init__(self, *args, proposal, policy=None, **kwargs):
        super().__init__(*args, instance=proposal, **kwargs)
        for name in self.proposal_fields:
            self.fields[name].required = True
        self.helper = _helper(
            *[Field.textarea(name, rows=3, label_size=Size.SMALL) for name in self.proposal_fields]
        )


class ObjectivesForm(PageForm, forms.ModelForm):
    partnership_fields = ("strategic_objectives", "objectives_contribution")

    class Meta:
        model = Partnership
        fields = ["strategic_objectives", "objectives_contribution"]
        widgets = {"strategic_objectives": forms.CheckboxSelectMultiple}
        labels = {
            "strategic_objectives": "Which of the council's strategic objectives does it serve?",
            "objectives_contribution": "How will it contribute to them?",
        }
        help_texts = {"strategic_objectives": "Select all that apply."}
        error_messages = {
            "objectives_contribution": {
                "required": "Say how the partnership will contribute to the council's "
                "strategic objectives"
            }
        }

    def __init__(self, *args, proposal, policy=None, **kwargs):
        super().__init__(*args, instance=proposal.partnership, **kwargs)
        objectives = StrategicObjective.objects.filter(active=True)
        self.fields["strategic_objectives"].queryset = objectives
        self.fields["objectives_contribution"].required = True
        layout = [Field.textarea("objectives_contribution", rows=4)]
        # Until the register keeper lists the objectives, there is nothing to tick.
        if objectives.exists():
            layout.insert(0, Field.checkboxes("strategic_objectives", legend_size=Size.SMALL))
        else:
            del self.fields["strategic_objectives"]
        self.helper = _helper(*layout)


class MeetingsForm(PageForm, forms.ModelForm):
    partnership_fields = ("meeting_location", "meeting_frequency")

    class Meta:
        model = Partnership
        fields = ["meeting_location", "meeting_frequency"]
        labels = {
            "meeting_location": "Where is it likely to meet?",
            "meeting_frequency": "How often is it likely to meet?",
        }
        help_texts = {
            "meeting_frequency": "For example, every quarter",
        }
        error_messages = {
            "meeting_location": {"required": "Enter where the partnership is likely to meet"},
            "meeting_frequency": {"required": "Enter how often the partnership is likely to meet"},
        }

    def __init__(self, *args, proposal, policy=None, **kwargs):
        super().__init__(*args, instance=proposal.partnership, **kwargs)
        for name in self.partnership_fields:
            self.fields[name].required = True
        # A place the council names itself, never another council's.
        policy = policy or Policy.current()
        self.fields["meeting_location"].help_text = policy.meeting_place_hint()
        self.helper = _helper(Field.text("meeting_location"), Field.text("meeting_frequency"))


class AgreementForm(PageForm, forms.ModelForm):
    partnership_fields = ("has_agreement", "agreement_description")
    yes_no_fields = ("has_agreement",)

    has_agreement = yes_no(
        "Does it have, or will it have, a partnership agreement?",
        "Select yes if the partnership has a partnership agreement",
        help_text="For example a constitution, terms of reference or a memorandum of "
        "understanding.",
    )

    class Meta:
        model = Partnership
        fields = ["has_agreement", "agreement_description"]
        labels = {"agreement_description": "If it does, describe the agreement"}

    def __init__(self, *args, proposal, policy=None, **kwargs):
        super().__init__(*args, instance=proposal.partnership, **kwargs)
        self.show_saved_yes_no()
        # The council's own ask where its form makes one (South Derbyshire: "please attach a
        # copy").
        policy = policy or Policy.current()
        if policy.agreement_copy_ask:
            self.fields["agreement_description"].help_text = policy.agreement_copy_ask
        self.helper = _helper(
            Field.radios("has_agreement", inline=True, legend_size=Size.SMALL),
            Field.textarea("agreement_description", rows=4),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_agreement") and not cleaned.get("agreement_description", "").strip():
            self.add_error("agreement_description", "Describe the partnership agreement")
        if cleaned.get("has_agreement") is False:
            cleaned["agreement_description"] = ""
        return cleaned


class TierPageForm(PageForm, TierForm):
    """R3's test, kept with the answers in the shape the register's own tier page keeps them."""

    partnership_fields = ("tier", "tier_answers")

    def __init__(self, *args, proposal, policy, **kwargs):
        self.policy = policy
        saved = {
            a["key"]: a["answer"] for a in proposal.partnership.tier_answers.get("answers", [])
        }
        super().__init__(*args, policy=policy, answers=saved, **kwargs)
        _without_buttons(self.helper)

    def answers(self):
        data = self.cleaned_data
        return {
            "partnership_fields": {
                "tier": self.policy.decide_tier(data),
                "tier_answers": {
                    "policy": self.policy.preset,
                    "answers": [
                        {"key": q["key"], "question": q["text"], "answer": bool(data.get(q["key"]))}
                        for q in self.policy.tier_questions
                    ],
                },
            },
            "proposal_fields": {},
        }


class AuthorityForm(PageForm, forms.ModelForm):
    """P5: authority beyond the constitution or scheme of delegation adds the council's step."""

    proposal_fields = ("needs_extra_authority", "extra_authority_reason")
    yes_no_fields = ("needs_extra_authority",)

    class Meta:
        model = Proposal
        fields = ["needs_extra_authority", "extra_authority_reason"]
        labels = {"extra_authority_reason": "If so, what authority is needed, and why?"}

    def __init__(self, *args, proposal, policy, **kwargs):
        super().__init__(*args, instance=proposal, **kwargs)
        self.fields["needs_extra_authority"] = yes_no(
            "Will a council representative need authority beyond the constitution or the "
            "scheme of delegation?",
            "Select yes if a representative will need authority beyond the constitution",
            help_text="For example, to commit the council's money or to decide for the council "
            "in ways the scheme of delegation does not allow. If so, the proposal also goes to "
            f"{policy.committee_label('council')} for a decision.",
        )
        self.show_saved_yes_no()
        self.helper = _helper(
            Field.radios("needs_extra_authority", inline=True, legend_size=Size.SMALL),
            Field.textarea("extra_authority_reason", rows=4),
        )

    def clean(self):
        cleaned = super().clean()
        needs = cleaned.get("needs_extra_authority")
        if needs and not cleaned.get("extra_authority_reason", "").strip():
            self.add_error("extra_authority_reason", "Say what authority is needed, and why")
        if needs is False:
            cleaned["extra_authority_reason"] = ""
        return cleaned


class AdditionalForm(PageForm, forms.ModelForm):
    partnership_fields = ("additional_information",)

    class Meta:
        model = Partnership
        fields = ["additional_information"]
        labels = {
            "additional_information": "Is there anything else the people deciding should know?"
        }
        help_texts = {"additional_information": "Optional."}

    def __init__(self, *args, proposal, policy=None, **kwargs):
        super().__init__(*args, instance=proposal.partnership, **kwargs)
        self.helper = _helper(Field.textarea("additional_information", rows=5))


# The pages that list parts of the record: each adds one item at a time. -------------------


class PartnerAddForm(PartnerOrganisationForm):
    def __init__(self, *args, proposal=None, policy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Name of the organisation"
        _without_buttons(self.helper)


class ResourceAddForm(ResourceForm):
    def __init__(self, *args, proposal=None, policy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["within_budget"] = yes_no(
            "Can it be met within existing budgets?",
            "Select whether it can be met within existing budgets",
            yes="Yes, within existing budgets",
            no="No, additional funds are needed",
        )
        self.fields["description"].label = "Description (optional)"
        self.fields["amount"].label = "Amount in pounds (optional)"
        self.fields["hours"].label = "Hours a year (optional)"
        self.helper = _helper(
            Field.text("financial_year", field_width=10),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("description"),
            Field.text("amount", field_width=10),
            Field.text("hours", field_width=5),
            Field.radios("within_budget", legend_size=Size.SMALL),
        )


class RiskAddForm(RiskForm):
    def __init__(self, *args, proposal=None, policy, **kwargs):
        super().__init__(*args, policy=policy, **kwargs)
        _without_buttons(self.helper)
