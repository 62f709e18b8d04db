"""Prepared reads (core.prepared): SQL written once in each process, run with each id, giving
what the queryset itself would give."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.test.utils import CaptureQueriesContext

from core.prepared import prepared
from partnerships.models import Declaration, Representative, Risk

from ..factories import PartnershipFactory, RepresentativeFactory, RiskFactory

pytestmark = pytest.mark.django_db


def test_it_gives_the_rows_the_queryset_gives_in_its_order():
    built = []

    @prepared
    def risks_of(partnership_id):
        built.append(partnership_id)
        return Risk.objects.filter(partnership_id=partnership_id)

    first, second = PartnershipFactory(), PartnershipFactory()
    RiskFactory.create_batch(3, partnership=first)
    RiskFactory(partnership=second, likelihood=5, impact=4)

    found = risks_of(first.pk)
    assert [r.pk for r in found] == [r.pk for r in first.risks.all()]
    assert all(isinstance(r, Risk) and r.partnership_id == first.pk for r in found)
    [other] = risks_of(second.pk)
    assert (other.likelihood, other.impact, other.score) == (5, 4, 20)
    assert risks_of(PartnershipFactory().pk) == []
    # The queryset was built once, with the placeholder, for all three calls.
    assert len(built) == 1


def test_it_runs_one_query_each_call():
    @prepared
    def risks_of(partnership_id):
        return Risk.objects.filter(partnership_id=partnership_id)

    partnership = PartnershipFactory()
    RiskFactory.create_batch(2, partnership=partnership)
    risks_of(partnership.pk)
    with CaptureQueriesContext(connection) as queries:
        assert len(risks_of(partnership.pk)) == 2
    assert len(queries) == 1


def test_it_converts_annotations_as_the_queryset_does():
    # On SQLite a date read by a subquery comes back as text; the page formats a date.
    @prepared
    def with_latest(partnership_id):
        latest = Declaration.objects.filter(representative=OuterRef("pk")).order_by("-declared_on")
        return Representative.objects.filter(partnership_id=partnership_id).annotate(
            latest_declared_on=Subquery(latest.values("declared_on")[:1])
        )

    representative = RepresentativeFactory()
    Declaration.objects.create(
        representative=representative, declared_on=date(2026, 3, 3), interests="None"
    )
    Declaration.objects.create(
        representative=representative, declared_on=date(2025, 3, 3), interests="None"
    )
    [found] = with_latest(representative.partnership_id)
    assert found.latest_declared_on == date(2026, 3, 3)


def test_it_refuses_a_read_it_cannot_give_whole():
    @prepared
    def with_partnership(partnership_id):
        return Risk.objects.filter(partnership_id=partnership_id).select_related("partnership")

    @prepared
    def ignoring_the_id(partnership_id):
        return Risk.objects.all()

    with pytest.raises(ValueError, match="select_related"):
        with_partnership(1)
    with pytest.raises(ValueError, match="exactly once"):
        ignoring_the_id(1)
