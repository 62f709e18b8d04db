import csv

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.factories import ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "importing records from a spreadsheet"


HEADINGS = ["Reference", "Name", "Kind", "Lead service", "Main purpose or remit"]


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADINGS)
        writer.writerows(rows)
    return path


def test_the_keeper_corrects_a_spreadsheet_and_imports_it(
    page, live_server, sign_in, check_accessible, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    ServiceFactory(name="Strategic Housing")
    ServiceFactory(name="Streetscene and Leisure Contracts")
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    rows = [
        ["", "Select Move", "Partnership", "Strategic Housing", "Choice based lettings."],
        ["", "Lancashire Waste Partnership", "Partnership", "Streetscene", "Waste."],
    ]
    spreadsheet = write_csv(tmp_path / "register.csv", rows)

    sign_in(page, keeper)
    page.goto(f"{live_server.url}/register/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a spreadsheet")
    expect(page.get_by_role("link", name="Download the import template (Excel)")).to_be_visible()
    check_accessible(page)

    page.get_by_label("Upload a file").set_input_files(spreadsheet)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="Row 3, Lead service: The register has no service")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Import into the register")).to_have_count(0)
    check_accessible(page)

    rows[1][3] = "Streetscene and Leisure Contracts"
    write_csv(spreadsheet, rows)
    page.get_by_role("link", name="Upload the corrected file").click()
    page.get_by_label("Upload a file").set_input_files(spreadsheet)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text("The import would add 2 partnerships and change 0.")).to_be_visible()
    expect(page.get_by_role("cell", name="Lancashire Waste Partnership")).to_be_visible()
    check_accessible(page)

    page.get_by_role("button", name="Import into the register").click()
    expect(page.get_by_text("register.csv imported: 2 added, 0 changed")).to_be_visible()
    expect(page.get_by_role("link", name="Select Move")).to_be_visible()
    expect(page.get_by_role("link", name="Lancashire Waste Partnership")).to_be_visible()
    check_accessible(page)

    page.goto(f"{live_server.url}/register/import/")
    expect(page.get_by_role("cell", name="Imported")).to_be_visible()
    check_accessible(page)
