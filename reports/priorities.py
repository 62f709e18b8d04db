"""V8: each current partnership's value to the council's objectives, worked out the same way
for every partnership so that a ranking can be defended (Nottinghamshire 000 s6: "in a clear
and transparent way").

Value, out of 100, is the sum of three parts:
- assessment: up to 40 points, the latest submitted assessment's score as a share of the
  most it could score (no assessment yet scores 0, and the page says so);
- objectives: up to 40 points, the share of the council's current strategic objectives the
  partnership supports;
- tier: 20 points for the significant tier, 10 for the rest.
The resources the council commits this financial year are shown beside it and break ties:
of two partnerships of equal value, the one that costs the council less ranks higher.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from assessments.register import with_latest_score
from partnerships.models import (
    CURRENT_STATUSES,
    Partnership,
    Resource,
    StrategicObjective,
    Tier,
)

ASSESSMENT_POINTS = 40
OBJECTIVE_POINTS = 40
TIER_POINTS = {Tier.SIGNIFICANT: 20, Tier.STANDARD: 10}


@dataclass
class Ranked:
    partnership: Partnership
    score_percent: int | None
    objectives: int
    objectives_total: int
    amount: Decimal
    hours: Decimal
    assessment_points: int
    objective_points: int
    tier_points: int
    rank: int = 0

    @property
    def value(self):
        return self.assessment_points + self.objective_points + self.tier_points

    @property
    def prioritisation(self):
        return getattr(self.partnership, "prioritisation", None)


def _resource_sum(field, year):
    total = (
        Resource.objects.filter(partnership=OuterRef("pk"), financial_year=year.label)
        .order_by()
        .values("partnership")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(
        Subquery(total),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def ranked_partnerships(year):
    """Every current partnership with its value and its parts, highest value first. Three
    queries, however many partnerships."""
    objectives_total = StrategicObjective.objects.filter(active=True).count()
    partnerships = (
        with_latest_score(Partnership.objects.filter(status__in=CURRENT_STATUSES))
        .annotate(
            objective_count=Count(
                "strategic_objectives", filter=Q(strategic_objectives__active=True), distinct=True
            ),
            committed_amount=_resource_sum("amount", year),
            committed_hours=_resource_sum("hours", year),
        )
        .select_related("lead_service", "lead_officer", "prioritisation__set_by")
    )
    rows = []
    for partnership in partnerships:
        percent = None
        if partnership.latest_score_maximum:
            percent = round(100 * partnership.latest_score / partnership.latest_score_maximum)
        share = (
            min(partnership.objective_count, objectives_total) / objectives_total
            if objectives_total
            else 0
        )
        rows.append(
            Ranked(
                partnership=partnership,
                score_percent=percent,
                objectives=partnership.objective_count,
                objectives_total=objectives_total,
                amount=partnership.committed_amount,
                hours=partnership.committed_hours,
                assessment_points=round(ASSESSMENT_POINTS * (percent or 0) / 100),
                objective_points=round(OBJECTIVE_POINTS * share),
                tier_points=TIER_POINTS.get(partnership.tier, 0),
            )
        )
    rows.sort(key=lambda r: (-r.value, r.amount, r.partnership.name))
    for position, row in enumerate(rows, start=1):
        row.rank = position
    return rows
