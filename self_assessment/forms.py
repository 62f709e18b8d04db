from crispy_forms_gds.layout import Field, Size
from django import forms

from accounts.models import User
from core.forms import GovDateField, form_helper

from .models import ActionStatus


class ActionForm(forms.Form):
    owner = forms.ModelChoiceField(
        label="Owner",
        queryset=User.objects.none(),
        empty_label="Select a person",
        error_messages={"required": "Select who owns the action"},
    )
    due_date = GovDateField("Due date", required=True, help_text="For example, 31 3 2027")
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text="What has been done, or what stands in the way.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name", "pk"
        )
        self.helper = form_helper(
            Field.select("owner"),
            Field("due_date"),
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            Field.textarea("note", rows=3),
            submit="Save the action",
        )


class ConfirmForm(forms.Form):
    def __init__(self, *args, submit, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit=submit)
