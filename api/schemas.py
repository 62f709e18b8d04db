"""What the API answers with. The OpenAPI document is made from these."""

from datetime import date, datetime
from typing import Any

from ninja import Schema


class Problem(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict[str, Any]]


class Count(Schema):
    label: str
    count: int


class RegisterEntry(Schema):
    id: int
    reference: str
    name: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    tier: str
    tier_label: str
    statutory: bool
    lead_service: str
    council_role: str
    date_formed: date | None
    latest_score: int | None
    latest_score_maximum: int | None
    next_review_due: date | None
    updated_at: datetime
    url: str


class RegisterPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[RegisterEntry]


class Partner(Schema):
    name: str
    sector: str
    agreed_to_participate: str


class Declaration(Schema):
    declared_on: date
    interests: str


class Representative(Schema):
    name: str
    kind: str
    role: str
    started_on: date
    finished_on: date | None
    latest_declaration: Declaration | None


class Resource(Schema):
    financial_year: str
    kind: str
    description: str
    amount: str | None  # pounds, as a decimal string so that no penny is lost
    hours: str | None
    within_budget: bool


class Risk(Schema):
    description: str
    likelihood: int
    impact: int
    score: int
    rating: str
    owner: str
    controls: str
    escalate_to_corporate_register: bool


class PartnershipDetail(RegisterEntry):
    remit: str
    accountable_body: str
    legal_status: str
    proposed_end_date: date | None
    sponsor: str | None
    lead_officer: str | None
    strategic_objectives: list[str]
    partners: list[Partner]
    representatives: list[Representative]
    resources: list[Resource]
    risks: list[Risk]


class ReviewDue(Schema):
    id: int
    label: str
    due: date
    overdue: bool
    partnership_id: int
    partnership_reference: str
    partnership_name: str
    lead_service: str
    lead_officer: str | None
    url: str


class ReviewsPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[ReviewDue]


class Summary(Schema):
    year: str
    today: date
    current_count: int
    by_status: list[Count]
    by_kind: list[Count]
    by_tier: list[Count]
    by_service: list[Count]
    assessed_count: int
    reviews_completed: int
    reviews_due: int
    reviews_overdue: int
    resources_amount: str
    resources_hours: str
    resources_outside_budget: int
    actions_open: int
    actions_overdue: int
    withdrawal_candidates: int
