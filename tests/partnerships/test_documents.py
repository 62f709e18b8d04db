"""Documents kept against a partnership (R8): uploads are checked by content, stored under a
generated name, served only through the register, and refused without leaving anything."""

import io
import re
import struct
import zipfile
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from django.utils import timezone
from openpyxl import Workbook
from PIL import Image

from accounts.roles import Role
from partnerships.documents import (
    OversizeUpload,
    check_upload,
    display_name,
    document_delete,
    document_upload,
)
from partnerships.models import Document, Partnership
from partnerships.record import documents_with_names
from tests.factories import PartnershipFactory

OOXML = "application/vnd.openxmlformats-officedocument"
ODF = "application/vnd.oasis.opendocument"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode." + bytes(64)


# Files of each kind, made here rather than shipped, small but real in what is checked.


def zipped(members, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1], zipfile.ZIP_STORED)
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def office(main_type, part="word/document.xml"):
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>'
    )
    return zipped({"[Content_Types].xml": types, "_rels/.rels": "<Relationships/>",
                   part: "<document/>"})  # fmt: skip


def word_document():
    return office(f"{OOXML}.wordprocessingml.document.main+xml")


def excel_workbook():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def open_document(kind):
    return zipped(
        {
            "META-INF/manifest.xml": "<manifest:manifest/>",
            "content.xml": "<office:document-content/>",
        },
        first=("mimetype", f"{ODF}.{kind}"),
    )


def ole2(*streams):
    """A compound file, the container of legacy Word and Excel files, holding the named
    streams: a header, one FAT sector and one directory sector."""
    free, end, fat_sector, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)

    def entry(name, kind, child=no_stream, right=no_stream):
        encoded = name.encode("utf-16-le") + b"\0\0"
        block = bytearray(128)
        block[: len(encoded)] = encoded
        struct.pack_into("<HBB", block, 64, len(encoded), kind, 1)
        struct.pack_into("<III", block, 68, no_stream, right, child)
        struct.pack_into("<II", block, 116, end, 0)
        return bytes(block)

    entries = [entry("Root Entry", 5, child=1 if streams else no_stream)]
    for index, name in enumerate(streams, start=1):
        entries.append(entry(name, 2, right=index + 1 if index < len(streams) else no_stream))
    directory = b"".join(entries).ljust(512, b"\0")
    return bytes(header) + fat + directory


def image(form):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, form)
    return buffer.getvalue()


ACCEPTED = [
    ("minutes.pdf", PDF, "application/pdf"),
    ("terms.docx", word_document(), f"{OOXML}.wordprocessingml.document"),
    ("budget.xlsx", excel_workbook(), f"{OOXML}.spreadsheetml.sheet"),
    (
        "launch.pptx",
        office(f"{OOXML}.presentationml.presentation.main+xml", "ppt/presentation.xml"),
        f"{OOXML}.presentationml.presentation",
    ),
    ("constitution.odt", open_document("text"), f"{ODF}.text"),
    ("budget.ods", open_document("spreadsheet"), f"{ODF}.spreadsheet"),
    ("agreement.doc", ole2("WordDocument", "1Table"), "application/msword"),
    ("accounts.xls", ole2("Workbook"), "application/vnd.ms-excel"),
    ("notes.txt", "Café meeting – agreed.\n".encode(), "text/plain; charset=utf-8"),
    ("members.csv", b"\xef\xbb\xbfname,role\nSam,Chair\n", "text/csv; charset=utf-8"),
    ("site.png", image("PNG"), "image/png"),
    ("site.jpg", image("JPEG"), "image/jpeg"),
    ("site.JPEG", image("JPEG"), "image/jpeg"),
]

REFUSED = [
    ("setup.exe", WINDOWS_PROGRAM, "must be a PDF, Word, Excel"),
    ("report", PDF, "must be a PDF, Word, Excel"),
    ("page.html", b"<html></html>", "must be a PDF, Word, Excel"),
    ("minutes.pdf", word_document(), "is not a PDF, although its name ends in .pdf"),
    ("minutes.pdf", WINDOWS_PROGRAM, "is not a PDF"),
    ("terms.docx", WINDOWS_PROGRAM + word_document(), "is not a Word document"),
    ("terms.docx", office("application/vnd.ms-word.document.macroEnabled.main+xml"), "not a Word"),
    ("terms.docx", zipped({"word/document.xml": "<document/>"}), "is not a Word document"),
    ("budget.xlsx", word_document(), "is not an Excel spreadsheet"),
    ("budget.ods", open_document("text"), "is not an OpenDocument spreadsheet"),
    ("agreement.doc", ole2("Workbook"), "is not a Word document"),
    ("installer.doc", ole2("\x05SummaryInformation"), "is not a Word document"),
    ("accounts.xls", ole2("WordDocument"), "is not an Excel spreadsheet"),
    ("accounts.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "not an Excel"),
    ("site.png", image("JPEG"), "is not a PNG image"),
    ("site.jpg", image("PNG"), "is not a JPEG image"),
    ("notes.txt", b"<!DOCTYPE html><script>alert(1)</script>", "web page"),
    ("notes.txt", b"\n  <html><body>Hello</body></html>", "web page"),
    ("drawing.txt", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "web page"),
    ("notes.txt", b"Agenda\n<script>alert(1)</script>", "web page"),
    ("notes.txt", "Café".encode("latin-1"), "must be saved as UTF-8"),
    ("notes.csv", b"name,role\n\0\0\0", "is not a CSV file"),
    ("empty.pdf", b"", "The selected file is empty"),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored(media):
    return sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def keeper_client(keeper):
    return client_for(keeper)


@pytest.fixture
def partnership(db):
    return PartnershipFactory(name="Lancashire Waste Partnership")


def upload(name="minutes.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type)


def form_data(**overrides):
    data = {
        "kind": "minutes",
        "title": "Minutes of the partnership board",
        "document_date_day": "12",
        "document_date_month": "3",
        "document_date_year": "2026",
        "file": upload(),
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def add_url(partnership):
    return f"/register/{partnership.pk}/documents/add/"


def add_document(partnership, actor, name="minutes.pdf", content=PDF, **fields):
    fields = {
        "kind": "minutes",
        "title": "Minutes of the partnership board",
        "document_date": date(2026, 3, 12),
        **fields,
    }
    return document_upload(partnership.pk, upload=upload(name, content), **fields, actor=actor)


def error_summary_links(response):
    body = response.content.decode()
    summary = body[body.index("govuk-error-summary__list") :]
    summary = summary[: summary.index("</ul>")]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)


# Adding a document.


def test_it_shows_the_upload_form_to_the_register_keeper(keeper_client, partnership):
    response = keeper_client.get(add_url(partnership))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert 'class="govuk-file-upload"' in body
    assert "Memorandum of understanding" in body
    assert "smaller than 20MB" in body


def test_it_stores_an_upload_under_a_generated_name(keeper_client, keeper, partnership, media):
    response = keeper_client.post(add_url(partnership), form_data())
    assert response.status_code == 302
    assert response["Location"] == f"/register/{partnership.pk}/#documents"
    document = Document.objects.get()
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", document.file.name)
    assert stored(media) == [document.file.name]
    assert (media / document.file.name).read_bytes() == PDF
    assert document.original_name == "minutes.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF)
    assert document.uploaded_by == keeper
    assert document.partnership == partnership
    assert document.kind == "minutes"
    assert document.document_date == date(2026, 3, 12)


def test_it_never_uses_the_persons_file_name_in_storage(keeper_client, partnership, media):
    name = "../../etc/passwd Board minutes.pdf"
    keeper_client.post(add_url(partnership), form_data(file=upload(name)))
    document = Document.objects.get()
    assert "passwd" not in document.file.name
    assert "Board" not in document.file.name
    assert document.original_name == "passwd Board minutes.pdf"


def test_it_records_the_upload_in_the_history_and_bumps_the_version(
    keeper_client, keeper, partnership
):
    version = partnership.version
    keeper_client.post(add_url(partnership), form_data())
    record = Document.history.get()
    assert record.history_type == "+"
    assert record.history_user == keeper
    partnership.refresh_from_db()
    assert partnership.version == version + 1
    assert partnership.history.latest().history_user == keeper


def test_it_says_the_document_was_added(keeper_client, partnership):
    response = keeper_client.post(add_url(partnership), form_data(), follow=True)
    assert "Minutes of the partnership board has been added" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "content_type"), ACCEPTED, ids=[a[0] for a in ACCEPTED]
)
def test_it_accepts_each_kind_of_file_on_the_list(
    keeper_client, partnership, name, content, content_type
):
    response = keeper_client.post(add_url(partnership), form_data(file=upload(name, content)))
    assert response.status_code == 302, response.context["form"].errors
    document = Document.objects.get()
    assert document.content_type == content_type
    assert document.file.name.endswith(name.rsplit(".", 1)[1].lower())


@pytest.mark.parametrize(
    ("name", "content", "message"), REFUSED, ids=[f"{r[0]}-{i}" for i, r in enumerate(REFUSED)]
)
def test_it_refuses_a_file_that_is_not_what_its_name_says(
    keeper_client, partnership, media, name, content, message
):
    response = keeper_client.post(add_url(partnership), form_data(file=upload(name, content)))
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "govuk-file-upload--error" in body
    [(target, text)] = error_summary_links(response)
    assert target == "file"
    assert message in text
    assert not Document.objects.exists()
    assert stored(media) == []


@override_settings(DOCUMENT_MAX_MB=1)
def test_it_refuses_a_file_over_the_size_cap(keeper_client, partnership, media):
    big = PDF + bytes(1024 * 1024)
    response = keeper_client.post(add_url(partnership), form_data(file=upload(content=big)))
    assert response.status_code == 200
    assert error_summary_links(response) == [("file", "The selected file must be smaller than 1MB")]
    # What arrived past the cap was counted, not kept.
    assert isinstance(response.context["form"].files["file"], OversizeUpload)
    assert not Document.objects.exists()
    assert stored(media) == []


@override_settings(DOCUMENT_MAX_MB=1)
def test_it_accepts_a_file_of_exactly_the_cap(keeper_client, partnership):
    exact = PDF + bytes(1024 * 1024 - len(PDF))
    response = keeper_client.post(add_url(partnership), form_data(file=upload(content=exact)))
    assert response.status_code == 302
    assert Document.objects.get().size == 1024 * 1024


def test_it_refuses_a_file_just_over_the_default_20_mb_cap(keeper_client, partnership, media):
    big = PDF + bytes(20 * 1024 * 1024 + 1 - len(PDF))
    response = keeper_client.post(add_url(partnership), form_data(file=upload(content=big)))
    assert response.status_code == 200
    assert error_summary_links(response) == [
        ("file", "The selected file must be smaller than 20MB")
    ]
    assert stored(media) == []


def test_it_asks_for_everything_that_is_missing(keeper_client, partnership, media):
    response = keeper_client.post(
        add_url(partnership),
        {"document_date_day": "", "document_date_month": "", "document_date_year": ""},
    )
    assert response.status_code == 200
    assert error_summary_links(response) == [
        ("kind", "Select what kind of document it is"),
        ("title", "Enter the title of the document"),
        ("document_date_day", "Enter the date of the document"),
        ("file", "Select a file"),
    ]
    body = response.content.decode()
    # Every link in the summary lands on an input of the form.
    for target, _ in error_summary_links(response):
        assert f'id="{target}"' in body
    assert stored(media) == []


def test_it_refuses_an_unknown_kind_and_an_overlong_title(keeper_client, partnership):
    response = keeper_client.post(add_url(partnership), form_data(kind="invoice", title="x" * 301))
    assert error_summary_links(response) == [
        ("kind", "Select what kind of document it is"),
        ("title", "The title must be 300 characters or fewer"),
    ]


def test_it_keeps_what_was_typed_when_it_asks_again(keeper_client, partnership):
    response = keeper_client.post(add_url(partnership), form_data(file=None))
    body = response.content.decode()
    assert 'value="minutes" checked' in body
    assert 'value="Minutes of the partnership board"' in body
    assert 'value="2026"' in body


TOMORROW = timezone.localdate() + timedelta(days=1)
DATES = [
    (
        ("", "3", "2026"),
        "document_date_day",
        "The date of the document must include a day",
        {"day"},
    ),
    (
        ("12", "", ""),
        "document_date_month",
        "The date of the document must include a month and year",
        {"month", "year"},
    ),
    (
        ("31", "4", "2026"),
        "document_date_day",
        "The date of the document must be a real date",
        {"day"},
    ),
    (
        ("29", "2", "2025"),
        "document_date_day",
        "The date of the document must be a real date",
        {"day"},
    ),
    (
        ("12", "13", "2026"),
        "document_date_month",
        "The date of the document must be a real date",
        {"month"},
    ),
    (
        ("first", "Smarch", "2026"),
        "document_date_day",
        "The date of the document must be a real date",
        {"day", "month"},
    ),
    (("12", "3", "26"), "document_date_year", "The year must include 4 numbers", {"year"}),
    (
        ("12", "3", "20 26"),
        "document_date_year",
        "The date of the document must be a real date",
        {"year"},
    ),
    (
        ("12", "3", "1850"),
        "document_date_year",
        "The date of the document must be in 1900 or later",
        {"year"},
    ),
    (
        (str(TOMORROW.day), str(TOMORROW.month), str(TOMORROW.year)),
        "document_date_day",
        "The date of the document must be today or in the past",
        {"day", "month", "year"},
    ),
]


@pytest.mark.parametrize(("parts", "target", "message", "at_fault"), DATES)
def test_it_says_plainly_what_is_wrong_with_the_date(
    keeper_client, partnership, media, parts, target, message, at_fault
):
    day, month, year = parts
    response = keeper_client.post(
        add_url(partnership),
        form_data(document_date_day=day, document_date_month=month, document_date_year=year),
    )
    assert error_summary_links(response) == [(target, message)]
    body = response.content.decode()
    for part in ("day", "month", "year"):
        highlighted = re.search(
            rf'class="[^"]*govuk-input--error[^"]*" id="document_date_{part}"', body
        )
        assert bool(highlighted) == (part in at_fault), part
    assert stored(media) == []


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((" 7 ", "03", "2026"), date(2026, 3, 7)),
        (("7", "Mar", "2026"), date(2026, 3, 7)),
        (("7", "september", "2025"), date(2025, 9, 7)),
        (("29", "2", "2024"), date(2024, 2, 29)),
    ],
)
def test_it_reads_dates_as_people_write_them(keeper_client, partnership, parts, expected):
    day, month, year = parts
    keeper_client.post(
        add_url(partnership),
        form_data(document_date_day=day, document_date_month=month, document_date_year=year),
    )
    assert Document.objects.get().document_date == expected


def test_it_checks_the_csrf_token_on_upload(keeper, partnership, media):
    client = Client(enforce_csrf_checks=True)
    client.force_login(keeper)
    response = client.post(add_url(partnership), form_data())
    assert response.status_code == 403
    assert not Document.objects.exists()
    assert stored(media) == []


# The service on its own: it does not trust its caller, and leaves nothing half-saved.


def test_it_checks_the_file_again_in_the_service(keeper, partnership, media):
    with pytest.raises(ValidationError) as raised:
        add_document(partnership, keeper, name="minutes.pdf", content=WINDOWS_PROGRAM)
    assert "is not a PDF" in str(raised.value.message_dict["file"])
    assert stored(media) == []


def test_it_refuses_someone_who_may_not_edit_in_the_service(officer, partnership, media):
    with pytest.raises(PermissionDenied):
        add_document(partnership, officer)
    assert not Document.objects.exists()
    assert stored(media) == []


def test_it_removes_the_stored_file_when_the_transaction_fails(
    keeper, partnership, media, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("partnerships.documents.touch", fail)
    with pytest.raises(RuntimeError):
        add_document(partnership, keeper)
    assert not Document.objects.exists()
    assert stored(media) == []
    partnership.refresh_from_db()
    assert partnership.version == 1


def test_it_removes_a_half_written_file_when_storage_fails(keeper, partnership, media, monkeypatch):
    real_save = FileSystemStorage._save

    def fail_midway(self, name, content):
        real_save(self, name, content)
        raise OSError("No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", fail_midway)
    with pytest.raises(OSError):
        add_document(partnership, keeper)
    assert not Document.objects.exists()
    assert stored(media) == []


# Who may add one.


def test_it_lets_a_lead_officer_add_documents_to_their_own_partnership_only(make_user, media):
    officer = make_user(Role.OFFICER, username="lead")
    theirs = PartnershipFactory(lead_officer=officer)
    another = PartnershipFactory()
    client = client_for(officer)
    assert client.get(add_url(theirs)).status_code == 200
    assert client.post(add_url(theirs), form_data()).status_code == 302
    assert Document.objects.get().partnership == theirs
    assert client.get(add_url(another)).status_code == 403
    assert client.post(add_url(another), form_data()).status_code == 403
    assert Document.objects.count() == 1
    assert len(stored(media)) == 1


def test_it_lets_an_auditor_download_but_not_add_or_remove(auditor, keeper, partnership, media):
    document = add_document(partnership, keeper)
    client = client_for(auditor)
    assert client.get(download_url(document)).status_code == 200
    assert client.get(add_url(partnership)).status_code == 403
    assert client.post(add_url(partnership), form_data()).status_code == 403
    assert client.get(delete_url(document)).status_code == 403
    assert client.post(delete_url(document)).status_code == 403
    assert Document.objects.count() == 1
    assert len(stored(media)) == 1


def test_it_does_not_find_a_missing_partnership(keeper_client):
    assert keeper_client.get("/register/999999/documents/add/").status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [("put", "add"), ("delete", "add"), ("post", "download"), ("put", "delete")],
)
def test_it_refuses_other_http_methods(keeper_client, keeper, partnership, method, url):
    document = add_document(partnership, keeper)
    urls = {
        "add": add_url(partnership),
        "download": download_url(document),
        "delete": delete_url(document),
    }
    assert getattr(keeper_client, method)(urls[url]).status_code == 405


# Downloading one.


def download_url(document):
    return f"/register/{document.partnership_id}/documents/{document.pk}/"


def delete_url(document):
    return f"/register/{document.partnership_id}/documents/{document.pk}/delete/"


def test_it_serves_the_file_as_an_attachment_with_its_own_name(officer, keeper, partnership):
    document = add_document(partnership, keeper)
    response = client_for(officer).get(download_url(document))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ('Board "final".pdf', r'attachment; filename="Board \"final\".pdf"'),
        (
            "Réunion – été.pdf",
            "attachment; filename*=utf-8''R%C3%A9union%20%E2%80%93%20%C3%A9t%C3%A9.pdf",
        ),
        ("minutes\r\nSet-Cookie: x=1.pdf", 'attachment; filename="minutesSet-Cookie: x=1.pdf"'),
    ],
)
def test_it_encodes_the_original_name_safely(officer, keeper, partnership, name, disposition):
    document = add_document(partnership, keeper, name=name)
    response = client_for(officer).get(download_url(document))
    assert response["Content-Disposition"] == disposition


def test_it_lets_every_signed_in_role_download(make_user, keeper, partnership):
    document = add_document(partnership, keeper)
    for role in Role:
        client = client_for(make_user(role, username=f"reader-{role}"))
        assert client.get(download_url(document)).status_code == 200, role


def test_it_sends_a_visitor_who_is_not_signed_in_to_sign_in(client, keeper, partnership):
    document = add_document(partnership, keeper)
    response = client.get(download_url(document))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_it_does_not_find_a_document_through_another_partnership(officer, keeper, partnership):
    document = add_document(partnership, keeper)
    another = PartnershipFactory()
    client = client_for(officer)
    assert client.get(f"/register/{another.pk}/documents/{document.pk}/").status_code == 404
    assert client.get(f"/register/{another.pk}/documents/{document.pk}/delete/").status_code == 403
    keeper_client = client_for(keeper)
    url = f"/register/{another.pk}/documents/{document.pk}/delete/"
    assert keeper_client.get(url).status_code == 404
    assert keeper_client.post(url).status_code == 404
    assert Document.objects.filter(pk=document.pk).exists()


def test_it_says_not_found_rather_than_failing_when_the_file_is_missing(
    officer, keeper, partnership, media
):
    document = add_document(partnership, keeper)
    (media / document.file.name).unlink()
    assert client_for(officer).get(download_url(document)).status_code == 404


def test_it_gives_the_stored_file_no_address_of_its_own(officer, keeper, partnership):
    document = add_document(partnership, keeper)
    for path in (f"/media/{document.file.name}", f"/{document.file.name}"):
        with pytest.raises(Resolver404):
            resolve(path)
        assert client_for(officer).get(path).status_code == 404


# Removing one.


def test_it_lets_the_register_keeper_remove_a_document_that_the_history_keeps(
    keeper_client, keeper, partnership, media
):
    document = add_document(partnership, keeper, title="Old terms of reference")
    version = Partnership.objects.get(pk=partnership.pk).version
    page = keeper_client.get(delete_url(document))
    assert page.status_code == 200
    assert "Old terms of reference" in page.content.decode()
    response = keeper_client.post(delete_url(document))
    assert response.status_code == 302
    assert response["Location"] == f"/register/{partnership.pk}/#documents"
    assert not Document.objects.exists()
    removal = Document.history.filter(id=document.pk).latest()
    assert removal.history_type == "-"
    assert removal.history_user == keeper
    assert removal.title == "Old terms of reference"
    # The file stays for the audit trail.
    assert stored(media) == [document.file.name]
    assert Partnership.objects.get(pk=partnership.pk).version == version + 1


def test_it_does_not_let_a_lead_officer_remove_documents_even_from_their_own(
    make_user, keeper, media
):
    officer = make_user(Role.OFFICER, username="lead")
    theirs = PartnershipFactory(lead_officer=officer)
    document = add_document(theirs, officer)
    client = client_for(officer)
    assert client.get(delete_url(document)).status_code == 403
    assert client.post(delete_url(document)).status_code == 403
    assert Document.objects.exists()
    with pytest.raises(PermissionDenied):
        document_delete(theirs.pk, document.pk, actor=officer)


# The documents section of the partnership's page.


def render_section(partnership, **context):
    documents = documents_with_names(partnership.pk)
    return render_to_string(
        "partnerships/includes/documents.html",
        {"partnership": partnership, "documents": documents, **context},
    )


def test_it_lists_each_document_with_a_download_link(make_user, partnership):
    uploader = make_user(Role.REGISTER_KEEPER, first_name="Priya", last_name="Shah")
    document = add_document(partnership, uploader, kind="memorandum", title="Signed MoU")
    html = render_section(partnership, can_edit=False)
    assert "Signed MoU" in html
    assert "Memorandum of understanding" in html
    assert "12 Mar 2026" in html
    assert "Priya Shah" in html
    assert "minutes.pdf" in html
    assert f'href="{download_url(document)}"' in html
    assert "Add a document" not in html
    assert "Remove" not in html


def test_it_offers_to_add_and_remove_to_those_who_may(keeper, partnership):
    document = add_document(partnership, keeper)
    html = render_section(partnership, can_edit=True, can_remove=True)
    assert f'href="{add_url(partnership)}"' in html
    assert f'href="{delete_url(document)}"' in html


def test_it_says_when_there_are_no_documents(partnership):
    html = render_section(partnership, can_edit=True)
    assert "No documents have been added" in html
    assert "Add a document" in html


# The checks on their own.


def test_it_checks_a_large_text_file_a_piece_at_a_time():
    # A multi-byte character split across two pieces is still valid UTF-8.
    text = ("é" * 70_000).encode()
    assert check_upload(upload("notes.txt", text)).extension == ".txt"
    with pytest.raises(ValidationError, match="UTF-8"):
        check_upload(upload("notes.txt", text + b"\xff"))


def test_it_shows_names_without_paths_or_invisible_characters():
    assert display_name("C:\\Users\\sam\\minutes.pdf") == "minutes.pdf"
    assert display_name("report\u202efdp.exe") == "reportfdp.exe"
    assert display_name("a\tb\x00c.pdf") == "abc.pdf"
    long = display_name("x" * 400 + ".docx")
    assert len(long) == 300
    assert long.endswith(".docx")
    assert display_name("\x00") == "document"


def test_it_shows_the_services_refusal_on_the_form(keeper_client, partnership, media, monkeypatch):
    # Should the form ever let a file through, the service's own check still stops it.
    monkeypatch.setattr(
        "partnerships.document_views.DocumentForm.clean_file",
        lambda form: form.cleaned_data["file"],
    )
    response = keeper_client.post(
        add_url(partnership), form_data(file=upload("minutes.pdf", WINDOWS_PROGRAM))
    )
    assert response.status_code == 200
    [(target, text)] = error_summary_links(response)
    assert target == "file"
    assert "is not a PDF" in text
    assert stored(media) == []
