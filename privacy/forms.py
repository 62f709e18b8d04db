from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms


class FindPersonForm(forms.Form):
    q = forms.CharField(
        label="Name, username or email address",
        max_length=200,
        error_messages={"required": "Enter a name, username or email address to search for"},
        help_text="Part of a name is enough, for example Patel.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("q"), Button("search", "Find"))
