"""GOV.UK form pieces every app's forms use: the date input, the crispy layout with one
submit button, a service's refusal shown on the form, and saving a page as far as it goes."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout
from django.core.exceptions import ValidationError

from .bounds import EARLIEST_YEAR, LATEST_YEAR


class GovDateField(DateInputField):
    """A GOV.UK date input (day, month, year) that says plainly when a date is not real."""

    def __init__(self, label, required=False, **kwargs):
        super().__init__(label=label, required=required, require_all_fields=False, **kwargs)
        self.error_messages["required"] = f"Enter the {label.lower()}"

    def compress(self, data_list):
        day, month, year = data_list
        if not (day or month or year):
            return None
        if not (day and month and year):
            raise ValidationError("Enter the day, month and year")
        try:
            value = date(day=int(day), month=int(month), year=int(year))
        except ValueError as error:
            raise ValidationError(
                "Enter a real date, for example 27 3 2026", code="invalid"
            ) from error
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise ValidationError(
                f"Enter a year between {EARLIEST_YEAR} and {LATEST_YEAR}", code="invalid"
            )
        return value


def form_helper(*layout, submit="Save"):
    """A crispy-forms layout of these fields and one submit button; the page draws the
    <form> tag and its CSRF token."""
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout, Button("submit", submit))
    return helper


def add_service_errors(form, error):
    """Shows a service's ValidationError on the form: each message beside the field it names,
    the rest at the top of the error summary."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error)


EMPTY = (None, "", [], ())


def save_what_was_entered(form):
    """For "Save and come back later": no answer is required, so an incomplete page saves;
    answers that are there are still checked (a date must be a date)."""
    for field in form.fields.values():
        field.required = False
        for subfield in getattr(field, "fields", ()):
            subfield.required = False
        if hasattr(field, "require_all_fields"):
            field.require_all_fields = False


def entered(answers):
    """Only the answers a person gave: a blank left blank keeps what was saved before."""
    return {
        group: {name: value for name, value in values.items() if value not in EMPTY}
        if isinstance(values, dict)
        else values
        for group, values in answers.items()
    }
