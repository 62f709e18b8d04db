"""Prepared and kept reads (core.prepared): SQL written once in each process, run with each id
or under a key naming its inputs, giving what the queryset itself would give."""

from datetime import date

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.test.utils import CaptureQueriesContext

from core.prepared import KeptList, KeptReads, prepared
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


# Kept reads: SQL kept under a key naming what it is built from ------------------------------


def test_it_keeps_a_reads_sql_under_its_key_and_gives_the_querysets_rows(settings):
    settings.DEBUG = False
    kept = KeptReads()
    built = []

    def risks(partnership):
        def build():
            built.append(partnership.pk)
            return Risk.objects.filter(partnership=partnership).order_by("-likelihood", "pk")

        return build

    first, second = PartnershipFactory(), PartnershipFactory()
    RiskFactory(partnership=first, likelihood=2)
    RiskFactory(partnership=first, likelihood=5)
    RiskFactory(partnership=second)
    expected = [r.pk for r in Risk.objects.filter(partnership=first).order_by("-likelihood")]
    assert [r.pk for r in kept.rows(("risks", first.pk), risks(first))] == expected
    with CaptureQueriesContext(connection) as queries:
        again = kept.rows(("risks", first.pk), risks(first))
    assert [r.pk for r in again] == expected and len(queries) == 1
    assert len(kept.rows(("risks", second.pk), risks(second))) == 1
    # Built once for each key, not for each read.
    assert built == [first.pk, second.pk]


def test_it_counts_the_rows_the_queryset_has(settings):
    settings.DEBUG = False
    kept = KeptReads()
    partnership = PartnershipFactory()
    RiskFactory.create_batch(3, partnership=partnership, likelihood=4)
    RiskFactory(partnership=partnership, likelihood=1)
    likely = Risk.objects.filter(likelihood__gt=2).annotate(
        n=Subquery(Risk.objects.values("pk")[:1])
    )
    assert kept.count("likely", lambda: likely.order_by("pk")) == likely.count() == 3
    assert kept.count("none", lambda: Risk.objects.filter(pk__in=[])) == 0
    assert kept.rows("none", lambda: Risk.objects.filter(pk__in=[])) == []


def test_it_pages_through_a_kept_list_as_through_the_queryset(settings):
    settings.DEBUG = False
    partnership = PartnershipFactory()
    RiskFactory.create_batch(7, partnership=partnership)
    risks = Risk.objects.order_by("pk")
    pages = Paginator(KeptList(KeptReads(), "risks", lambda: risks), 3)
    assert pages.count == 7 and pages.num_pages == 3
    assert [[r.pk for r in pages.page(n).object_list] for n in (1, 2, 3)] == [
        [r.pk for r in page] for page in (risks[0:3], risks[3:6], risks[6:7])
    ]


def test_it_fails_when_debugging_if_the_key_leaves_out_an_input(settings):
    settings.DEBUG = True
    kept = KeptReads()
    kept.rows("risks", lambda: Risk.objects.filter(likelihood=1))
    kept.rows("risks", lambda: Risk.objects.filter(likelihood=1))
    with pytest.raises(AssertionError, match="not the SQL its inputs give"):
        kept.rows("risks", lambda: Risk.objects.filter(likelihood=2))
