"""The auditor's forms (V6). They check what was typed; the rules about what may change live
in services.py."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms

from accounts.models import Service, User
from core.forms import GovDateField, form_helper
from partnerships.models import Kind, Tier

from .checklist import HINTS
from .models import FollowUpAction, Outcome, RiskRating
from .sampling import MAX_SEED, STATUS_CHOICES


class DrawForm(forms.Form):
    title = forms.CharField(
        label="Name of the spot check",
        max_length=200,
        help_text="For example, Partnership documentation, quarter 3 2026/27.",
        error_messages={"required": "Enter a name for the spot check"},
    )
    sample_size = forms.IntegerField(
        label="How many partnerships should the sample hold?",
        min_value=1,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many partnerships to sample",
            "invalid": "Enter the sample size as a whole number, like 5",
            "min_value": "The sample must hold at least 1 partnership",
            "max_value": "The sample can hold at most 100 partnerships",
        },
    )
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, initial="current")
    kind = forms.ChoiceField(label="Kind of arrangement", required=False)
    tier = forms.ChoiceField(label="Tier", required=False)
    lead_service = forms.ChoiceField(label="Lead service", required=False)
    seed = forms.IntegerField(
        label="Seed (optional)",
        required=False,
        min_value=1,
        max_value=MAX_SEED,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text="Leave it blank and one is chosen at random and recorded. To draw a "
        "recorded sample again, type its seed and choose the same filters.",
        error_messages={
            "invalid": "Enter the seed as a whole number, like 48213",
            "min_value": "Enter a seed of 1 or more",
            "max_value": f"Enter a seed of {MAX_SEED:,} or less",
        },
    )

    def __init__(self, *args, policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind"), *Kind.choices]
        self.fields["tier"].choices = [("", "Any tier")] + [
            (tier.value, policy.tier_label(tier)) for tier in Tier
        ]
        self.fields["lead_service"].choices = [("", "Any service")] + [
            (str(pk), name) for pk, name in Service.objects.values_list("pk", "name")
        ]
        self.helper = form_helper(
            Field.text("title"),
            Field.text("sample_size", field_width=4),
            Fieldset(
                Field.select("status"),
                Field.select("kind"),
                Field.select("tier"),
                Field.select("lead_service"),
                legend="Which partnerships to draw from",
                legend_size=Size.MEDIUM,
            ),
            Field.text("seed", field_width=10),
            submit="Draw the sample",
        )

    def filters(self):
        return {name: self.cleaned_data[name] or "" for name in ("status", "kind", "tier",
                                                                  "lead_service")}  # fmt: skip


class ChecklistForm(forms.Form):
    """One partnership's checklist: for each item, what the auditor found and a note."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        layout = []
        for item in items:
            outcome, note = f"{item.key}-outcome", f"{item.key}-note"
            self.fields[outcome] = forms.ChoiceField(
                label=item.label,
                choices=Outcome.choices,
                widget=forms.RadioSelect,
                help_text=f"{HINTS.get(item.key, '')} The register shows: "
                f"{item.get_register_shows_display().lower()}. {item.register_detail}",
                error_messages={"required": f"Select what you found for {item.label.lower()}"},
            )
            self.fields[note] = forms.CharField(
                label=f"Note on {item.label[:1].lower()}{item.label[1:]}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Needed if what you found differs from what the register shows.",
            )
            self.initial[outcome] = item.outcome or _expected(item)
            self.initial[note] = item.note
            layout.append(
                Fieldset(
                    Field.radios(outcome, legend_size=Size.SMALL, inline=True),
                    Field.textarea(note, rows=2),
                )
            )
        self.helper = form_helper(*layout, submit="Save the checklist")

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            outcome = cleaned.get(f"{item.key}-outcome")
            if outcome and outcome != _expected(item) and not cleaned.get(f"{item.key}-note"):
                self.add_error(
                    f"{item.key}-note",
                    f"Say why {item.label.lower()} differs from what the register shows",
                )
        return cleaned

    def answers(self):
        return {
            item.key: (
                self.cleaned_data[f"{item.key}-outcome"],
                self.cleaned_data[f"{item.key}-note"],
            )
            for item in self.items
        }


def _expected(item):
    """What the register's answer means, as an outcome: the default the auditor confirms."""
    return {"present": Outcome.FOUND, "missing": Outcome.MISSING}.get(
        item.register_shows, Outcome.NOT_APPLICABLE
    )


WHOLE_SAMPLE = ""


class FindingForm(forms.Form):
    partnership = forms.ChoiceField(
        label="What is it about?", widget=forms.RadioSelect, required=False
    )
    description = forms.CharField(
        label="What was found",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what was found"},
    )
    risk_rating = forms.ChoiceField(
        label="Risk rating",
        choices=RiskRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the risk rating"},
    )

    def __init__(self, *args, sampled, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnerships = {str(s.partnership_id): s.partnership for s in sampled}
        self.fields["partnership"].choices = [(WHOLE_SAMPLE, "The sample as a whole")] + [
            (pk, partnership.name) for pk, partnership in self.partnerships.items()
        ]
        self.initial.setdefault("partnership", WHOLE_SAMPLE)
        self.helper = form_helper(
            Field.radios("partnership", legend_size=Size.SMALL),
            Field.textarea("description", rows=4),
            Field.radios("risk_rating", legend_size=Size.SMALL, inline=True),
            submit="Save the finding",
        )

    def clean_partnership(self):
        value = self.cleaned_data.get("partnership") or WHOLE_SAMPLE
        return self.partnerships.get(value)


class ActionForm(forms.Form):
    description = forms.CharField(
        label="What must be done",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what must be done"},
    )
    owner = forms.ModelChoiceField(
        label="Who owns the action",
        queryset=User.objects.none(),
        empty_label="Select a person",
        error_messages={"required": "Select who owns the action"},
    )
    due = GovDateField("Due date", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name", "username"
        )
        self.helper = form_helper(
            Field.textarea("description", rows=3),
            Field.select("owner"),
            Field("due"),
            submit="Save the action",
        )


class ActionProgressForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=FollowUpAction.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status of the action"},
    )
    progress = forms.CharField(
        label="Progress",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What has been done so far, and what is still to do.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            Field.textarea("progress", rows=4),
            submit="Save progress",
        )


class CompleteForm(forms.Form):
    conclusion = forms.CharField(
        label="Conclusion",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Do the sampled partnerships meet the council's requirements? This opens "
        "the printed report, the independent assessment senior management reads.",
        error_messages={"required": "Enter your conclusion"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.textarea("conclusion", rows=5), submit="Complete the spot check"
        )
