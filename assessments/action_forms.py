from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from accounts.models import User
from core.forms import GovDateField

from .models import Action


class ActionForm(forms.ModelForm):
    deadline = GovDateField("Deadline", required=True)

    class Meta:
        model = Action
        fields = ["description", "term", "owner", "deadline", "measures", "status"]
        labels = {"description": "What will be done", "term": "Is it a quick win?"}
        widgets = {"term": forms.RadioSelect, "status": forms.RadioSelect}
        error_messages = {
            "description": {"required": "Say what will be done"},
            "owner": {"required": "Select who owns the action"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name"
        )
        self.fields["owner"].empty_label = "Select a person"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("description", rows=3),
            Field.radios("term", legend_size=Size.SMALL, inline=True),
            Field.select("owner"),
            Field("deadline"),
            Field.textarea("measures", rows=3),
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            Button("submit", "Save the action"),
        )
