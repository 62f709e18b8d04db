from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from core.forms import form_helper

from .fields import FIELDS


class OpenDataForm(forms.Form):
    published = forms.TypedChoiceField(
        label="Publish the register as open data?",
        help_text="Anyone, signed in or not, can then see the current register's chosen "
        "fields and download them as CSV or JSON.",
        choices=[("yes", "Yes, publish it"), ("no", "No, keep it to the portal")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to publish the register"},
    )
    fields = forms.MultipleChoiceField(
        label="What to publish",
        help_text="Select every field to publish for each active or exiting partnership.",
        choices=[
            Choice(key, label, hint=hint) if hint else Choice(key, label)
            for key, (label, hint, _) in FIELDS.items()
        ],  # fmt: skip
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the fields to publish"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.radios("published", legend_size=Size.MEDIUM),
            Field.checkboxes("fields", legend_size=Size.MEDIUM, small=True),
        )
