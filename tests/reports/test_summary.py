"""The SMT annual summary's figures (V4), worked out on a register whose answers are known."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.policy import Policy
from accounts.roles import Role
from assessments.models import Action, FormState
from partnerships.models import Kind, Status, Tier
from reports.models import Prioritisation, Priority
from reports.periods import FinancialYear
from reports.summary import smt_summary
from reviews.models import ReviewState
from tests.budgets import INBOX_QUERIES
from tests.factories import PartnershipFactory, ResourceFactory, ServiceFactory, UserFactory

from .factories import action, review, scored_form

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
YEAR = FinancialYear(2026)


@pytest.fixture
def register():
    housing, leisure = ServiceFactory(name="Housing"), ServiceFactory(name="Leisure")
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    lsp = PartnershipFactory(name="Local Strategic Partnership", tier=Tier.SIGNIFICANT,
                             lead_service=housing)  # fmt: skip
    leisure_contract = PartnershipFactory(
        name="Leisure contract", kind=Kind.CONTRACT, lead_service=housing
    )
    forum = PartnershipFactory(name="Tenants forum", status=Status.EXITING, lead_service=leisure)
    ceased = PartnershipFactory(name="Old forum", status=Status.CEASED, lead_service=leisure)
    PartnershipFactory(name="Excluded contract", status=Status.EXCLUDED)
    PartnershipFactory(name="A proposal", status=Status.PROPOSED)
    PartnershipFactory(name="A draft", status=Status.DRAFT)

    # Assessments: only the latest submitted by the end of the year counts, per partnership.
    scored_form(lsp, date(2025, 6, 1), [("Leadership", 1, 4)])
    latest = scored_form(lsp, date(2026, 6, 1), [("Leadership", 4, 4), ("Purpose", 3, 4)])
    scored_form(lsp, date(2027, 5, 1), [("Leadership", 1, 4), ("Purpose", 1, 4)])
    scored_form(
        leisure_contract,
        date(2026, 5, 1),
        [("Leadership", 2, 4), ("Purpose", 1, 4)],
        state=FormState.SIGNED_OFF,
    )
    scored_form(forum, None, [("Leadership", 4, 4)], state=FormState.DRAFT)
    ceased_form = scored_form(ceased, date(2026, 5, 1), [("Leadership", 4, 4)])

    review(lsp, date(2026, 6, 1), ReviewState.COMPLETED, completed=date(2026, 6, 20))
    review(leisure_contract, date(2025, 12, 1), ReviewState.COMPLETED, completed=date(2025, 12, 5))
    review(lsp, date(2027, 1, 10))  # due in the year, not yet overdue
    review(leisure_contract, date(2026, 10, 1))  # due in the year and overdue
    review(forum, date(2025, 1, 1))  # overdue since the year before
    review(ceased, date(2025, 1, 1))  # no longer in the register's reviews

    ResourceFactory(partnership=lsp, financial_year="2026/27", amount=10000)
    ResourceFactory(partnership=lsp, financial_year="2026/27", kind="time", amount=None, hours=100)
    ResourceFactory(partnership=leisure_contract, financial_year="2026/27", amount=5000,
                    within_budget=False)  # fmt: skip
    ResourceFactory(partnership=leisure_contract, financial_year="2025/26", amount=999)
    ResourceFactory(partnership=ceased, financial_year="2026/27", amount=7777)

    action(latest, date(2026, 10, 1))
    action(latest, date(2027, 1, 1), Action.Status.IN_PROGRESS)
    action(latest, date(2026, 1, 1), Action.Status.DONE)
    action(ceased_form, date(2026, 1, 1))

    for partnership, candidate in [(forum, True), (leisure_contract, False)]:
        Prioritisation.objects.create(
            partnership=partnership,
            priority=Priority.LOW,
            withdrawal_candidate=candidate,
            withdrawal_reasons="No longer meets" if candidate else "",
            set_by=keeper,
            set_at=leisure_contract.created_at,
        )
    return {"lsp": lsp, "contract": leisure_contract, "forum": forum}


def test_it_counts_the_register_by_status_kind_tier_and_service(register):
    summary = smt_summary(YEAR, today=TODAY)
    policy = Policy.current()
    assert summary.by_status == [("Proposed", 1), ("Active", 2), ("Exiting", 1), ("Ceased", 1)]
    assert summary.by_kind == [("Partnership", 2), ("Contract for services", 1)]
    assert summary.by_tier == [
        (policy.tier_label("significant"), 1),
        (policy.tier_label("standard"), 2),
    ]
    assert summary.by_service == [("Housing", 2), ("Leisure", 1)]
    assert summary.current_count == 3


def test_it_averages_each_feature_over_the_latest_assessments_of_the_year(register):
    summary = smt_summary(YEAR, today=TODAY)
    assert summary.assessed_count == 2
    assert summary.assessment_groups == [
        {"name": "Leadership", "count": 2, "average": 3.0, "out_of": 4.0, "percent": 75},
        {"name": "Purpose", "count": 2, "average": 2.0, "out_of": 4.0, "percent": 50},
    ]


def test_it_counts_reviews_done_due_and_overdue_in_the_year(register):
    summary = smt_summary(YEAR, today=TODAY)
    assert summary.reviews_completed == 1
    assert summary.reviews_due == 2
    assert [r.partnership.name for r in summary.overdue_reviews] == [
        "Tenants forum",
        "Leisure contract",
    ]


def test_it_totals_the_resources_committed_in_the_year(register):
    summary = smt_summary(YEAR, today=TODAY)
    assert summary.resources_amount == Decimal("15000")
    assert summary.resources_hours == Decimal("100")
    assert summary.resources_outside_budget == 1
    assert [(r["label"], r["amount"]) for r in summary.resources_by_kind] == [
        ("Officer or Member time", 0),
        ("Funding", Decimal("15000")),
    ]


def test_it_counts_open_and_overdue_actions_and_lists_withdrawal_candidates(register):
    summary = smt_summary(YEAR, today=TODAY)
    assert (summary.actions_open, summary.actions_overdue) == (2, 1)
    assert [p.partnership.name for p in summary.withdrawal_candidates] == ["Tenants forum"]


def test_it_reads_an_earlier_year_as_it_was(register):
    summary = smt_summary(FinancialYear(2025), today=TODAY)
    assert summary.reviews_completed == 1  # the leisure contract's, December 2025
    assert [g["name"] for g in summary.assessment_groups] == ["Leadership"]
    assert summary.resources_amount == Decimal("999")


def test_it_shows_the_summary_with_charts_and_tables_to_smt(client, register):
    client.force_login(UserFactory(username="smt", role=Role.SMT))
    response = client.get(reverse("reports:summary"), {"year": "2026"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="img"' in page and '<title id="chart-status-title">' in page
    assert "Average assessment score by feature" in page
    assert "Tenants forum" in page and "No longer meets" in page


def test_it_falls_back_to_the_current_year_on_a_year_it_cannot_read(client, register):
    client.force_login(UserFactory(username="smt", role=Role.SMT))
    response = client.get(reverse("reports:summary"), {"year": "nonsense"})
    assert response.status_code == 200
    assert response.context["summary"].year == FinancialYear.current()


def test_it_refuses_the_summary_to_an_officer(client, register):
    client.force_login(UserFactory(username="officer", role=Role.OFFICER))
    assert client.get(reverse("reports:summary")).status_code == 403
    assert client.get(reverse("reports:summary_pdf")).status_code == 403


def _register_of(size):
    service = ServiceFactory(name="Budget service")
    for n in range(size):
        partnership = PartnershipFactory(lead_service=service, tier=Tier.SIGNIFICANT)
        form = scored_form(partnership, date(2026, 6, 1), [("Leadership", 3, 4)])
        action(form, date(2026, 1, 1))
        review(partnership, date(2026, 1, 1))
        ResourceFactory(partnership=partnership, financial_year="2026/27")
        if n % 2:
            Prioritisation.objects.create(
                partnership=partnership,
                priority=Priority.LOW,
                withdrawal_candidate=True,
                withdrawal_reasons="Costs more than it gives",
                set_by=form.started_by,
                set_at=form.submitted_at,
            )


@pytest.mark.parametrize("size", [2, 20])
def test_it_reads_the_summary_in_the_same_queries_however_large_the_register(
    client, django_assert_max_num_queries, size
):
    _register_of(size)
    client.force_login(UserFactory(username="smt", role=Role.SMT))
    with django_assert_max_num_queries(17 + INBOX_QUERIES):
        response = client.get(reverse("reports:summary"), {"year": "2026"})
    assert response.status_code == 200
    assert response.context["summary"].current_count == size
