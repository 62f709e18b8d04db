"""V4: the annual summary for SMT (South Derbyshire 001, "Review and Evaluation": "A summary
of this information will be provided on an annual basis to SMT").

Worked out from the register when read, in a fixed number of queries however large the
register. The year is the financial year (periods.py). Counts by status, kind, tier and
service, open actions and withdrawal candidates are the register as it stands today;
assessments, reviews and resources are those of the chosen year.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts.policy import Policy
from assessments.models import COUNCIL_WIDE_KIND, Action, CompletedForm, FormState
from partnerships.models import CURRENT_STATUSES, Kind, Partnership, Resource, Status
from reviews.models import Review, ReviewState

from .models import Prioritisation


@dataclass
class Summary:
    year: object
    today: object
    by_status: list = field(default_factory=list)
    by_kind: list = field(default_factory=list)
    by_tier: list = field(default_factory=list)
    by_service: list = field(default_factory=list)
    current_count: int = 0
    assessed_count: int = 0
    assessment_groups: list = field(default_factory=list)
    reviews_completed: int = 0
    reviews_due: int = 0
    overdue_reviews: list = field(default_factory=list)
    resources_by_kind: list = field(default_factory=list)
    resources_amount: Decimal = Decimal(0)
    resources_hours: Decimal = Decimal(0)
    resources_outside_budget: int = 0
    actions_open: int = 0
    actions_overdue: int = 0
    withdrawal_candidates: list = field(default_factory=list)


def _counted(queryset, key, labels):
    counts = dict(queryset.order_by().values_list(key).annotate(n=Count("pk")))
    return [(labels.get(value, value), counts[value]) for value in labels if counts.get(value)]


def _groups(forms):
    """The average of each feature or principle across the forms given, in the order the
    forms first name them."""
    totals = {}
    for form in forms:
        groups = form.scores.get("groups") or []
        if isinstance(groups, dict):  # {name: [score, maximum]}
            groups = [{"name": n, "score": s, "maximum": m} for n, (s, m) in groups.items()]
        for group in groups:
            if not group.get("maximum"):
                continue
            total = totals.setdefault(group["name"], {"count": 0, "score": 0, "maximum": 0})
            total["count"] += 1
            total["score"] += group["score"]
            total["maximum"] += group["maximum"]
    return [
        {
            "name": name,
            "count": total["count"],
            "average": round(total["score"] / total["count"], 1),
            "out_of": round(total["maximum"] / total["count"], 1),
            "percent": round(100 * total["score"] / total["maximum"]),
        }
        for name, total in totals.items()
    ]


def latest_assessments(year):
    """The latest submitted or signed-off scored form of each current partnership, as of the
    end of the year."""
    forms = (
        CompletedForm.objects.filter(
            partnership__status__in=CURRENT_STATUSES,
            state__in=[FormState.SUBMITTED, FormState.SIGNED_OFF],
            scores__maximum__gt=0,
            submitted_at__date__lte=year.end,
        )
        .exclude(template__kind=COUNCIL_WIDE_KIND)
        .only("partnership_id", "scores", "submitted_at")
        .order_by("partnership_id", "-submitted_at", "-pk")
    )
    latest = {}
    for form in forms:
        latest.setdefault(form.partnership_id, form)
    return list(latest.values())


def smt_summary(year, today=None):
    today = today or timezone.localdate()
    policy = Policy.current()
    summary = Summary(year=year, today=today)

    held = Partnership.objects.in_register().exclude(status=Status.DRAFT)
    summary.by_status = _counted(held, "status", dict(Status.choices))
    current = Partnership.objects.filter(status__in=CURRENT_STATUSES)
    summary.by_kind = _counted(current, "kind", dict(Kind.choices))
    tiers = {
        "significant": policy.tier_label("significant"),
        "standard": policy.tier_label("standard"),
    }
    summary.by_tier = _counted(current, "tier", tiers)
    services = Counter(
        dict(current.order_by().values_list("lead_service__name").annotate(n=Count("pk")))
    )
    summary.by_service = sorted(services.items(), key=lambda item: (-item[1], item[0]))
    summary.current_count = sum(n for _label, n in summary.by_kind)

    forms = latest_assessments(year)
    summary.assessed_count = len(forms)
    summary.assessment_groups = _groups(forms)

    reviews = Review.objects.filter(partnership__status__in=CURRENT_STATUSES).aggregate(
        completed=Count(
            "pk",
            filter=Q(
                state=ReviewState.COMPLETED,
                completed_at__date__gte=year.start,
                completed_at__date__lte=year.end,
            ),
        ),
        due=Count(
            "pk",
            filter=Q(state=ReviewState.PLANNED, due__gte=year.start, due__lte=year.end),
        ),
    )
    summary.reviews_completed = reviews["completed"]
    summary.reviews_due = reviews["due"]
    summary.overdue_reviews = list(
        Review.objects.overdue(today)
        .filter(due__lte=year.end)
        .select_related("partnership__lead_officer")
        .order_by("due", "pk")
    )

    resources = Resource.objects.filter(
        partnership__status__in=CURRENT_STATUSES, financial_year=year.label
    )
    by_kind = {
        row["kind"]: row
        for row in resources.order_by()
        .values("kind")
        .annotate(
            amount=Sum("amount"),
            hours=Sum("hours"),
            outside=Count("pk", filter=Q(within_budget=False)),
        )
    }
    for kind, label in Resource.Kind.choices:
        row = by_kind.get(kind)
        if row:
            summary.resources_by_kind.append(
                {"label": label, "amount": row["amount"] or 0, "hours": row["hours"] or 0}
            )
            summary.resources_amount += row["amount"] or 0
            summary.resources_hours += row["hours"] or 0
            summary.resources_outside_budget += row["outside"]

    actions = (
        Action.objects.filter(form__partnership__status__in=CURRENT_STATUSES)
        .exclude(status=Action.Status.DONE)
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(deadline__lt=today)))
    )
    summary.actions_open = actions["open"]
    summary.actions_overdue = actions["overdue"]

    summary.withdrawal_candidates = list(
        Prioritisation.objects.filter(
            withdrawal_candidate=True, partnership__status__in=CURRENT_STATUSES
        ).select_related("partnership__lead_service", "set_by")
    )
    return summary
