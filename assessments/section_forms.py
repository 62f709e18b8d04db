"""A Django form for one section of a questionnaire, built from the template's data."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Layout, Size
from django import forms

from core.forms import GovDateField

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_DONT_KNOW = [("yes", "Yes"), ("no", "No"), ("dont_know", "Don't know")]
COVERED = [
    ("document", "Covered by an attached document"),
    ("written", "Written in here"),
    ("gap", "Not covered yet"),
]


def _field(question, scales, documents):
    kind = question["type"]
    common = {"label": question["text"], "required": False, "help_text": question.get("help", "")}
    if kind == "rating":
        labels = scales[question["scale"]]["labels"]
        return forms.ChoiceField(
            choices=[(str(i), f"{i}: {label}") for i, label in enumerate(labels, start=1)],
            widget=forms.RadioSelect,
            **common,
        )
    if kind == "yes_no":
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if kind == "yes_no_dont_know":
        return forms.ChoiceField(choices=YES_NO_DONT_KNOW, widget=forms.RadioSelect, **common)
    if kind == "choice":
        options = [(o, o) for o in question["options"]]
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if kind in {"number", "money"}:
        return forms.DecimalField(
            min_value=0,
            max_digits=14,
            decimal_places=2,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            error_messages={"invalid": "Enter a number", "min_value": "Enter 0 or more"},
            **common,
        )
    if kind == "date":
        return GovDateField(question["text"])
    if kind == "documents":
        return forms.MultipleChoiceField(
            choices=[(str(d.pk), d.title) for d in documents],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == "covered":
        return forms.ChoiceField(choices=COVERED, widget=forms.RadioSelect, **common)
    # text, and ranking written as "1 Set policy, 2 Service delivery ..."
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10000, **common)


class SectionForm(forms.Form):
    def __init__(self, *args, section, scales, answers, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        layout = []
        for question in section.get("questions", []):
            key = question["key"]
            name = self.name_for(key)
            self.fields[name] = _field(question, scales, documents)
            answer = answers.get(key) or {}
            if answer.get("value") not in (None, ""):
                self.initial[name] = answer["value"]
            parts = [self._layout_field(question, name)]
            if question["type"] == "covered":
                self.fields[f"{name}__reference"] = forms.CharField(
                    label="Document and reference", required=False, max_length=300
                )
                self.fields[f"{name}__text"] = forms.CharField(
                    label="Or write it in", required=False, widget=forms.Textarea(attrs={"rows": 3})
                )
                self.initial[f"{name}__reference"] = answer.get("reference", "")
                self.initial[f"{name}__text"] = answer.get("text", "")
                parts += [Field.text(f"{name}__reference"), Field.textarea(f"{name}__text")]
            if question.get("evidence"):
                self.fields[f"{name}__evidence"] = forms.CharField(
                    label="Evidence", required=False, widget=forms.Textarea(attrs={"rows": 2})
                )
                self.initial[f"{name}__evidence"] = answer.get("evidence", "")
                parts.append(Field.textarea(f"{name}__evidence"))
            layout.append(Fieldset(*parts) if len(parts) > 1 else parts[0])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *layout,
            Button("continue", "Save and continue"),
            Button.secondary("later", "Save and come back later"),
        )

    def require_answers(self):
        """ "Save and continue" checks the page: each required question must be answered.
        "Save and come back later" saves whatever was entered without asking this."""
        for question in self.section.get("questions", []):
            if question.get("required", True):
                field = self.fields[self.name_for(question["key"])]
                field.required = True
                field.error_messages["required"] = f"Answer ‘{question['text']}’"

    @staticmethod
    def name_for(key):
        return "q_" + "".join(c if c.isalnum() else "_" for c in key)

    @staticmethod
    def _layout_field(question, name):
        if question["type"] in {"rating", "yes_no", "yes_no_dont_know", "choice", "covered"}:
            inline = question["type"] in {"yes_no", "yes_no_dont_know"}
            return Field.radios(name, legend_size=Size.SMALL, inline=inline)
        if question["type"] == "documents":
            return Field.checkboxes(name, legend_size=Size.SMALL)
        if question["type"] == "date":
            return Field(name)
        if question["type"] in {"number", "money"}:
            return Field.text(name, field_width=10)
        return Field.textarea(name)

    def answers(self):
        """The section's answers, in the shape CompletedForm keeps them."""
        found = {}
        for question in self.section.get("questions", []):
            name = self.name_for(question["key"])
            value = self.cleaned_data.get(name)
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            elif value is not None and not isinstance(value, (str, list)):
                value = str(value)
            answer = {"value": value if value not in (None, "") else None}
            for extra in ["reference", "text", "evidence"]:
                if f"{name}__{extra}" in self.cleaned_data:
                    answer[extra] = self.cleaned_data[f"{name}__{extra}"]
            found[question["key"]] = answer
        return found
