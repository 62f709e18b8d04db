"""A row of a GOV.UK summary list: its key, and its value or "Not recorded".

A tag rather than an include: the record page's twenty-odd rows were each an include, with a
context of their own, and they were a tenth of the page's time."""

from django import template
from django.template.base import render_value_in_context
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

NOT_RECORDED = mark_safe('<span class="app-secondary">Not recorded</span>')  # noqa: S308


@register.simple_tag(takes_context=True)
def summary_row(context, key, value, multiline=False):
    if value and value != " ":
        if multiline:
            shown = linebreaksbr(value, autoescape=context.autoescape)
        else:
            shown = render_value_in_context(value, context)
    else:
        shown = NOT_RECORDED
    return format_html(
        '<div class="govuk-summary-list__row">\n'
        '  <dt class="govuk-summary-list__key">{}</dt>\n'
        '  <dd class="govuk-summary-list__value">{}</dd>\n'
        "</div>\n",
        render_value_in_context(key, context),
        shown,
    )
