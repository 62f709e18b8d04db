"""Bad input is refused with a message that names the field and says what to do, and nothing
is written (ASVS V2.2, V5.2): control characters in text, years out of range, pictures that do
not decode, Office and OpenDocument archives that are damaged or would unpack too far."""

import io
import struct
import zlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from core.forms import GovDateField
from core.text import check_text
from partnerships import documents
from partnerships.documents import check_upload
from partnerships.forms import ResourceForm
from tests.factories import PartnershipFactory
from tests.partnerships.test_documents import (
    ODF,
    OOXML,
    excel_workbook,
    image,
    open_document,
    word_document,
    zipped,
)

# Text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Chair\x07", "\x00", "Esc\x1b[31m", "abc\x7f", "pay\u202eexe"])
def test_it_refuses_control_characters_on_one_line_and_in_several(text):
    for multiline in (False, True):
        with pytest.raises(ValidationError, match="Remit contains a hidden control character"):
            check_text(text, "Remit", multiline=multiline)


@pytest.mark.parametrize("text", ["two\nlines", "tab\there", "windows\r\nline"])
def test_it_keeps_line_breaks_and_tabs_in_several_lines_only(text):
    check_text(text, "Remit", multiline=True)
    with pytest.raises(ValidationError, match="Remit must be on one line: remove the line"):
        check_text(text, "Remit", multiline=False)


def test_it_accepts_ordinary_text_in_any_language():
    check_text("Café – Ysgol Gymraeg, 50% “quoted” ☺", "Name")


@pytest.mark.django_db  # the form's hint names the policy's senior team
def test_it_checks_every_form_text_field_without_the_form_asking():
    form = ResourceForm(
        data={
            "financial_year": "2026/27",
            "kind": "funding",
            "description": "Grant\x08",
            "amount": "10",
            "hours": "",
        }  # fmt: skip
    )
    assert not form.is_valid()
    assert form.errors["description"] == [
        "Description contains a hidden control character (U+0008): type the text again, or "
        "paste it as plain text, and try again"
    ]


def test_it_refuses_a_control_character_over_http_and_saves_nothing(client, make_user):
    partnership = PartnershipFactory()
    client.force_login(make_user(Role.REGISTER_KEEPER))
    response = client.post(
        f"/register/{partnership.pk}/risks/add/",
        {"description": "Funding ends\x1b", "likelihood": "2", "impact": "2", "owner": "Sam"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "contains a hidden control character (U+001B)" in body
    assert not partnership.risks.exists()


# Years --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "accepted"),
    [("1899/00", False), ("1900/01", True), ("2199/00", True), ("2200/01", False)],
)
def test_it_bounds_financial_years_as_dates_are(db, year, accepted):
    form = ResourceForm(data={"financial_year": year, "kind": "funding", "amount": "1"})
    assert form.is_valid() is accepted, form.errors
    if not accepted:
        assert form.errors["financial_year"] == [
            "Enter a financial year from 1900/01 to 2199/00, like 2026/27"
        ]


def test_it_bounds_dates_to_the_same_years():
    field = GovDateField("Date formed")
    assert field.clean(["1", "4", "2200"]) == date(2200, 4, 1)
    with pytest.raises(ValidationError, match="Enter a year between 1900 and 2200"):
        field.clean(["1", "4", "2201"])


# Pictures -----------------------------------------------------------------------------------


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type)


def png_claiming(width, height):
    """A PNG whose header claims a size its tiny data does not fill."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 10))
        + chunk(b"IEND", b"")
    )


def refusal(name, data):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, data))
    return refused.value.messages[0]


def test_it_decodes_a_picture_to_prove_it_is_one():
    assert check_upload(upload("site.png", image("PNG"))).extension == ".png"
    assert check_upload(upload("site.jpg", image("JPEG"))).extension == ".jpg"
    damaged = image("PNG")[:60]
    assert refusal("site.png", damaged) == (
        "The selected image could not be read, so it may be damaged: open it, save it again "
        "and upload the saved copy"
    )
    assert "could not be read" in refusal("site.jpg", b"\xff\xd8\xff" + b"not a picture" * 20)
    assert refusal("site.png", png_claiming(4, 4)).startswith("The selected image could not")


def test_it_refuses_a_picture_that_would_decode_to_too_many_pixels():
    assert refusal("huge.png", png_claiming(10_000, 7_000)) == (
        "The selected image is larger than 60 million pixels: make it smaller and upload it again"
    )


def test_it_refuses_a_jpeg_named_png():
    assert refusal("site.png", image("JPEG")) == (
        "The selected file is not a PNG image, although its name ends in .png"
    )


# Office and OpenDocument archives -----------------------------------------------------------

TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Override PartName="/word/document.xml" '
    f'ContentType="{OOXML}.wordprocessingml.document.main+xml"/></Types>'
)


def test_it_accepts_real_office_and_opendocument_files():
    assert check_upload(upload("terms.docx", word_document())).extension == ".docx"
    assert check_upload(upload("budget.xlsx", excel_workbook())).extension == ".xlsx"
    assert check_upload(upload("terms.odt", open_document("text"))).extension == ".odt"


def test_it_refuses_an_office_file_without_its_declared_main_part_or_relationships():
    no_main = zipped({"[Content_Types].xml": TYPES, "_rels/.rels": "<Relationships/>"})
    assert refusal("terms.docx", no_main) == (
        "The selected file is damaged (it has no word/document.xml part): save it again from "
        "the program that made it, or as a PDF, and upload that"
    )
    no_rels = zipped({"[Content_Types].xml": TYPES, "word/document.xml": "<document/>"})
    assert "it has no _rels/.rels part" in refusal("terms.docx", no_rels)


def test_it_refuses_an_opendocument_file_without_its_manifest():
    bare = zipped({"content.xml": "<c/>"}, first=("mimetype", f"{ODF}.text"))
    assert "it has no META-INF/manifest.xml part" in refusal("terms.odt", bare)


def test_it_refuses_a_part_compressed_like_a_zip_bomb():
    bomb = zipped(
        {
            "[Content_Types].xml": TYPES,
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<document/>",
            "word/media/image1.bin": b"\0" * (4 * 1024 * 1024),
        }
    )
    assert refusal("terms.docx", bomb) == (
        "The selected file is compressed more than 200 times over, as no document is: save it "
        "again from the program that made it, or as a PDF, and upload that"
    )


def test_it_bounds_what_an_archive_unpacks_to_and_how_many_parts_it_has(monkeypatch):
    monkeypatch.setattr(documents, "MAX_UNPACKED_BYTES", 1024 * 1024)
    big = zipped(
        {
            "[Content_Types].xml": TYPES,
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": io.BytesIO(bytes(range(256)) * 5000).getvalue(),
        }
    )
    assert refusal("terms.docx", big).startswith(
        "The selected file would unpack to more than 1MB: save it again"
    )
    monkeypatch.setattr(documents, "MAX_ARCHIVE_MEMBERS", 2)
    assert "holds more than 2 parts" in refusal("terms.docx", word_document())
