"""The withdrawal proposal's one page of questions (V7)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from core.forms import GovDateField

from .services import ADVICE_NEEDED, ALWAYS_NEEDED, needs_advice


def _text(label, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=10000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WithdrawalForm(forms.Form):
    """Every answer is optional while it is saved as a draft; sending it for a decision
    (submitting=True) needs them all, and the advice when the partnership is statutory or
    contractual."""

    reasons = _text(
        "Why should the council leave the partnership?",
        "For example, it no longer meets the council's objectives, or its work is done.",
    )
    risks = _text(
        "What are the risks of leaving?",
        "The financial, reputational and other risks to the council and its partners, and how "
        "each will be managed. Include any notice period.",
    )
    handover = _text(
        "How will the council's responsibilities in the partnership be handed over?",
        "Who takes on what the council does now: roles, funding, assets, data and staff.",
    )
    continuity = _text(
        "How will services to residents continue after the council leaves?",
    )
    exit_strategy = _text(
        "Exit strategy",
        "It starts as the exit strategy on the partnership's record: say how it will be "
        "carried out.",
    )
    exit_date = GovDateField("Proposed exit date", help_text="For example, 31 3 2027")
    legal_advice = _text("Legal advice taken", "Who advised, when, and what they advised.")
    financial_advice = _text("Financial advice taken", "Who advised, when, and what they advised.")

    def __init__(self, *args, partnership, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.advice_needed = needs_advice(partnership)
        if self.advice_needed:
            for name in ADVICE_NEEDED:
                self.fields[name].label += " (needed: the partnership is statutory or contractual)"
        else:
            for name in ADVICE_NEEDED:
                self.fields[name].label += " (optional)"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("reasons"),
            Fieldset(
                Field.textarea("risks"),
                Field.textarea("handover"),
                Field.textarea("continuity"),
                legend="Risk analysis of leaving",
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("exit_strategy"),
            Field("exit_date"),
            Fieldset(
                Field.textarea("legal_advice"),
                Field.textarea("financial_advice"),
                legend="Advice taken",
                legend_size=Size.MEDIUM,
            ),
        )

    def clean(self):
        data = super().clean()
        if not self.submitting:
            return data
        needed = dict(ALWAYS_NEEDED)
        if self.advice_needed:
            needed.update(ADVICE_NEEDED)
        for name, message in needed.items():
            if name not in self.errors and not data.get(name):
                self.add_error(name, message)
        return data
