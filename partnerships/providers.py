"""What higher apps add to the register's pages without the register importing them.

Assessments add the latest score, reviews the next review date; reviews, forms, significant
changes and leaving each add a section to a partnership's record page. Each app names its
functions in settings (REGISTER_COLUMNS, RECORD_SECTIONS), as the inbox's sources do, so the
register, a lower layer, depends on none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import import_module

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class RegisterColumn:
    """A column of the register list, with the filter that goes with it."""

    key: str  # the filter's name in the address, e.g. "score"
    heading: str
    # Adds what the column shows to the register's queryset, as subqueries (one query).
    annotate: Callable[[QuerySet], QuerySet]
    # A new django-filter Filter for this column, each time a filter form is built.
    make_filter: Callable[[], object]
    # The cell's HTML for one row (partnership, today): a function, not a template, because
    # including a template in each cell of a page of 25 cost more than the rest of the row.
    cell: Callable[[object, date], str]
    label_in_summary: str = ""


@dataclass
class RecordSection:
    """A section of a partnership's record page: a template and what it shows."""

    template: str
    context: dict = field(default_factory=dict)
    # "notice" sections stand at the top of the page; the rest follow the record.
    place: str = "main"


@cache
def register_columns() -> list[RegisterColumn]:
    return [import_string(path)() for path in settings.REGISTER_COLUMNS]


def record_sections(request, partnership) -> list[RecordSection]:
    """The sections the other apps give this person on this record, in settings' order;
    a provider that has nothing to show returns None."""
    sections = []
    for path in settings.RECORD_SECTIONS:
        section = import_string(path)(request, partnership)
        if section is not None:
            sections.append(section)
    return sections


def record_edits():
    """The module the record's edit pages save through (settings.RECORD_EDITS): at once
    (partnerships.edits), or holding significant changes (changes.edits)."""
    return import_module(getattr(settings, "RECORD_EDITS", "partnerships.edits"))
