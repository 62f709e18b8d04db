from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from accounts.policy import Policy, preset_keys


def _council(key):
    return Policy.from_preset(key).council_name


class PresetForm(forms.Form):
    preset = forms.ChoiceField(
        label="Which council's policy should the register follow?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the policy to change to"},
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preset"].choices = [
            (key, _council(key)) for key in preset_keys() if key != current.preset
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.radios("preset", legend_size=Size.MEDIUM))


class ApplyForm(forms.Form):
    preset = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why are these records now excluded from the register?",
        help_text="Kept on each record as its exclusion reason, and in its history.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, ask_reason, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        fields = ["preset"] + ([Field.textarea("reason")] if ask_reason else [])
        self.helper.layout = Layout(*fields)
