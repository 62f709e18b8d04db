"""No-store and Permissions-Policy on every kind of response the portal makes (ASVS V14.3,
V3.4), and __Host- cookies in production."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from accounts.roles import Role
from partnerships.documents import document_upload
from partnerships.spreadsheets.export import csv_safe
from partnerships.spreadsheets.reading import undo_export_guard
from tests.factories import PartnershipFactory

ROOT = Path(__file__).resolve().parents[2]
STATIC_FILE = "/static/js/app.mjs"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def assert_protected(response):
    assert response["Cache-Control"] == "no-store, private", response.status_code
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.fixture
def keeper_client(client, make_user):
    client.force_login(make_user(Role.REGISTER_KEEPER))
    return client


def test_it_keeps_pages_csv_and_excel_exports_out_of_caches(keeper_client):
    PartnershipFactory()
    for url in ["/", "/register/", "/register/export.csv", "/register/export.xlsx"]:
        response = keeper_client.get(url)
        assert response.status_code == 200, url
        assert_protected(response)


def test_it_keeps_pdfs_out_of_caches(client, make_user):
    client.force_login(make_user(Role.SMT))
    response = client.get("/reports/smt-summary/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_protected(response)


def test_it_keeps_documents_out_of_caches(keeper_client, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    partnership = PartnershipFactory()
    document = document_upload(
        partnership.pk,
        kind="minutes",
        title="Minutes",
        document_date=date(2026, 1, 5),
        upload=SimpleUploadedFile("minutes.pdf", PDF, "application/pdf"),
        actor=make_user(Role.REGISTER_KEEPER, username="uploader"),
    )
    response = keeper_client.get(f"/register/{partnership.pk}/documents/{document.pk}/")
    assert response.status_code == 200
    assert_protected(response)


def test_it_keeps_error_pages_and_redirects_out_of_caches(keeper_client, make_user):
    assert_protected(keeper_client.get("/no-such-page/"))
    member = Client()
    member.force_login(make_user(Role.MEMBER, username="member"))
    forbidden = member.get("/register/import/")
    assert forbidden.status_code == 403
    assert_protected(forbidden)
    assert_protected(Client().get("/register/"))  # signed out: to the sign-in page


@override_settings(ROOT_URLCONF="tests.accounts.test_error_pages")
def test_it_keeps_a_server_error_page_out_of_caches(db):
    response = Client(raise_request_exception=False).get("/explode/")
    assert response.status_code == 500
    assert_protected(response)


@override_settings(WHITENOISE_USE_FINDERS=True)
def test_it_lets_browsers_cache_static_files(db):
    # WhiteNoise answers these before the portal's middleware: they hold nothing private.
    response = Client().get(STATIC_FILE)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "\x00SUM(1)",
        " =1+1",
        "\n=HYPERLINK(1)",
        "\r\n@SUM(A1)",
        "  +44",
        "\t-2",
        "\n\n =cmd|' /C calc'",
    ],
)
def test_it_neutralises_a_formula_behind_spaces_or_line_breaks_and_reads_it_back(text):
    written = csv_safe(text)
    assert written == "'" + text
    assert undo_export_guard(written) == text


def test_it_leaves_ordinary_text_alone():
    assert csv_safe("Reduce crime - together") == "Reduce crime - together"
    assert csv_safe(" plain") == " plain"


def test_it_names_the_session_and_csrf_cookies_with_the_host_prefix_in_production():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update({"DEBUG": "0", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.gov.uk"})
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_PATH, s.SESSION_COOKIE_DOMAIN)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == [
        "__Host-sessionid", "__Host-csrftoken", "True", "True", "/", "None"
    ], result.stderr  # fmt: skip
