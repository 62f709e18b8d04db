from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from partnerships.models import Declaration
from reviews.models import Review
from reviews.services import review_plan
from tests.factories import (
    PartnerOrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    ResourceFactory,
    RiskFactory,
    ServiceFactory,
)


def test_it_filters_the_register_as_the_register_page_does(client, issue, bearer):
    housing = ServiceFactory(name="Housing")
    PartnershipFactory(name="Housing forum", lead_service=housing, statutory=True)
    PartnershipFactory(name="Leisure trust", kind="contract")
    PartnershipFactory(name="Ceased board", status="ceased")
    headers = bearer(issue())
    url = reverse("api:register")

    def names(**query):
        response = client.get(url, query, **headers)
        assert response.status_code == 200, response.content
        return [p["name"] for p in response.json()["results"]]

    assert names() == ["Housing forum", "Leisure trust"]  # current, statutory first
    assert names(lead_service=housing.pk) == ["Housing forum"]
    assert names(kind="contract") == ["Leisure trust"]
    assert names(statutory="no") == ["Leisure trust"]
    assert names(q="trust") == ["Leisure trust"]
    assert names(status="all", sort="name") == ["Ceased board", "Housing forum", "Leisure trust"]


def test_it_refuses_a_filter_the_register_does_not_know(client, issue, bearer):
    response = client.get(reverse("api:register"), {"kind": "secret"}, **bearer(issue()))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "kind"]


def test_it_finds_nothing_led_by_a_service_that_is_not_there(client, issue, bearer):
    PartnershipFactory()
    response = client.get(reverse("api:register"), {"lead_service": 99999}, **bearer(issue()))
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_it_pages_the_register_and_caps_the_page_size(client, issue, bearer):
    PartnershipFactory.create_batch(5)
    headers = bearer(issue())
    url = reverse("api:register")
    page = client.get(url, {"page_size": 2, "page": 3}, **headers).json()
    assert (page["count"], page["pages"], len(page["results"])) == (5, 3, 1)
    assert client.get(url, {"page": 9}, **headers).json()["results"] == []
    assert client.get(url, {"page_size": 101}, **headers).status_code == 422


def test_it_gives_a_partnership_with_its_parts(client, issue, bearer):
    partnership = PartnershipFactory(name="Community Safety Partnership")
    PartnerOrganisationFactory(partnership=partnership, name="Police")
    representative = RepresentativeFactory(partnership=partnership, name="Cllr Jones")
    Declaration.objects.create(
        representative=representative,
        declared_on=timezone.localdate(),
        interests="Trustee of a local charity",
    )
    ResourceFactory(partnership=partnership, amount="1250.50")
    RiskFactory(partnership=partnership, likelihood=3, impact=4)
    response = client.get(
        reverse("api:partnership", args=[partnership.pk]), **bearer(issue(Role.MEMBER))
    )
    assert response.status_code == 200
    found = response.json()
    assert found["partners"][0]["name"] == "Police"
    assert found["representatives"][0]["name"] == "Cllr Jones"
    declaration = found["representatives"][0]["latest_declaration"]
    assert declaration["interests"] == "Trustee of a local charity"
    assert found["resources"][0]["amount"] == "1250.50"
    assert found["risks"][0]["score"] == 12


def test_it_hides_what_the_register_hides(client, issue, bearer):
    draft = PartnershipFactory(status="draft")
    response = client.get(reverse("api:partnership", args=[draft.pk]), **bearer(issue()))
    assert response.status_code == 404


def test_it_lists_reviews_due_as_the_timetable_does(client, issue, bearer):
    overdue = review_plan(PartnershipFactory(name="Overdue one"))
    Review.objects.filter(pk=overdue.pk).update(due=timezone.localdate() - timedelta(days=3))
    later = review_plan(PartnershipFactory(name="Later one"))
    Review.objects.filter(pk=later.pk).update(due=timezone.localdate() + timedelta(days=300))
    headers = bearer(issue())
    url = reverse("api:reviews_due")
    due = client.get(url, **headers).json()
    assert [(r["partnership_name"], r["overdue"]) for r in due["results"]] == [
        ("Overdue one", True)
    ]
    every = client.get(url, {"show": "open"}, **headers).json()
    assert [r["partnership_name"] for r in every["results"]] == ["Overdue one", "Later one"]


def test_it_gives_the_counts_behind_the_smt_summary(client, issue, bearer):
    PartnershipFactory.create_batch(2)
    PartnershipFactory(kind="outside_body")
    response = client.get(reverse("api:summary"), **bearer(issue(Role.SMT)))
    assert response.status_code == 200
    found = response.json()
    assert found["current_count"] == 3
    assert {"label": "Outside body", "count": 1} in found["by_kind"]
    future = timezone.localdate().year + 5
    assert (
        client.get(reverse("api:summary"), {"year": future}, **bearer(issue(Role.SMT))).status_code
        == 422
    )


def test_it_reads_with_a_signed_in_session(client, keeper):
    PartnershipFactory()
    assert client.get(reverse("api:register")).status_code == 401
    client.force_login(keeper)
    assert client.get(reverse("api:register")).json()["count"] == 1


def test_it_serves_its_openapi_document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths) == {
        "/api/register", "/api/partnerships/{partnership_id}", "/api/reviews/due", "/api/summary"
    }  # fmt: skip
    assert all(list(operations) == ["get"] for operations in paths.values())


@pytest.mark.parametrize("size", [3, 30])
def test_the_register_has_a_query_budget(
    client, issue, bearer, size, django_assert_max_num_queries
):
    PartnershipFactory.create_batch(size)
    headers = bearer(issue())
    client.get(reverse("api:register"), **headers)  # notes last_used, once a minute
    # The token, the services for the filter, the policy, the count and the page.
    with django_assert_max_num_queries(5):
        response = client.get(reverse("api:register"), {"page_size": 100}, **headers)
    assert len(response.json()["results"]) == size


@pytest.mark.parametrize("size", [3, 30])
def test_reviews_due_has_a_query_budget(client, issue, bearer, size, django_assert_max_num_queries):
    for partnership in PartnershipFactory.create_batch(size):
        review_plan(partnership)
    Review.objects.update(due=timezone.localdate())
    headers = bearer(issue())
    client.get(reverse("api:reviews_due"), **headers)
    # The token, the count and the page with its partnerships.
    with django_assert_max_num_queries(3):
        response = client.get(reverse("api:reviews_due"), {"page_size": 100}, **headers)
    assert len(response.json()["results"]) == size
