"""What free text the portal accepts: no control characters, which no keyboard types but a
paste from another program or a hostile client can carry. They hide text from a reader, break
CSV and PDF output and confuse logs. Line breaks and tabs are kept in multi-line answers."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

MULTI_LINE_ALLOWED = {"\n", "\r", "\t"}
# Characters that reorder text as it is shown (the "Trojan source" characters), so that what a
# decider reads is not what is stored.
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _is_control(character):
    return unicodedata.category(character) == "Cc" or character in BIDI_CONTROLS


def check_text(value, label=None, multiline=False):
    """Raises a ValidationError that names the field if the text holds a control character
    (or, on one line, a line break or tab)."""
    if not isinstance(value, str):
        return
    label = label or "This answer"
    for character in value:
        if multiline and character in MULTI_LINE_ALLOWED:
            continue
        if character in MULTI_LINE_ALLOWED:
            raise ValidationError(
                f"{label} must be on one line: remove the line break or tab and try again",
                code="line_break",
            )
        if _is_control(character):
            raise ValidationError(
                f"{label} contains a hidden control character (U+{ord(character):04X}): "
                "type the text again, or paste it as plain text, and try again",
                code="control_character",
            )


def install_text_check():
    """Applies check_text to every CharField of every form (and its subclasses: email, URL,
    slug, JSON), where the field is cleaned. The portal's forms have no shared base class,
    and a rule that each form must remember is a rule one form forgets; so the check sits in
    the one method every text field runs. A Textarea is a multi-line answer."""
    original = forms.CharField.clean
    if getattr(original, "checks_text", False):
        return

    def clean(self, value):
        value = original(self, value)
        check_text(value, self.label, multiline=isinstance(self.widget, forms.Textarea))
        return value

    clean.checks_text = True
    forms.CharField.clean = clean


# The register's dates as Django's "j M Y" shows them in English. Written out because the
# register formats one or two dates a row, and Django's formatter, which looks up the
# language and the format each time, cost more than the rest of the row.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day):
    """1 Dec 2026."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
