"""Prioritisation (V8): the value and its parts, and the register keeper's priority."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.roles import Role
from partnerships.models import Status, Tier
from reports.models import Prioritisation, Priority
from reports.periods import FinancialYear
from reports.priorities import ranked_partnerships
from reports.services import prioritisation_save
from tests.budgets import KEEPER_INBOX_QUERIES
from tests.factories import (
    PartnershipFactory,
    ResourceFactory,
    StrategicObjectiveFactory,
    UserFactory,
)

from .factories import scored_form

pytestmark = pytest.mark.django_db

YEAR = FinancialYear(2026)


@pytest.fixture
def keeper():
    return UserFactory(username="keeper", role=Role.REGISTER_KEEPER)


@pytest.fixture
def golf(keeper):
    return PartnershipFactory(name="Golf course contract")


def test_it_adds_up_the_value_from_score_objectives_and_tier():
    objectives = [StrategicObjectiveFactory(name=f"Objective {n}") for n in range(4)]
    StrategicObjectiveFactory(name="Retired objective", active=False)
    strong = PartnershipFactory(name="Strong", tier=Tier.SIGNIFICANT)
    strong.strategic_objectives.set(objectives[:3])
    scored_form(strong, date(2026, 6, 1), [("Leadership", 3, 4)])
    weak = PartnershipFactory(name="Weak")
    PartnershipFactory(name="Gone", status=Status.CEASED)

    rows = ranked_partnerships(YEAR)

    assert [r.partnership.name for r in rows] == ["Strong", "Weak"]
    top = rows[0]
    assert (top.score_percent, top.assessment_points) == (75, 30)
    assert (top.objectives, top.objectives_total, top.objective_points) == (3, 4, 30)
    assert top.tier_points == 20
    assert top.value == 80 and top.rank == 1
    bottom = rows[1]
    assert bottom.score_percent is None
    assert bottom.value == 10 and bottom.partnership == weak


def test_it_ranks_the_cheaper_of_two_equal_partnerships_higher():
    dear = PartnershipFactory(name="A dear one")
    ResourceFactory(partnership=dear, financial_year="2026/27", amount=9000)
    ResourceFactory(partnership=dear, financial_year="2025/26", amount=1)
    cheap = PartnershipFactory(name="B cheap one")
    ResourceFactory(partnership=cheap, financial_year="2026/27", amount=100, hours=10)

    rows = ranked_partnerships(YEAR)

    assert [r.partnership for r in rows] == [cheap, dear]
    assert rows[1].amount == 9000 and rows[0].hours == 10


def test_it_marks_a_low_priority_partnership_as_a_withdrawal_candidate_with_history(keeper, golf):
    prioritisation_save(golf.pk, Priority.MEDIUM, False, "", actor=keeper)
    found = prioritisation_save(
        golf.pk, Priority.LOW, True, "  Not a council priority ", actor=keeper
    )

    assert found.withdrawal_candidate and found.withdrawal_reasons == "Not a council priority"
    assert found.version == 2
    assert [h.priority for h in found.history.order_by("history_date")] == ["medium", "low"]
    assert {h.history_user for h in found.history.all()} == {keeper}


def test_it_requires_reasons_and_a_low_priority_for_a_withdrawal_candidate(keeper, golf):
    with pytest.raises(ValidationError):
        prioritisation_save(golf.pk, Priority.LOW, True, "  ", actor=keeper)
    with pytest.raises(ValidationError):
        prioritisation_save(golf.pk, Priority.HIGH, True, "Reasons", actor=keeper)
    assert not Prioritisation.objects.exists()


def test_it_lets_only_the_keeper_prioritise_current_partnerships(keeper, golf):
    with pytest.raises(PermissionDenied):
        prioritisation_save(golf.pk, Priority.LOW, False, "", actor=UserFactory(role=Role.SMT))
    ceased = PartnershipFactory(status=Status.CEASED)
    with pytest.raises(ValidationError):
        prioritisation_save(ceased.pk, Priority.LOW, False, "", actor=keeper)


def test_it_shows_the_error_summary_and_saves_nothing_without_reasons(client, keeper, golf):
    client.force_login(keeper)
    url = reverse("reports:prioritise", args=[golf.pk])
    response = client.post(url, {"version": "0", "priority": "low", "withdrawal_candidate": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Give the reasons for considering withdrawal" in page
    assert not Prioritisation.objects.exists()


def test_it_saves_the_priority_from_the_page(client, keeper, golf):
    client.force_login(keeper)
    response = client.post(
        reverse("reports:prioritise", args=[golf.pk]),
        {
            "version": "0",
            "priority": "low",
            "withdrawal_candidate": "on",
            "withdrawal_reasons": "Costly",
        },
    )
    assert response.status_code == 302
    listed = client.get(reverse("reports:priorities")).content.decode()
    assert "Candidate for withdrawal: Costly" in listed


def test_it_refuses_the_form_to_smt_who_may_read_the_ranking(client, golf):
    client.force_login(UserFactory(username="smt", role=Role.SMT))
    assert client.get(reverse("reports:priorities")).status_code == 200
    assert client.get(reverse("reports:prioritise", args=[golf.pk])).status_code == 403


@pytest.mark.parametrize("size", [2, 20])
def test_it_lists_the_ranking_in_the_same_queries_at_any_size(
    client, keeper, django_assert_max_num_queries, size
):
    objective = StrategicObjectiveFactory()
    for n in range(size):
        partnership = PartnershipFactory()
        partnership.strategic_objectives.add(objective)
        ResourceFactory(partnership=partnership, financial_year=FinancialYear.current().label)
        scored_form(partnership, date(2026, 6, 1), [("Leadership", n % 4 + 1, 4)])
        if n % 2:
            prioritisation_save(partnership.pk, Priority.LOW, True, "Reasons", actor=keeper)
    client.force_login(keeper)
    with django_assert_max_num_queries(9 + KEEPER_INBOX_QUERIES):
        response = client.get(reverse("reports:priorities"))
    assert len(response.context["rows"]) == size


def test_it_refuses_to_save_over_a_priority_someone_set_since_the_form_opened(client, keeper, golf):
    client.force_login(keeper)
    url = reverse("reports:prioritise", args=[golf.pk])
    assert client.get(url).context["form"].initial["version"] == 0
    other_keeper = UserFactory(username="keeper-2", role=Role.REGISTER_KEEPER)
    prioritisation_save(golf.pk, Priority.HIGH, False, "", actor=other_keeper)

    response = client.post(url, {"version": "0", "priority": "low"})

    assert "Someone changed this priority since you opened it" in response.content.decode()
    assert Prioritisation.objects.get().priority == Priority.HIGH
