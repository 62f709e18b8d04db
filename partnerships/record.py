"""What a partnership's record page reads, each in the same shape on every visit: prepared
reads (core.prepared), whose SQL is written once in each process."""

from django.db.models import F, OuterRef, Subquery

from accounts.models import display_name
from core.prepared import prepared

from .models import (
    Declaration,
    Document,
    PartnerOrganisation,
    Partnership,
    Representative,
    Resource,
    Risk,
    StrategicObjective,
)

# The largest id a database's integer key holds: a larger one in an address names nothing.
_LARGEST_ID = 2**63 - 1

_PEOPLE = ("sponsor", "lead_officer")


@prepared
def _partnership_of(partnership_id):
    names = {
        f"{person}_{part}": F(f"{person}__{part}")
        for person in _PEOPLE
        for part in ("first_name", "last_name", "username")
    }
    return Partnership.objects.filter(pk=partnership_id).annotate(
        lead_service_name=F("lead_service__name"), **names
    )


def partnership_of(partnership_id):
    """The partnership the record page shows, with its lead service's name and its sponsor's
    and lead officer's (None where there is none), or None if there is no such record.
    Whether the reader may see it is theirs to ask (access.can_see_partnership)."""
    if not 0 < partnership_id <= _LARGEST_ID:
        return None
    found = _partnership_of(partnership_id)
    if not found:
        return None
    partnership = found[0]
    for person in _PEOPLE:
        first, last, username = (
            getattr(partnership, f"{person}_{part}")
            for part in ("first_name", "last_name", "username")
        )
        setattr(
            partnership, f"{person}_name", display_name(first, last, username) if username else None
        )
    return partnership


@prepared
def risks_of(partnership_id):
    return Risk.objects.filter(partnership_id=partnership_id)


@prepared
def resources_of(partnership_id):
    return Resource.objects.filter(partnership_id=partnership_id)


@prepared
def partners_of(partnership_id):
    return PartnerOrganisation.objects.filter(partnership_id=partnership_id)


@prepared
def objectives_of(partnership_id):
    return StrategicObjective.objects.filter(partnerships=partnership_id)


@prepared
def documents_of(partnership_id):
    """With who added each, by name: the table shows no more of their account."""
    return Document.objects.filter(partnership_id=partnership_id).annotate(
        added_by_first_name=F("uploaded_by__first_name"),
        added_by_last_name=F("uploaded_by__last_name"),
        added_by_username=F("uploaded_by__username"),
    )


def documents_with_names(partnership_id):
    documents = documents_of(partnership_id)
    for document in documents:
        document.added_by = display_name(
            document.added_by_first_name, document.added_by_last_name, document.added_by_username
        )
    return documents


@prepared
def representatives_of(partnership_id):
    """Representatives with their latest declaration, as two subqueries, rather than every
    declaration in a second query, and the name of the person each replaced. The table
    shows no more of anyone's account than its id."""
    latest = Declaration.objects.filter(representative=OuterRef("pk")).order_by(
        "-declared_on", "-pk"
    )
    return Representative.objects.filter(partnership_id=partnership_id).annotate(
        replaces_name=F("replaces__name"),
        latest_declared_on=Subquery(latest.values("declared_on")[:1]),
        latest_interests=Subquery(latest.values("interests")[:1]),
    )
