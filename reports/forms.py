from crispy_forms_gds.layout import Field, Size
from django import forms

from core.forms import GovDateField, form_helper

from .models import CabinetEntry, Priority
from .services import REQUIRED


class PrioritisationForm(forms.Form):
    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the partnership's priority"},
    )
    withdrawal_candidate = forms.BooleanField(
        label="Mark it as a candidate for withdrawal", required=False
    )
    withdrawal_reasons = forms.CharField(
        label="Reasons for considering withdrawal",
        help_text="Required when it is marked as a candidate for withdrawal.",
        required=False,
        widget=forms.Textarea,
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "version",
            Field.radios("priority", legend_size=Size.MEDIUM, inline=True),
            Field.checkbox("withdrawal_candidate"),
            Field.textarea("withdrawal_reasons", rows=4),
            Field.textarea("notes", rows=3),
            submit="Save the priority",
        )

    def clean(self):
        data = super().clean()
        if data.get("withdrawal_candidate"):
            if data.get("priority") and data["priority"] != Priority.LOW:
                self.add_error(
                    "withdrawal_candidate",
                    "Only a low priority partnership can be a candidate for withdrawal",
                )
            if not (data.get("withdrawal_reasons") or "").strip():
                self.add_error("withdrawal_reasons", "Give the reasons for considering withdrawal")
        return data


class CabinetReportForm(forms.Form):
    period_start = GovDateField("Start of the period", required=True)
    period_end = GovDateField("End of the period", required=True)
    introduction = forms.CharField(
        label="Introduction (optional)",
        help_text="What members should know about this report as a whole.",
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field("period_start"),
            Field("period_end"),
            Field.textarea("introduction", rows=4),
            submit="Open the report",
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be after its start")
        return data


class CabinetSendAgainForm(forms.Form):
    introduction = forms.CharField(
        label="Introduction",
        help_text="What members should know about this report as a whole, and what has "
        "changed since it was returned.",
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": "Enter the introduction, saying what has changed"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.textarea("introduction", rows=6), submit="Send the report again"
        )


class CabinetEntryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = CabinetEntry
        fields = ["performance", "emerging_issues", "on_budget", "partner_strength", "changes"]
        widgets = {"on_budget": forms.RadioSelect}
        help_texts = {
            "performance": "How the partnership's objectives and outputs were delivered against "
            "the targets set for the current year, and the outcomes they supported.",
            "emerging_issues": "Anything members need to know about, or say there is none.",
            "partner_strength": "Are the key partners financially sound, well governed and "
            "likely to stay?",
            "changes": "Filled in from the record's history since the last report: edit it to "
            "say what matters.",
        }
        error_messages = {name: {"required": message} for name, message in REQUIRED.items()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REQUIRED:
            self.fields[name].required = True
        self.fields["on_budget"].choices = [c for c in self.fields["on_budget"].choices if c[0]]
        self.initial.setdefault("version", self.instance.version)
        self.helper = form_helper(
            "version",
            Field.textarea("performance", rows=6),
            Field.textarea("emerging_issues", rows=4),
            Field.radios("on_budget", legend_size=Size.SMALL),
            Field.textarea("partner_strength", rows=4),
            Field.textarea("changes", rows=6),
            submit="Save the entry",
        )
