"""A Django form for one section of a questionnaire, built from the template's data."""

import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fieldset, Layout, Size
from django import forms
from django.utils.html import format_html

from core.forms import GovDateField

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_DONT_KNOW = [("yes", "Yes"), ("no", "No"), ("dont_know", "Don't know")]
COVERED = [
    ("document", "Covered by an attached document"),
    ("written", "Written in here"),
    ("gap", "Not covered yet"),
]


def _rank_field(option, count):
    return forms.IntegerField(
        label=option,
        required=False,
        min_value=1,
        max_value=count,
        help_text=f"1 to {count}, or leave blank",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": f"Enter a rank from 1 to {count}, or leave it blank",
            "min_value": f"Enter a rank from 1 to {count}, or leave it blank",
            "max_value": f"Enter a rank from 1 to {count}, or leave it blank",
        },
    )


def ranking_answer(ranks):
    """A ranking as it is kept and read back: "1 Set policy, 2 Service delivery", in rank
    order, so that every page and paper shows it as the council's form asks for it."""
    ranked = sorted((rank, option) for option, rank in ranks.items() if rank)
    return ", ".join(f"{rank} {option}" for rank, option in ranked)


def ranks_in(answer, options):
    """{option: rank} read back from a kept ranking; an answer written as free text before the
    options were offered one by one gives what it can."""
    found = {}
    for option in options:
        match = re.search(rf"(?:^|,\s*)(\d+)\s+{re.escape(option)}\s*(?:,|$)", answer or "")
        if match:
            found[option] = int(match.group(1))
    return found


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
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10000, **common)


class SectionForm(forms.Form):
    # The rankings "Save and continue" needs answered (require_answers); None while the page
    # is only being saved for later, which checks nothing.
    _required_rankings = None

    def __init__(self, *args, section, scales, answers, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        documents = list(documents)
        self._has_documents = bool(documents)
        layout = []
        for question in section.get("questions", []):
            key = question["key"]
            name = self.name_for(key)
            answer = answers.get(key) or {}
            if question["type"] == "ranking":
                layout.append(self._ranking(question, answer))
                continue
            self.fields[name] = _field(question, scales, documents)
            if answer.get("value") not in (None, ""):
                self.initial[name] = answer["value"]
            parts = [self._layout_field(question, name)]
            if question["type"] == "covered":
                self.fields[f"{name}__document"] = forms.ChoiceField(
                    label="The document that covers it",
                    required=False,
                    choices=[("", "Choose a document")] + [(str(d.pk), d.title) for d in documents],
                    help_text=""
                    if documents
                    else "No documents are kept with the partnership yet: add one to its "
                    "record, or give the document and reference below",
                )
                self.initial[f"{name}__document"] = str(answer.get("document") or "")
                self.fields[f"{name}__reference"] = forms.CharField(
                    label="Document and reference", required=False, max_length=300
                )
                self.fields[f"{name}__text"] = forms.CharField(
                    label="Or write it in", required=False, widget=forms.Textarea(attrs={"rows": 3})
                )
                self.initial[f"{name}__reference"] = answer.get("reference", "")
                self.initial[f"{name}__text"] = answer.get("text", "")
                parts += [
                    Field.select(f"{name}__document"),
                    Field.text(f"{name}__reference"),
                    Field.textarea(f"{name}__text"),
                ]
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

    def _ranking(self, question, answer):
        """Main functions "please rank (1) - (4)": a rank box for each option the form
        gives, in its order, under the question."""
        options = question["options"]
        kept = ranks_in(answer.get("value"), options)
        boxes = []
        for option, box in self._rank_boxes(question):
            self.fields[box] = _rank_field(option, len(options))
            if option in kept:
                self.initial[box] = kept[option]
            boxes.append(Field.text(box, field_width=2))
        if question.get("help"):
            boxes.insert(0, HTML(format_html('<p class="govuk-hint">{}</p>', question["help"])))
        return Fieldset(*boxes, legend=question["text"], legend_size=Size.SMALL)

    def _rank_boxes(self, question):
        name = self.name_for(question["key"])
        return [
            (option, f"{name}__rank_{number}")
            for number, option in enumerate(question["options"], start=1)
        ]

    def clean(self):
        cleaned = super().clean()
        for question in self.section.get("questions", []):
            if question["type"] != "ranking":
                continue
            boxes = self._rank_boxes(question)
            given = [cleaned.get(box) for _, box in boxes if cleaned.get(box)]
            if len(given) != len(set(given)):
                self.add_error(boxes[0][1], "Give each one a different rank")
            elif not given and question["key"] in (self._required_rankings or ()):
                self.add_error(boxes[0][1], f"Answer ‘{question['text']}’")
        if self._required_rankings is not None and self._has_documents:
            for question in self.section.get("questions", []):
                name = self.name_for(question["key"])
                if (
                    question["type"] == "covered"
                    and cleaned.get(name) == "document"
                    and not cleaned.get(f"{name}__document")
                ):
                    self.add_error(
                        f"{name}__document",
                        f"Choose the document that covers ‘{question['text']}’",
                    )
        return cleaned

    def require_answers(self):
        """ "Save and continue" checks the page: each required question must be answered.
        "Save and come back later" saves whatever was entered without asking this."""
        self._required_rankings = {
            q["key"]
            for q in self.section.get("questions", [])
            if q["type"] == "ranking" and q.get("required", True)
        }
        for question in self.section.get("questions", []):
            if question.get("required", True) and question["type"] != "ranking":
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
            if question["type"] == "ranking":
                ranks = {o: self.cleaned_data.get(box) for o, box in self._rank_boxes(question)}
                found[question["key"]] = {"value": ranking_answer(ranks) or None}
                continue
            value = self.cleaned_data.get(name)
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            elif value is not None and not isinstance(value, (str, list)):
                value = str(value)
            answer = {"value": value if value not in (None, "") else None}
            for extra in ["document", "reference", "text", "evidence"]:
                if f"{name}__{extra}" in self.cleaned_data:
                    answer[extra] = self.cleaned_data[f"{name}__{extra}"]
            found[question["key"]] = answer
        return found
