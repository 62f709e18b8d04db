import csv
import io
import json

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opendata.models import OpenDataSettings
from opendata.services import open_data_configure
from partnerships.models import Declaration
from tests.factories import (
    PartnershipFactory,
    RepresentativeFactory,
    RiskFactory,
    ServiceFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def publish(keeper):
    def switch(fields=None, published=True):
        return open_data_configure(
            actor=keeper,
            published=published,
            fields=fields or ["name", "kind", "remit", "lead_service", "statutory",
                              "date_formed", "council_role"],
        )  # fmt: skip

    return switch


@pytest.fixture
def register(db):
    lead = UserFactory(username="lead", first_name="Alice", last_name="Lead")
    partnership = PartnershipFactory(
        name="Community Safety Partnership",
        lead_service=ServiceFactory(name="Housing"),
        lead_officer=lead,
        statutory=True,
        remit="Safer streets",
    )
    representative = RepresentativeFactory(partnership=partnership, name="Cllr Bob Jones")
    Declaration.objects.create(
        representative=representative, declared_on="2026-01-05", interests="Director of X Ltd"
    )
    RiskFactory(partnership=partnership, description="Funding withdrawn")
    PartnershipFactory(name="Ceased board", status="ceased")
    return partnership


def test_it_is_not_there_until_the_keeper_publishes(client, register, publish):
    for name in ["opendata:register", "opendata:register_csv", "opendata:register_json"]:
        assert client.get(reverse(name)).status_code == 404
    publish()
    assert client.get(reverse("opendata:register")).status_code == 200
    publish(published=False)
    assert client.get(reverse("opendata:register_csv")).status_code == 404


def test_it_publishes_only_the_chosen_fields_of_the_current_register(client, register, publish):
    publish()
    page = client.get(reverse("opendata:register")).text
    assert "Community Safety Partnership" in page
    assert "Safer streets" in page
    assert "Open Government Licence v3.0" in page
    assert "Last updated" in page
    for secret in ["Ceased board", "Alice Lead", "Cllr Bob Jones", "Director of X Ltd",
                   "Funding withdrawn", "10000"]:  # fmt: skip
        assert secret not in page


def test_it_downloads_as_csv_and_json(client, register, publish):
    publish(["name", "statutory", "lead_service"])
    response = client.get(reverse("opendata:register_csv"))
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        {"Name": "Community Safety Partnership", "Lead service": "Housing", "Statutory": "Yes"}
    ]
    found = json.loads(client.get(reverse("opendata:register_json")).content)
    assert found["licence"] == "Open Government Licence v3.0"
    assert found["partnerships"] == [
        {"name": "Community Safety Partnership", "lead_service": "Housing", "statutory": "Yes"}
    ]


def test_it_publishes_a_name_only_when_the_keeper_chooses_to(client, register, publish):
    publish(["name", "lead_officer"])
    assert "Alice Lead" in client.get(reverse("opendata:register")).text


def test_it_keeps_a_formula_from_running_in_a_spreadsheet(client, publish, db):
    PartnershipFactory(name="=HYPERLINK(1)")
    publish(["name"])
    text = client.get(reverse("opendata:register_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_it_is_made_once_per_change_of_the_register(
    client, register, publish, django_assert_max_num_queries
):
    publish(["name"])
    client.get(reverse("opendata:register_json"))
    # The settings and the register's last change; the policy for the heading.
    with django_assert_max_num_queries(3):
        response = client.get(reverse("opendata:register_json"))
    assert response["Cache-Control"] == "public, max-age=300"
    assert "Last-Modified" in response
    register.name = "Safer Communities Partnership"
    register.save()
    found = json.loads(client.get(reverse("opendata:register_json")).content)
    assert [p["name"] for p in found["partnerships"]] == ["Safer Communities Partnership"]


@pytest.mark.parametrize("size", [3, 30])
def test_the_open_data_page_has_a_query_budget(
    client, publish, size, db, django_assert_max_num_queries
):
    PartnershipFactory.create_batch(size)
    publish()
    # Made: the settings, the register's last change, the rows, the policy.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("opendata:register"))
    assert response.text.count('<tr class="govuk-table__row">') == size + 1


def test_only_the_keeper_configures_it_and_it_keeps_history(keeper, officer):
    with pytest.raises(PermissionDenied):
        open_data_configure(actor=officer, published=True, fields=["name"])
    with pytest.raises(ValidationError):
        open_data_configure(actor=keeper, published=True, fields=["name", "declarations"])
    with pytest.raises(ValidationError):
        open_data_configure(actor=keeper, published=True, fields=["kind"])
    open_data_configure(actor=keeper, published=True, fields=["kind", "name"])
    open_data_configure(actor=keeper, published=False, fields=["name"])
    chosen = OpenDataSettings.current()
    assert chosen.fields == ["name"]
    assert [h.published for h in chosen.history.order_by("history_date")] == [False, True, False]
    assert {h.history_user for h in chosen.history.exclude(history_user=None)} == {keeper}


def test_the_keepers_page_switches_it_on_and_shows_errors(client, keeper):
    client.force_login(keeper)
    url = reverse("opendata:settings")
    response = client.post(url, {"published": "yes"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "Select the fields to publish" in response.text
    assert not OpenDataSettings.current().published
    response = client.post(url, {"published": "yes", "fields": ["kind"]})
    assert "Publish at least the name of each partnership" in response.text
    response = client.post(url, {"published": "yes", "fields": ["name", "kind"]})
    assert response.status_code == 302
    assert OpenDataSettings.current().published
