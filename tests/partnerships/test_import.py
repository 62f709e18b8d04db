"""R11: the register keeper imports a spreadsheet: checked whole, then written all or nothing,
each change in the partnership's history under the keeper's name."""

import csv
import io
import zipfile
from unittest import mock

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Policy
from accounts.roles import Role
from partnerships.models import Kind, Partnership, RegisterImport, Status
from partnerships.spreadsheets.columns import IMPORTABLE, MAX_ROWS
from tests.factories import (
    PartnershipFactory,
    ServiceFactory,
    StrategicObjectiveFactory,
    UserFactory,
)

HEADINGS = ["Reference", "Name", "Kind", "Lead service", "Main purpose or remit"]
HOUSING = "Strategic Housing"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def housing(db):
    return ServiceFactory(name=HOUSING)


@pytest.fixture
def client_keeper(signed_in, keeper, housing):
    return signed_in(keeper)


def csv_upload(rows, headings=HEADINGS, name="register.csv", encoding="utf-8"):
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(encoding), "text/csv")


def xlsx_upload(rows, headings=HEADINGS, name="register.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def row(name, reference="", kind="Partnership", service=HOUSING, remit="To work together."):
    return [reference, name, kind, service, remit]


def upload(client, upload_file):
    return client.post("/register/import/", {"file": upload_file})


def check(client, upload_file):
    """Uploads a file that must be accepted for checking; returns its import record."""
    response = upload(client, upload_file)
    assert response.status_code == 302, response.content.decode()[:2000]
    register_import = RegisterImport.objects.latest("pk")
    assert response["Location"] == f"/register/import/{register_import.pk}/"
    return register_import


def run(client, register_import):
    return client.post(f"/register/import/{register_import.pk}/")


def stored_files(media):
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


# The upload page and the template ---------------------------------------------------------


def test_it_shows_the_upload_page_with_a_link_to_the_template(client_keeper):
    body = client_keeper.get("/register/import/").content.decode()
    assert "Import a spreadsheet" in body
    assert 'href="/register/import/template.xlsx"' in body
    assert 'enctype="multipart/form-data"' in body
    assert "smaller than 10 MB" in body


def test_the_template_has_the_importable_headings_and_explains_them(client_keeper):
    StrategicObjectiveFactory(name="Thriving communities")
    response = client_keeper.get("/register/import/template.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["Partnerships", "Columns"]
    headings = [c.value for c in next(book["Partnerships"].iter_rows())]
    assert headings == [c.heading for c in IMPORTABLE]
    assert "Tier" not in headings and "Last changed" not in headings
    notes = {r[0]: r for r in book["Columns"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert notes["Name"][1] == "Yes"
    assert "Contract for services (not held: give a reason)" in notes["Kind"][3]
    assert HOUSING in notes["Lead service"][3]
    assert "Thriving communities" in notes["Strategic objectives"][3]


# Checking and importing -------------------------------------------------------------------


def test_it_checks_a_file_and_writes_nothing_until_asked(client_keeper, keeper):
    register_import = check(client_keeper, csv_upload([row("Select Move"), row("Homes forum")]))
    assert register_import.state == RegisterImport.State.CHECKED
    assert register_import.row_count == 2
    assert register_import.uploaded_by == keeper
    assert Partnership.objects.count() == 0
    body = client_keeper.get(f"/register/import/{register_import.pk}/").content.decode()
    assert "The import would add 2 partnerships and change 0." in body
    assert "Select Move" in body and "Homes forum" in body
    assert "Import into the register" in body


def test_it_imports_a_checked_file_with_history_naming_the_keeper(client_keeper, keeper):
    register_import = check(client_keeper, csv_upload([row("Select Move"), row("Homes forum")]))
    response = run(client_keeper, register_import)
    assert response.status_code == 302
    assert response["Location"] == "/register/"
    register_import.refresh_from_db()
    assert register_import.state == RegisterImport.State.IMPORTED
    assert (register_import.created_count, register_import.updated_count) == (2, 0)
    assert register_import.imported_at is not None
    select_move = Partnership.objects.get(name="Select Move")
    assert select_move.lead_service.name == HOUSING
    assert select_move.status == Status.ACTIVE
    assert select_move.reference == "P0001"
    history = select_move.history.get()
    assert history.history_type == "+"
    assert history.history_user == keeper
    body = client_keeper.get("/register/").content.decode()
    assert "register.csv imported: 2 added, 0 changed" in body
    assert "Select Move" in body


def test_it_imports_an_excel_workbook(client_keeper):
    register_import = check(client_keeper, xlsx_upload([row("Select Move", reference="SM-1")]))
    run(client_keeper, register_import)
    assert Partnership.objects.get().reference == "SM-1"


def test_it_reads_every_kind_of_column(client_keeper, make_user):
    lead = make_user(Role.OFFICER, username="jbloggs", first_name="Jo", last_name="Bloggs")
    sponsor = make_user(Role.HEAD_OF_SERVICE, username="head", email="head@chorley.gov.uk")
    StrategicObjectiveFactory(name="Clean and safe streets")
    StrategicObjectiveFactory(name="Strong communities")
    headings = [
        "Name",
        "Kind",
        "Lead service",
        "Main purpose or remit",
        "statutory",  # headings are matched regardless of case
        "Lead officer",
        "Sponsoring officer",
        "Council's role",
        "Engagement level",
        "Strategic objectives",
        "Set policy (rank)",
        "Date formed",
        "Proposed end date",
        "Legal status",
        "Additional monitoring required",
    ]
    values = [
        "Community Safety Partnership",
        "partnership",
        "strategic housing",
        "To reduce crime.",
        "yes",
        "Jo Bloggs",
        "HEAD@chorley.gov.uk",
        "Lead organisation",
        "",
        "Strong communities; Clean and safe streets",
        "2",
        "01/04/2009",
        "2030-03-31",
        "Joint committee",
        "No",
    ]
    run(client_keeper, check(client_keeper, csv_upload([values], headings)))
    partnership = Partnership.objects.get()
    assert partnership.statutory is True
    assert partnership.lead_officer == lead
    assert partnership.sponsor == sponsor
    assert partnership.council_role == "lead"
    assert partnership.engagement == "full"
    assert {o.name for o in partnership.strategic_objectives.all()} == {
        "Strong communities",
        "Clean and safe streets",
    }
    assert partnership.rank_set_policy == 2
    assert str(partnership.date_formed) == "2009-04-01"
    assert str(partnership.proposed_end_date) == "2030-03-31"
    assert partnership.legal_status == "joint_committee"
    assert partnership.additional_monitoring_required is False


def test_it_reads_a_csv_saved_by_excel_in_windows_encoding(client_keeper):
    file = csv_upload([row("Café society £ fund")], encoding="cp1252")
    run(client_keeper, check(client_keeper, file))
    assert Partnership.objects.get().name == "Café society £ fund"


def test_it_shows_each_row_error_with_its_row_number_and_column(client_keeper):
    rows = [
        row("Select Move"),
        row("Homes forum", service="Housing Strategy"),
        row("", kind="Partnership"),
        row("Bad kind", kind="Club"),
    ]
    register_import = check(client_keeper, csv_upload(rows))
    assert register_import.state == RegisterImport.State.INVALID
    assert {(e["row"], e["column"]) for e in register_import.errors} == {
        (3, "Lead service"),
        (4, "Name"),
        (5, "Kind"),
    }
    body = client_keeper.get(f"/register/import/{register_import.pk}/").content.decode()
    assert "There is a problem" in body
    assert "Row 3, Lead service: The register has no service called ‘Housing Strategy’" in body
    assert "Row 4, Name: Enter the name" in body
    assert "Row 5, Kind: ‘Club’ is not one of the allowed values" in body
    assert "Import into the register" not in body


def test_nothing_is_written_when_one_row_is_bad(client_keeper):
    register_import = check(
        client_keeper, csv_upload([row("Select Move"), row("Homes forum", service="Nowhere")])
    )
    response = run(client_keeper, register_import)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert Partnership.objects.count() == 0
    register_import.refresh_from_db()
    assert register_import.state == RegisterImport.State.INVALID


def test_a_file_that_failed_its_check_is_not_run_even_once_the_register_is_ready(
    client_keeper,
):
    register_import = check(client_keeper, csv_upload([row("Select Move", service="Planning")]))
    ServiceFactory(name="Planning")
    response = run(client_keeper, register_import)
    assert "There is a problem" in response.content.decode()
    assert Partnership.objects.count() == 0


def test_the_real_run_writes_nothing_if_the_register_changed_since_the_check(
    client_keeper, housing
):
    register_import = check(
        client_keeper, csv_upload([row("Select Move", reference="P0100"), row("Homes forum")])
    )
    # Someone adds the same partnership by hand between the check and the import.
    PartnershipFactory(reference="P0005", name="Select Move", lead_service=housing)
    body = client_keeper.get(f"/register/import/{register_import.pk}/").content.decode()
    assert "already has ‘Select Move’ led by Strategic Housing, as P0005" in body
    response = run(client_keeper, register_import)
    assert response.status_code == 200
    assert "Row 2, Reference" in response.content.decode()
    assert list(Partnership.objects.values_list("name", flat=True)) == ["Select Move"]
    register_import.refresh_from_db()
    assert register_import.state == RegisterImport.State.INVALID


def test_reimporting_a_file_updates_rather_than_duplicates(client_keeper, keeper):
    run(client_keeper, check(client_keeper, csv_upload([row("Select Move", remit="Lettings.")])))
    created = Partnership.objects.get()
    # The same file with one remit changed, and still no reference: matched on name and
    # lead service.
    register_import = check(
        client_keeper, csv_upload([row("Select Move", remit="Choice based lettings.")])
    )
    body = client_keeper.get(f"/register/import/{register_import.pk}/").content.decode()
    assert "The import would add 0 partnerships and change 1." in body
    assert "Main purpose or remit" in body
    run(client_keeper, register_import)
    register_import.refresh_from_db()
    assert (register_import.created_count, register_import.updated_count) == (0, 1)
    updated = Partnership.objects.get()
    assert updated.pk == created.pk
    assert updated.remit == "Choice based lettings."
    assert updated.version == 2
    latest = updated.history.order_by("-history_date").first()
    assert latest.history_type == "~"
    assert latest.history_user == keeper


def test_a_row_with_a_reference_updates_that_partnership(client_keeper, housing):
    partnership = PartnershipFactory(reference="P0003", name="Select Move", lead_service=housing)
    run(client_keeper, check(client_keeper, csv_upload([row("Select Move Plus", "p0003")])))
    partnership.refresh_from_db()
    assert partnership.name == "Select Move Plus"
    assert Partnership.objects.count() == 1


def test_columns_left_out_of_the_file_are_not_changed(client_keeper, housing):
    partnership = PartnershipFactory(
        name="Select Move", lead_service=housing, monitoring_arrangements="Quarterly reports."
    )
    register_import = check(client_keeper, csv_upload([row("Select Move", remit="Lettings.")]))
    run(client_keeper, register_import)
    partnership.refresh_from_db()
    assert partnership.remit == "Lettings."
    assert partnership.monitoring_arrangements == "Quarterly reports."


def test_an_unchanged_partnership_is_left_alone(client_keeper, housing):
    partnership = PartnershipFactory(name="Select Move", lead_service=housing, remit="Lettings.")
    register_import = check(client_keeper, csv_upload([row("Select Move", remit="Lettings.")]))
    body = client_keeper.get(f"/register/import/{register_import.pk}/").content.decode()
    assert "There is nothing to import" in body
    partnership.refresh_from_db()
    assert partnership.version == 1


def test_a_kind_the_policy_does_not_hold_needs_an_exclusion_reason(client_keeper):
    assert not Policy.current().holds_kind(Kind.CONTRACT)
    headings = [*HEADINGS, "Exclusion reason"]
    register_import = check(
        client_keeper, csv_upload([[*row("Veolia", kind="Contract for services"), ""]], headings)
    )
    assert register_import.errors == [
        {
            "row": 2,
            "column": "Exclusion reason",
            "message": "The council's register does not hold a contract for services: give "
            "the reason it is recorded but excluded",
        }
    ]
    reason = "A contract managed by procurement."
    file = csv_upload([[*row("Veolia", kind="Contract for services"), reason]], headings)
    run(client_keeper, check(client_keeper, file))
    veolia = Partnership.objects.get()
    assert veolia.status == Status.EXCLUDED
    assert veolia.exclusion_reason == reason


def test_only_an_excluded_kind_may_have_the_excluded_status(client_keeper):
    headings = [*HEADINGS, "Status"]
    file = csv_upload([[*row("Select Move"), "Excluded from the register"]], headings)
    register_import = check(client_keeper, file)
    assert [e["column"] for e in register_import.errors] == ["Status"]


def test_two_rows_for_the_same_partnership_are_an_error(client_keeper):
    register_import = check(client_keeper, csv_upload([row("Select Move"), row("select move")]))
    assert register_import.errors == [
        {
            "row": 3,
            "column": "Name",
            "message": "Row 2 is the same partnership: each partnership may be in a file once",
        }
    ]


def test_an_exported_register_imports_back_unchanged(client_keeper, housing, keeper):
    objective = StrategicObjectiveFactory(name="Strong communities")
    partnership = PartnershipFactory(
        name="Select Move", lead_service=housing, lead_officer=keeper, remit="=1+1 (sic)"
    )
    partnership.strategic_objectives.set([objective])
    PartnershipFactory(
        name="Veolia", kind=Kind.CONTRACT, status=Status.EXCLUDED, exclusion_reason="Contract."
    )
    for kind in ["csv", "xlsx"]:
        response = client_keeper.get(f"/register/export.{kind}", {"status": "all"})
        file = SimpleUploadedFile(f"register.{kind}", b"".join(response.streaming_content))
        register_import = check(client_keeper, file)
        assert register_import.errors == []
        body = client_keeper.get(f"/register/import/{register_import.pk}/").content.decode()
        assert "There is nothing to import" in body, kind


def test_another_keeper_may_run_an_import_and_is_named_in_its_history(
    client, signed_in, keeper, housing
):
    register_import = check(signed_in(keeper), csv_upload([row("Select Move")]))
    colleague = UserFactory(username="colleague", role=Role.REGISTER_KEEPER)
    client.force_login(colleague)
    response = run(client, register_import)
    assert response.status_code == 302
    assert Partnership.objects.get().history.get().history_user == colleague
    register_import.refresh_from_db()
    assert register_import.uploaded_by == keeper


def test_an_imported_file_cannot_be_run_again(client_keeper):
    register_import = check(client_keeper, csv_upload([row("Select Move")]))
    run(client_keeper, register_import)
    Partnership.objects.update(remit="Changed by hand since.")
    response = run(client_keeper, register_import)
    assert response.status_code == 200
    assert "This file has already been imported" in response.content.decode()
    assert Partnership.objects.get().remit == "Changed by hand since."


@pytest.mark.parametrize("role", [Role.OFFICER, Role.AUDITOR, Role.ADMIN])
def test_only_the_register_keeper_may_import(client, make_user, keeper, housing, role):
    register_import = RegisterImport.objects.create(
        original_name="register.csv", uploaded_by=keeper, state=RegisterImport.State.CHECKED
    )
    client.force_login(make_user(role))
    assert upload(client, csv_upload([row("Select Move")])).status_code == 403
    assert run(client, register_import).status_code == 403
    assert Partnership.objects.count() == 0
    assert RegisterImport.objects.count() == 1


def test_a_checked_import_whose_file_is_gone_says_so(client_keeper, keeper):
    register_import = RegisterImport.objects.create(
        file="imports/gone.csv",
        original_name="register.csv",
        uploaded_by=keeper,
        state=RegisterImport.State.CHECKED,
    )
    response = client_keeper.get(f"/register/import/{register_import.pk}/")
    assert response.status_code == 200
    assert "no longer available" in response.content.decode()
    response = run(client_keeper, register_import)
    assert response.status_code == 200
    assert "no longer available" in response.content.decode()


# Files that are refused whole -------------------------------------------------------------


def zipped(files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def formula_workbook():
    book = openpyxl.Workbook()
    book.active.append(HEADINGS)
    book.active.append(row("Select Move"))
    book.active["E2"] = "=A1&B1"
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("register.xlsx", out.getvalue())


def lines(*rows):
    return ("\n".join(rows) + "\n").encode()


HEADER = ",".join(HEADINGS)
REFUSED = {
    "empty": (SimpleUploadedFile("register.csv", b""), "The selected file is empty"),
    "blank rows only": (
        SimpleUploadedFile("register.csv", b",,,\n,,\n"),
        "The selected file is empty",
    ),
    "another type": (
        SimpleUploadedFile("minutes.pdf", b"%PDF-1.7\n"),
        "The selected file must be a CSV or an Excel workbook (.xlsx)",
    ),
    "old Excel": (
        SimpleUploadedFile("register.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100),
        "old Excel file (.xls)",
    ),
    "text called xlsx": (
        SimpleUploadedFile("register.xlsx", lines(HEADER, "P1,Select Move")),
        "The selected file is not an Excel workbook, although its name ends .xlsx",
    ),
    "zip called xlsx": (
        SimpleUploadedFile("register.xlsx", zipped({"word/document.xml": "<w/>"})),
        "The selected file is not an Excel workbook",
    ),
    "damaged workbook": (
        SimpleUploadedFile("register.xlsx", zipped({"xl/workbook.xml": "not xml"})),
        "could not be read as an Excel workbook",
    ),
    "workbook called csv": (
        SimpleUploadedFile("register.csv", zipped({"xl/workbook.xml": "<w/>"})),
        "The selected file is not a CSV file, although its name ends .csv",
    ),
    "binary called csv": (
        SimpleUploadedFile("register.csv", b"Name\x00\x01\x02"),
        "The selected file is not a CSV file",
    ),
    "missing columns": (
        SimpleUploadedFile("register.csv", lines("Name,Kind", "Select Move,Partnership")),
        "The file has no ‘Lead service’ column",
    ),
    "unknown column": (
        SimpleUploadedFile("register.csv", lines(HEADER + ",Budget", ",A,Partnership,B,C,1")),
        "Column F is headed ‘Budget’, which the register does not know",
    ),
    "twice the same column": (
        SimpleUploadedFile("register.csv", lines(HEADER + ",Name", ",A,Partnership,B,C,A")),
        "The file has two columns headed ‘Name’",
    ),
    "no headings": (
        SimpleUploadedFile("register.csv", lines("", ",Select Move,Partnership")),
        "The first row of the file must be the column headings",
    ),
    "headings only": (
        SimpleUploadedFile("register.csv", lines(HEADER)),
        "The file has headings but no partnerships",
    ),
    "formula in a CSV": (
        SimpleUploadedFile(
            "register.csv",
            lines(HEADER, f",Select Move,Partnership,{HOUSING},Lettings", ",=1+1,,,"),
        ),
        "Row 3, Name: the cell holds a formula",
    ),
    "formula in a workbook": (
        formula_workbook(),
        "Row 2, Main purpose or remit: the cell holds a formula",
    ),
    "too many rows": (
        SimpleUploadedFile(
            "register.csv",
            lines(HEADER, *[f",P{n},Partnership,{HOUSING},R" for n in range(MAX_ROWS + 1)]),
        ),
        "The file has more than 2,000 partnerships",
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_it_refuses_a_bad_file_and_keeps_nothing(client_keeper, media, case):
    file, message = REFUSED[case]
    file.seek(0)
    response = upload(client_keeper, file)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in body
    assert "Nothing has been imported and the file has not been kept." in body
    assert RegisterImport.objects.count() == 0
    assert stored_files(media) == []


def test_it_refuses_a_50_mb_file_without_keeping_it(client_keeper, media):
    padding = b"x" * (50 * 1024 * 1024)
    file = SimpleUploadedFile("register.csv", lines(HEADER, ",Select Move") + padding)
    with mock.patch("partnerships.import_views.register_import_upload") as service:
        response = upload(client_keeper, file)
    # Refused while it was being received, not read whole and measured afterwards.
    assert not service.called
    assert response.status_code == 200
    assert "The selected file must be smaller than 10 MB" in response.content.decode()
    assert RegisterImport.objects.count() == 0
    assert stored_files(media) == []


def test_it_asks_for_a_file_when_none_is_chosen(client_keeper):
    response = client_keeper.post("/register/import/", {})
    assert response.status_code == 200
    assert "Select a CSV or Excel file to import" in response.content.decode()


def test_it_imports_new_partnerships_in_the_same_queries_for_3_rows_or_30(client_keeper):
    counts = []
    for size in (3, 30):
        names = [row(f"Forum {size} {n}") for n in range(size)]
        register_import = check(client_keeper, csv_upload(names, name=f"{size}.csv"))
        with CaptureQueriesContext(connection) as queries:
            assert run(client_keeper, register_import).status_code == 302
        counts.append(len(queries))
    assert Partnership.objects.count() == 33
    assert counts[0] == counts[1]
