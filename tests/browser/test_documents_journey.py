import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from partnerships.models import Document
from tests.factories import PartnershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "adding and removing a partnership’s documents"


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_it_lets_the_register_keeper_add_a_document_and_remove_it(
    page, live_server, sign_in, check_accessible, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    partnership = PartnershipFactory(name="Lancashire Waste Partnership")
    keeper = UserFactory(
        username="keeper", role=Role.REGISTER_KEEPER, first_name="Priya", last_name="Shah"
    )
    sign_in(page, keeper)

    page.goto(f"{live_server.url}/register/{partnership.pk}/documents/add/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a document")
    check_accessible(page)

    # Everything but the file: the error summary says what is missing.
    page.get_by_label("Minutes", exact=True).check()
    page.get_by_label("Title").fill("Minutes of the partnership board")
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add document").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Select a file")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Add a document"))
    check_accessible(page)

    # What was typed is still there; only the file has to be chosen.
    expect(page.get_by_label("Title")).to_have_value("Minutes of the partnership board")
    page.get_by_label("Upload a file").set_input_files(
        {"name": "Board minutes.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Add document").click()
    expect(page).to_have_url(re.compile(rf"/register/{partnership.pk}/#documents$"))
    expect(page.get_by_text("Minutes of the partnership board has been added")).to_be_visible()
    documents = page.get_by_role("table", name="Documents kept for")
    expect(
        documents.get_by_role("link", name="Minutes of the partnership board", exact=True)
    ).to_be_visible()
    check_accessible(page)

    document = Document.objects.get()
    assert document.uploaded_by == keeper
    assert document.original_name == "Board minutes.pdf"
    download = page.request.get(
        f"{live_server.url}/register/{partnership.pk}/documents/{document.pk}/"
    )
    assert download.status == 200
    assert download.headers["content-disposition"] == 'attachment; filename="Board minutes.pdf"'
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.body() == PDF

    page.get_by_role("link", name="Remove").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove this document?")
    check_accessible(page)
    page.get_by_role("button", name="Remove it").click()
    expect(page.get_by_text("Minutes of the partnership board has been removed")).to_be_visible()
    check_accessible(page)
    assert not Document.objects.exists()


def test_it_explains_a_refused_file_beside_the_file_input(
    page, live_server, sign_in, check_accessible, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    partnership = PartnershipFactory(name="Select Move")
    sign_in(page, UserFactory(username="keeper", role=Role.REGISTER_KEEPER))
    page.goto(f"{live_server.url}/register/{partnership.pk}/documents/add/")
    page.get_by_label("Report", exact=True).check()
    page.get_by_label("Title").fill("Annual report")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("April")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Upload a file").set_input_files(
        {"name": "report.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00not a pdf"}
    )
    page.get_by_role("button", name="Add document").click()
    message = "The selected file is not a PDF, although its name ends in .pdf"
    expect(page.get_by_role("link", name=message)).to_be_visible()
    expect(page.locator("#file-error")).to_contain_text(message)
    check_accessible(page)
    assert not Document.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
