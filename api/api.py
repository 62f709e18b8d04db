"""The read API (issue: a read API for integration and dashboards).

Every operation reads, through the same rules as the portal's pages: the register's own
queryset and filters (partnerships/access.py, partnerships/filters.py), the reviews app's
timetable and the reports app's SMT summary. A reader is a signed-in person or a token
standing for a role (auth.py); either way the rules see a `user` with a role.
"""

import math
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from accounts.policy import Policy
from assessments.register import with_latest_score
from partnerships.access import partnerships_for_user
from partnerships.filters import SORTS, STATUS_CHOICES, RegisterFilter
from partnerships.models import Kind, Tier, kind_label
from reports.access import can_read_reports
from reports.periods import FinancialYear
from reports.summary import smt_summary
from reviews.models import Review
from reviews.register import with_next_review
from reviews.views import SHOWS

from . import schemas
from .auth import PortalSession, TokenAuth

api = NinjaAPI(
    title="Partnership register API",
    version="1",
    description="Read-only access to the partnership register for dashboards and other "
    "systems. Send an API token issued by the Administrator as `Authorization: Bearer "
    "<token>`, or call it from a signed-in browser session.",
    auth=[TokenAuth(), PortalSession()],
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # the interactive page loads scripts from elsewhere, which CSP forbids
)

MAX_PAGE_SIZE = 100
ERRORS = {401: schemas.Problem, 403: schemas.Problem, 404: schemas.Problem, 422: schemas.Invalid}


def _literal(values):
    return Literal[tuple(values)]


class Paging(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


class RegisterQuery(Paging):
    """The register page's filters, by the same names and values."""

    q: str | None = Field(
        None,
        max_length=200,
        # The register's search refuses control characters (core.text); say so in the schema.
        pattern=r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$",
        description="Search the name, reference...",
    )
    status: _literal(value for value, _ in STATUS_CHOICES) | None = None
    kind: _literal(Kind.values) | None = None
    tier: _literal(Tier.values) | None = None
    statutory: Literal["yes", "no"] | None = None
    lead_service: int | None = Field(None, ge=1, le=2**31 - 1, description="A service's id")
    score: Literal["none", "low", "high"] | None = None
    review: Literal["overdue", "due", "none"] | None = None
    sort: _literal(SORTS) | None = None


def _page(queryset, paging):
    count = queryset.count()
    start = (paging.page - 1) * paging.page_size
    rows = list(queryset[start : start + paging.page_size]) if start < count else []
    return {
        "count": count,
        "page": paging.page,
        "page_size": paging.page_size,
        "pages": math.ceil(count / paging.page_size),
        "rows": rows,
    }


def _invalid(form):
    return [
        {"loc": ["query", name], "msg": " ".join(problems), "type": "invalid"}
        for name, problems in form.errors.items()
    ]


def _entry(request, partnership, policy):
    return {
        "id": partnership.pk,
        "reference": partnership.reference,
        "name": partnership.name,
        "kind": partnership.kind,
        "kind_label": kind_label(policy, partnership.kind),
        "status": partnership.status,
        "status_label": partnership.get_status_display(),
        "tier": partnership.tier,
        "tier_label": policy.tier_label(partnership.tier),
        "statutory": partnership.statutory,
        "lead_service": partnership.lead_service.name,
        "council_role": partnership.council_role,
        "date_formed": partnership.date_formed,
        "latest_score": getattr(partnership, "latest_score", None),
        "latest_score_maximum": getattr(partnership, "latest_score_maximum", None),
        "next_review_due": getattr(partnership, "next_review_due", None),
        "updated_at": partnership.updated_at,
        "url": request.build_absolute_uri(partnership.get_absolute_url()),
    }


REGISTER_COLUMNS = [
    "reference", "name", "kind", "status", "tier", "statutory", "council_role", "date_formed",
    "updated_at", "lead_service__name",
]  # fmt: skip


@api.get("/register", response={200: schemas.RegisterPage, **ERRORS}, url_name="register")
def register(request, query: Query[RegisterQuery]):
    """The register as the register page lists it, with its filters, a page at a time."""
    reader = request.auth
    policy = Policy.for_request(request)
    data = {
        name: str(value)
        for name, value in query.dict(exclude={"page", "page_size"}).items()
        if value is not None
    }
    listed = partnerships_for_user(reader).select_related(None).select_related("lead_service")
    filterset = RegisterFilter(
        data,
        queryset=with_next_review(with_latest_score(listed.only(*REGISTER_COLUMNS))),
        policy=policy,
    )
    services = filterset.form.fields["lead_service"]
    if "lead_service" in data and data["lead_service"] not in dict(services.choices):
        # A service that is no more, or never was, leads nothing: an empty page, not an error.
        services.choices = [*services.choices, (data["lead_service"], "")]
    kinds = filterset.form.fields["kind"]
    if "kind" in data and data["kind"] not in dict(kinds.choices):
        # A kind this council's framework does not name may still be asked for: it is
        # filtered as any other, not refused.
        kinds.choices = [*kinds.choices, (data["kind"], Kind(data["kind"]).label)]
    if not filterset.is_valid():
        return Status(422, {"detail": _invalid(filterset.form)})
    found = _page(filterset.qs, query)
    found["results"] = [_entry(request, p, policy) for p in found.pop("rows")]
    return Status(200, found)


def _money(value):
    return None if value is None else str(value)


@api.get(
    "/partnerships/{partnership_id}",
    response={200: schemas.PartnershipDetail, **ERRORS},
    url_name="partnership",
)
def partnership(request, partnership_id: int):
    """One partnership with its partners, representatives (and the latest declaration each
    has made, as the partnership's page shows it), resources and risks."""
    reader = request.auth
    policy = Policy.for_request(request)
    found = get_object_or_404(
        with_next_review(with_latest_score(partnerships_for_user(reader))),
        pk=partnership_id,
    )
    entry = _entry(request, found, policy)
    representatives = found.representatives.prefetch_related("declarations")
    entry.update(
        remit=found.remit,
        accountable_body=found.accountable_body,
        legal_status=found.legal_status,
        proposed_end_date=found.proposed_end_date,
        sponsor=found.sponsor.display_name if found.sponsor else None,
        lead_officer=found.lead_officer.display_name if found.lead_officer else None,
        strategic_objectives=[o.name for o in found.strategic_objectives.all()],
        partners=[
            {"name": p.name, "sector": p.sector, "agreed_to_participate": p.agreed_to_participate}
            for p in found.partner_organisations.all()
        ],
        representatives=[
            {
                "name": r.name,
                "kind": r.kind,
                "role": r.role,
                "started_on": r.started_on,
                "finished_on": r.finished_on,
                "latest_declaration": next(
                    (
                        {"declared_on": d.declared_on, "interests": d.interests}
                        for d in r.declarations.all()
                    ),
                    None,
                ),
            }
            for r in representatives
        ],
        resources=[
            {
                "financial_year": r.financial_year,
                "kind": r.kind,
                "description": r.description,
                "amount": _money(r.amount),
                "hours": _money(r.hours),
                "within_budget": r.within_budget,
            }
            for r in found.resources.all()
        ],
        risks=[
            {
                "description": r.description,
                "likelihood": r.likelihood,
                "impact": r.impact,
                "score": r.score,
                "rating": policy.risk_rating(r.score),
                "owner": r.owner,
                "controls": r.controls,
                "escalate_to_corporate_register": r.escalate_to_corporate_register,
            }
            for r in found.risks.all()
        ],
    )
    return Status(200, entry)


class ReviewsQuery(Paging):
    show: Literal["overdue", "due", "open"] = Field(
        "due", description="As on the review timetable: overdue, due in the next 90 days, "
        "or every planned review"
    )  # fmt: skip


@api.get("/reviews/due", response={200: schemas.ReviewsPage, **ERRORS}, url_name="reviews_due")
def reviews_due(request, query: Query[ReviewsQuery]):
    """The review timetable's planned reviews, soonest first."""
    reader = request.auth
    today = timezone.localdate()
    reviews = Review.objects.filter(partnership__in=partnerships_for_user(reader))
    listed = (
        SHOWS[query.show][1](reviews, today)
        .select_related("partnership__lead_officer", "partnership__lead_service")
        .order_by("due", "pk")
    )
    found = _page(listed, query)
    found["results"] = [
        {
            "id": r.pk,
            "label": r.label,
            "due": r.due,
            "overdue": r.due < today,
            "partnership_id": r.partnership_id,
            "partnership_reference": r.partnership.reference,
            "partnership_name": r.partnership.name,
            "lead_service": r.partnership.lead_service.name,
            "lead_officer": r.partnership.lead_officer.display_name
            if r.partnership.lead_officer
            else None,
            "url": request.build_absolute_uri(r.get_absolute_url()),
        }
        for r in found.pop("rows")
    ]
    return Status(200, found)


def _counts(pairs):
    return [{"label": str(label), "count": count} for label, count in pairs]


# A year after next has not begun: not worth asking for. (Read once, when the process starts:
# it only grows, so the document never offers a year the view refuses.)
LAST_YEAR = FinancialYear.current().start_year + 1


@api.get("/summary", response={200: schemas.Summary, **ERRORS}, url_name="summary")
def summary(request, year: int | None = Query(None, ge=2000, le=LAST_YEAR)):  # noqa: B008
    """The counts behind the senior team's annual summary (V4) for a financial year (2026 for
    2026/27; the current year when left out). For those who may read the reports."""
    if not can_read_reports(request.auth):
        raise HttpError(403, "This role may not read the senior team's annual summary")
    current = FinancialYear.current()
    if year is not None and year > current.start_year + 1:
        problem = {"loc": ["query", "year"], "msg": "No summary for a year not yet begun",
                   "type": "invalid"}  # fmt: skip
        return Status(422, {"detail": [problem]})
    found = smt_summary(FinancialYear(year) if year else current)
    return Status(
        200,
        {
            "year": found.year.label,
            "today": found.today,
            "current_count": found.current_count,
            "by_status": _counts(found.by_status),
            "by_kind": _counts(found.by_kind),
            "by_tier": _counts(found.by_tier),
            "by_service": _counts(found.by_service),
            "assessed_count": found.assessed_count,
            "reviews_completed": found.reviews_completed,
            "reviews_due": found.reviews_due,
            "reviews_overdue": len(found.overdue_reviews),
            "resources_amount": str(found.resources_amount),
            "resources_hours": str(found.resources_hours),
            "resources_outside_budget": found.resources_outside_budget,
            "actions_open": found.actions_open,
            "actions_overdue": found.actions_overdue,
            "withdrawal_candidates": len(found.withdrawal_candidates),
        },
    )
