"""The security log's lines, read back as JSON, for each event it must record."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile

from accounts.roles import Role
from partnerships.models import Document
from tests.factories import PASSWORD, PartnershipFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {"time", "event", "outcome", "user_id", "username", "role", "address", "path"}


def test_it_logs_a_sign_in_and_a_sign_out_with_every_field(client, db, security_log):
    user = UserFactory(username="officer", role=Role.OFFICER)
    client.post("/sign-in/", {"username": "officer", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    client.post("/sign-out/", REMOTE_ADDR="10.1.2.3")
    signed_in, signed_out = security_log.events("sign_in"), security_log.events("sign_out")
    assert len(signed_in) == 1 and len(signed_out) == 1
    line = signed_in[0]
    assert set(line) >= FIELDS
    assert line | {"time": None} == line | {
        "time": None,
        "event": "sign_in",
        "outcome": "success",
        "user_id": user.pk,
        "username": "officer",
        "role": "officer",
        "address": "10.1.2.3",
        "path": "/sign-in/",
        "method": "password",
    }
    assert signed_out[0]["user_id"] == user.pk


def test_it_logs_a_failed_sign_in_without_the_password(client, db, security_log):
    client.post("/sign-in/", {"username": "nobody", "password": "hunter2-secret"})
    (line,) = security_log.events("sign_in", outcome="failure")
    assert line["username"] == "nobody"
    assert line["user_id"] is None
    assert "hunter2-secret" not in json.dumps(security_log.lines)


def test_it_logs_a_refusal_with_who_asked(client, db, security_log):
    officer = UserFactory(username="officer", role=Role.OFFICER)
    client.force_login(officer)
    assert client.get("/admin/").status_code == 403
    (line,) = security_log.events("forbidden")
    assert line["user_id"] == officer.pk and line["role"] == "officer"
    assert line["path"] == "/admin/" and line["method"] == "GET"


def test_it_logs_an_admin_change(client, db, security_log):
    admin = UserFactory(username="admin", role=Role.ADMIN)
    client.force_login(admin)
    client.post("/admin/accounts/service/add/", {"name": "Leisure"})
    (line,) = security_log.events("admin_change")
    assert line["user_id"] == admin.pk
    assert line["action"] == "add" and line["object_type"] == "service"


def test_it_logs_each_of_many_deleted_in_the_admin(client, db, security_log):
    from accounts.models import Service

    client.force_login(UserFactory(username="admin", role=Role.ADMIN))
    services = [Service.objects.create(name=f"Unused {n}") for n in range(3)]
    response = client.post(
        "/admin/accounts/service/",
        {"action": "delete_selected", "_selected_action": [s.pk for s in services], "post": "yes"},
    )
    assert response.status_code == 302
    deleted = security_log.events("admin_change", action="delete")
    assert sorted(line["object_id"] for line in deleted) == sorted(str(s.pk) for s in services)


def test_it_logs_a_role_change(db, security_log):
    user = UserFactory(username="officer", role=Role.OFFICER)
    user.role = Role.REGISTER_KEEPER
    user.save()
    (line,) = security_log.events("account_change")
    assert line["user_id"] == user.pk and line["changed"] == ["role"]
    assert line["role"] == "register_keeper"


def test_it_logs_a_register_export_and_a_document_download(
    client, db, security_log, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    partnership = PartnershipFactory()
    document = Document(
        partnership=partnership,
        kind=Document.Kind.MINUTES,
        title="Minutes",
        document_date=date(2026, 3, 12),
        original_name="minutes.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=keeper,
    )
    document.file.save("minutes.pdf", ContentFile(b"%PDF-1.7\nsecret words\n"))
    client.force_login(keeper)
    response = client.get("/register/export.csv")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    download = client.get(f"/register/{partnership.pk}/documents/{document.pk}/")
    assert download.status_code == 200
    (export,) = security_log.events("register_export")
    assert export["user_id"] == keeper.pk and export["path"] == "/register/export.csv"
    (fetched,) = security_log.events("document_download")
    assert fetched["url_args"] == {"pk": partnership.pk, "doc": document.pk}
    assert "secret words" not in json.dumps(security_log.lines)


def test_it_writes_the_security_log_to_its_own_stream_as_json(tmp_path):
    handler = settings.LOGGING["handlers"]["security"]
    assert settings.LOGGING["formatters"]["json"]["()"] == "core.logs.JsonFormatter"
    assert handler["formatter"] == "json"
    assert settings.LOGGING["loggers"]["security"]["propagate"] is False
    # In production it can go to a file of its own: one JSON object per line.
    log_file = tmp_path / "security.log"
    env = {**os.environ, "DEBUG": "1", "SECURITY_LOG_FILE": str(log_file)}
    code = (
        "import django; django.setup();"
        "from accounts.security_log import log_event; log_event('sign_out', outcome='success')"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True,
        capture_output=True,
    )
    (line,) = [json.loads(text) for text in log_file.read_text().splitlines()]
    assert line["logger"] == "security" and line["event"] == "sign_out"
    assert set(line) >= FIELDS
