"""Form helpers every app may use."""

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
