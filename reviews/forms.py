from crispy_forms_gds.layout import Field, Size
from django import forms

from core.forms import GovDateField, form_helper

from .models import Requirement


class FormChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, form):
        state = form.get_state_display().lower()
        score = f", scored {form.scores['total']} out of {form.scores['maximum']}"
        return f"{form.template.title}, submitted {form.submitted_at:%-d %B %Y} ({state}" + (
            f"{score})" if form.scores.get("maximum") else ")"
        )


class CompleteForm(forms.Form):
    """What completing a review records (V1). Only what the review requires is asked."""

    conclusions = forms.CharField(
        label="Conclusions",
        help_text="Is the partnership still relevant to the council's priorities, is it "
        "effective, and should the council stay in it?",
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": "Enter the review's conclusions"},
    )

    def __init__(self, *args, review, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        layout = []
        for requirement in (Requirement.ASSESSMENT, Requirement.EVALUATION):
            if requirement in review.requires:
                self.fields[str(requirement)] = FormChoiceField(
                    label=f"Which {requirement.label.lower()} is this review based on?",
                    queryset=candidates[requirement],
                    widget=forms.RadioSelect,
                    empty_label=None,
                    error_messages={
                        "required": f"Choose the {requirement.label.lower()} this review is "
                        "based on",
                        "invalid_choice": f"That {requirement.label.lower()} cannot count for "
                        "this review",
                    },
                )
                layout.append(Field.radios(str(requirement), legend_size=Size.SMALL))
        if Requirement.REGISTER_CONFIRMATION in review.requires:
            self.fields["register_confirmed"] = forms.BooleanField(
                label="I have checked the partnership's register entry and it is current",
                error_messages={"required": "Confirm that the register entry is current"},
            )
            layout.append(Field.checkbox("register_confirmed"))
        layout.append(Field.textarea("conclusions", rows=5))
        self.helper = form_helper(*layout, submit="Complete the review")


class BringForwardForm(forms.Form):
    due = GovDateField("Date the review is now due by", required=True)
    reason = forms.CharField(
        label="Why is it being brought forward?",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Enter why the review is being brought forward"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field("due"), Field.textarea("reason", rows=3), submit="Bring it forward"
        )


class SendAgainForm(forms.Form):
    conclusions = forms.CharField(
        label="Conclusions",
        help_text="Is the partnership still relevant to the council's priorities, is it "
        "effective, and should the council stay in it? Say what has changed since the review "
        "was returned.",
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": "Enter the review's conclusions"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("conclusions", rows=6), submit="Send it again")


class RepresentativeReportForm(forms.Form):
    """The officer representative's annual report (Northamptonshire, section 5(b))."""

    achievement = forms.CharField(
        label="Partnership achievement against targets/ outcomes",
        help_text="For each of the partnership's targets or outcomes, or overall: what it set "
        "out to achieve this year, what it achieved, and where it fell short.",
        widget=forms.Textarea,
        max_length=20000,
        error_messages={
            "required": "Enter the partnership's achievement against its targets and outcomes"
        },
    )

    def __init__(self, *args, submit="Save the report", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.textarea("achievement", rows=10), submit=submit)
