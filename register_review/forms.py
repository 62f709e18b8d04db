from crispy_forms_gds.layout import Field, Size
from django import forms

from core.forms import GovDateField, form_helper

from .models import Outcome


class OpenForm(forms.Form):
    year = forms.IntegerField(
        label="Year of the review",
        min_value=2000,
        max_value=2100,
        # GOV.UK asks for numbers in a text input: a number input changes with the scroll wheel.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the year of the review",
            "invalid": "Enter the year as a number, like 2026",
            "min_value": "Enter a year from 2000 to 2100",
            "max_value": "Enter a year from 2000 to 2100",
        },
    )
    confirm_by = GovDateField(
        "Confirmations due by",
        required=True,
        help_text="The date lead officers should confirm or update their entries by. "
        "For example, 30 6 2026",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.text("year", field_width=4),
            Field("confirm_by"),
            submit="Open the review",
        )


class ConfirmForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Is this entry current?",
        choices=[
            (Outcome.CONFIRMED, "Yes, it is current: nothing needs to change"),
            (Outcome.UPDATED, "I have updated it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the entry is current or you have updated it"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="Anything the register keeper should know, for example what you changed.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("outcome", legend_size=Size.MEDIUM),
            Field.textarea("note", rows=3),
            submit="Save",
        )


class ChaseForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit="Email the lead officers")


class CloseForm(forms.Form):
    accept_outstanding = forms.BooleanField(
        label="Close the review with these entries not confirmed",
        required=False,
        help_text="The report lists them as not confirmed.",
    )

    def __init__(self, *args, outstanding, **kwargs):
        super().__init__(*args, **kwargs)
        fields = []
        if outstanding:
            fields.append(Field.checkbox("accept_outstanding"))
        else:
            del self.fields["accept_outstanding"]
        self.helper = form_helper(*fields, submit="Close the review")


class SendAgainForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit="Send the report again")
