from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from accounts.policy import recorded_from
from core.forms import GovDateField

from .models import Outcome


class DecisionForm(forms.Form):
    step_index = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label="Your decision",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select approve, return for changes or reject"},
    )
    comment = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Every decision is recorded with its comment. When returning or rejecting, "
        "say what needs to change or why.",
        error_messages={"required": "Enter a comment to go with the decision"},
        max_length=5000,
    )

    def __init__(self, *args, step, documents, **kwargs):
        super().__init__(*args, **kwargs)
        layout = ["step_index", Field.radios("outcome", legend_size=Size.MEDIUM),
                  Field.textarea("comment")]  # fmt: skip
        if step["committee"]:
            # P4: a committee's decision is recorded from its meeting, or a Member's from the
            # decision itself.
            words = recorded_from(step)
            self.fields["meeting_date"] = GovDateField(words["date"], required=True)
            self.fields["minute_reference"] = forms.CharField(
                label=words["reference"],
                max_length=100,
                error_messages={"required": f"Enter the {words['reference'].lower()}"},
            )
            layout += [Field("meeting_date"), Field.text("minute_reference", field_width=20)]
        if step["committee"] and documents is not None:
            # Something that is not about one partnership (a register review) has no
            # documents to link minutes from: the minute reference is its record.
            self.fields["minutes"] = forms.ModelChoiceField(
                label="Minutes (optional)",
                queryset=documents,
                required=False,
                empty_label="None attached",
                help_text="Minutes added to the partnership's documents can be linked here.",
            )
            layout.append(Field.select("minutes"))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*layout, Button("submit", "Record the decision"))
