"""Subject-access requests: the keeper or an Administrator finds a person and downloads
everything that names them."""

import json
from datetime import date

import pytest
from django.test import Client

from accounts.roles import Role
from partnerships.models import Declaration
from tests.budgets import KEEPER_INBOX_QUERIES
from tests.factories import PartnershipFactory, RepresentativeFactory, RiskFactory, UserFactory


@pytest.fixture
def person(db):
    user = UserFactory(
        username="pshah", first_name="Priya", last_name="Shah", role=Role.MEMBER,
        email="priya.shah@example.org",
    )  # fmt: skip
    partnership = PartnershipFactory(name="Community Safety Partnership", lead_officer=user)
    rep = RepresentativeFactory(partnership=partnership, name="Priya Shah", user=user)
    Declaration.objects.create(
        representative=rep, declared_on=date(2026, 5, 1), interests="Governor of Oak School"
    )
    RiskFactory(partnership=partnership, owner="Priya Shah", description="Funding ends")
    return user


@pytest.fixture
def keeper_client(db, client):
    client.force_login(UserFactory(username="keeper", role=Role.REGISTER_KEEPER))
    return client


def download(client, **params):
    response = client.get("/data-protection/subject-access/download/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="subject-access-')
    assert response["Cache-Control"] == "no-store, private"
    return json.loads(response.content)


def test_it_finds_the_person_by_part_of_their_name(keeper_client, person):
    page = keeper_client.get("/data-protection/subject-access/", {"q": "shah"}).content.decode()
    assert "pshah" in page
    assert f"?user={person.pk}" in page
    assert "?name=Priya%20Shah" in page


def test_it_says_what_to_type_when_the_search_is_empty(keeper_client, db):
    page = keeper_client.get("/data-protection/subject-access/", {"q": " "}).content.decode()
    assert "govuk-error-summary" in page
    assert "Enter a name, username or email address to search for" in page


def test_it_exports_everything_naming_an_account_holder(keeper_client, person):
    Client().post("/sign-in/", {"username": "pshah", "password": "not their password"})
    export = download(keeper_client, user=person.pk)
    assert export["subject"] == {"account": "pshah", "names": ["Priya Shah"]}
    assert export["account"]["email"] == "priya.shah@example.org"
    assert "password" not in export["account"]
    assert [r["name"] for r in export["representatives"]] == ["Priya Shah"]
    assert export["representative_history"][0]["name"] == "Priya Shah"
    assert export["declarations"][0]["interests"] == "Governor of Oak School"
    assert export["declaration_history"][0]["interests"] == "Governor of Oak School"
    assert export["risks_owned"][0]["description"] == "Funding ends"
    pointing = export["records_naming_the_account"]
    assert pointing["partnerships.Partnership (lead_officer)"][0]["name"] == (
        "Community Safety Partnership"
    )
    assert "partnerships.HistoricalPartnership (lead_officer)" in pointing
    assert pointing["axes.AccessAttempt (username)"][0]["failures_since_start"] == 1
    assert export["made_by"] == "keeper"


def test_it_exports_what_names_someone_without_an_account(keeper_client, person):
    RepresentativeFactory(name="Tom Baker")
    export = download(keeper_client, name="Tom Baker")
    assert export["account"] is None
    assert [r["name"] for r in export["representatives"]] == ["Tom Baker"]
    assert export["declarations"] == []


def test_an_administrator_may_export_and_others_may_not(client, person):
    client.force_login(UserFactory(username="root", role=Role.ADMIN))
    assert download(client, user=person.pk)["subject"]["account"] == "pshah"
    for role in [Role.AUDITOR, Role.SMT, Role.OFFICER, Role.MEMBER]:
        client.force_login(UserFactory(username=f"no-{role}", role=role))
        response = client.get("/data-protection/subject-access/download/", {"user": person.pk})
        assert response.status_code == 403, role


@pytest.mark.parametrize("people", [2, 20])
def test_the_search_page_query_count_does_not_grow_with_people(
    people, keeper_client, django_assert_max_num_queries
):
    for n in range(people):
        user = UserFactory(username=f"shah{n}", last_name="Shah")
        RepresentativeFactory(name=f"Sam Shah {n}", user=user)
        RiskFactory(owner=f"Alex Shah {n}")
    keeper_client.get("/")
    # Session, user, policy, the accounts with their service, the representatives' and the
    # risk owners' names; and the keeper's inbox, measured here at one more query than
    # tests/budgets.py counts (significant changes waiting).
    with django_assert_max_num_queries(7 + KEEPER_INBOX_QUERIES):
        response = keeper_client.get("/data-protection/subject-access/", {"q": "shah"})
    assert len(response.context["accounts"]) == people
    assert len(response.context["names"]) == 2 * people
