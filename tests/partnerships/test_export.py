"""R10: the register downloads as CSV and Excel, exactly as the list shows it."""

import csv
import io
from datetime import date

import openpyxl
import pytest

from partnerships.models import Kind, Status
from partnerships.spreadsheets.columns import COLUMNS
from tests.factories import PartnershipFactory, ServiceFactory, StrategicObjectiveFactory

HEADINGS = [c.heading for c in COLUMNS]


def csv_rows(response):
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def xlsx_rows(response):
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [[c.value for c in row] for row in book.worksheets[0].iter_rows()], book


def as_dicts(rows):
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def export(client, kind, query=None):
    response = client.get(f"/register/export.{kind}", query or {})
    if kind == "csv":
        return as_dicts(csv_rows(response))
    rows, _ = xlsx_rows(response)
    return as_dicts(rows)


def test_it_exports_the_register_as_csv_with_headings_and_labels(signed_in, officer):
    objective = StrategicObjectiveFactory(name="A safe and healthy community")
    partnership = PartnershipFactory(
        reference="P0007",
        name="Lancashire Waste Partnership (LWP)",
        kind=Kind.JOINT_WORKING,
        statutory=True,
        lead_service=ServiceFactory(name="Streetscene and Leisure Contracts"),
        lead_officer=officer,
        council_role="major",
        remit="To coordinate waste management across the county.",
        date_formed=date(2009, 4, 1),
        rank_networking=1,
        additional_monitoring_required=True,
    )
    partnership.strategic_objectives.set([objective])
    response = signed_in(officer).get("/register/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == HEADINGS
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Reference"] == "P0007"
    assert row["Kind"] == "Joint working, forum or network"
    assert row["Status"] == "Active"
    assert row["Tier"] == "Other partnership"  # the policy's label, not the code
    assert row["Statutory"] == "Yes"
    assert row["Lead service"] == "Streetscene and Leisure Contracts"
    assert row["Lead officer"] == officer.display_name
    assert row["Council's role"] == "Major partner"
    assert row["Strategic objectives"] == "A safe and healthy community"
    assert row["Date formed"] == "2009-04-01"
    assert row["Networking (rank)"] == "1"
    assert row["Additional monitoring required"] == "Yes"


def test_it_exports_the_register_as_an_excel_workbook(signed_in, officer):
    PartnershipFactory(name="Select Move", date_formed=date(2008, 1, 14))
    response = signed_in(officer).get("/register/export.xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert ".xlsx" in response["Content-Disposition"]
    rows, _ = xlsx_rows(response)
    assert rows[0] == HEADINGS
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Name"] == "Select Move"
    assert row["Date formed"].date() == date(2008, 1, 14)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_it_exports_what_the_list_shows_for_the_same_filters(signed_in, officer, kind):
    housing = ServiceFactory(name="Strategic Housing")
    PartnershipFactory(name="Select Move", lead_service=housing)
    PartnershipFactory(name="Housing forum", lead_service=housing, kind=Kind.JOINT_WORKING)
    PartnershipFactory(name="Veolia housing waste", status=Status.CEASED)
    PartnershipFactory(name="Glendale")
    client = signed_in(officer)

    query = {"q": "housing", "kind": "partnership"}
    listed = [p.name for p in client.get("/register/", query).context["page"].object_list]
    assert listed == []  # Select Move's name does not say housing; the ceased one is hidden
    assert export(client, kind, query) == []

    query = {"lead_service": str(housing.pk), "sort": "name"}
    listed = [p.name for p in client.get("/register/", query).context["page"].object_list]
    assert [r["Name"] for r in export(client, kind, query)] == listed
    assert listed == ["Housing forum", "Select Move"]

    query = {"status": "all", "sort": "name"}
    names = [r["Name"] for r in export(client, kind, query)]
    assert names == ["Glendale", "Housing forum", "Select Move", "Veolia housing waste"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_it_keeps_the_register_order_of_the_list(signed_in, officer, kind):
    PartnershipFactory(name="A network", kind=Kind.JOINT_WORKING)
    PartnershipFactory(name="B community partnership")
    PartnershipFactory(name="C statutory board", statutory=True)
    names = [r["Name"] for r in export(signed_in(officer), kind)]
    assert names == ["C statutory board", "B community partnership", "A network"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_filter_the_list_cannot_apply_goes_back_to_the_list(signed_in, officer, kind):
    response = signed_in(officer).get(f"/register/export.{kind}", {"kind": "nonsense"})
    assert response.status_code == 302
    assert response["Location"] == "/register/?kind=nonsense"


DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tindented"]


def test_it_guards_csv_cells_against_formula_injection(signed_in, officer):
    for n, text in enumerate(DANGEROUS):
        PartnershipFactory(name=f"Partnership {n}", remit=text)
    rows = export(signed_in(officer), "csv", {"sort": "name"})
    assert [r["Main purpose or remit"] for r in rows] == [f"'{t}" for t in DANGEROUS]


def test_it_writes_formula_like_text_as_text_in_excel(signed_in, officer):
    for n, text in enumerate(DANGEROUS):
        PartnershipFactory(name=f"Partnership {n}", remit=text)
    response = signed_in(officer).get("/register/export.xlsx", {"sort": "name"})
    rows, book = xlsx_rows(response)
    remit = HEADINGS.index("Main purpose or remit")
    cells = [row[remit] for row in book.worksheets[0].iter_rows(min_row=2)]
    assert [c.value for c in cells] == DANGEROUS
    assert {c.data_type for c in cells} == {"s"}, "no cell may be stored as a formula"


def test_it_drops_characters_excel_cannot_hold(signed_in, officer):
    PartnershipFactory(name="Bell\x07 partnership")
    rows = export(signed_in(officer), "xlsx")
    assert rows[0]["Name"] == "Bell partnership"


def test_the_register_links_to_the_downloads_with_its_filters(signed_in, officer):
    PartnershipFactory()
    body = signed_in(officer).get("/register/", {"q": "waste"}).content.decode()
    assert 'href="/register/export.csv?q=waste' in body
    assert 'href="/register/export.xlsx?q=waste' in body


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("rows", [5, 50])
def test_the_export_query_count_does_not_grow_with_rows(
    rows, kind, signed_in, officer, django_assert_max_num_queries
):
    objectives = [StrategicObjectiveFactory(), StrategicObjectiveFactory()]
    for _ in range(rows):
        partnership = PartnershipFactory(lead_officer=officer, sponsor=officer)
        partnership.strategic_objectives.set(objectives)
    client = signed_in(officer)
    client.get("/")  # the first page after sign-in starts the session clock
    # Session, user, policy, services for the filter, the objectives of every exported
    # partnership, and the partnerships with their service and officers.
    with django_assert_max_num_queries(6):
        response = client.get(f"/register/export.{kind}")
        content = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert content
