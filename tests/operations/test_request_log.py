"""One JSON line per request, and application events carrying the same request id."""

import json
import logging

import pytest
from django.test import Client

from core.logs import JsonFormatter, RequestFilter, TextFormatter
from core.middleware import request_id_from


@pytest.fixture
def log_lines():
    """What the portal's console handler would print, formatted as JSON, one dict a line."""
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lines
    root.removeHandler(handler)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "portal.request"]


def test_it_logs_one_line_per_request_with_who_what_and_how_long(client, keeper, log_lines):
    client.force_login(keeper)
    response = client.get("/register/?search=Jane+Smith")
    assert response.status_code == 200
    (line,) = request_lines(log_lines)
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/register/"
    assert line["status"] == 200
    assert line["user_id"] == keeper.pk
    assert line["duration_ms"] >= 0
    assert line["request_id"] == response["X-Request-ID"]
    assert line["time"].endswith("+00:00")
    # A query string may hold a person's name: it is never logged.
    assert "Jane" not in json.dumps(line)


def test_it_takes_the_proxys_request_id(client, db, log_lines):
    response = client.get("/health/", HTTP_X_REQUEST_ID="lb-4f2a.9_c")
    assert response["X-Request-ID"] == "lb-4f2a.9_c"
    (line,) = request_lines(log_lines)
    assert line["request_id"] == "lb-4f2a.9_c"
    assert line["user_id"] is None


@pytest.mark.parametrize("given", ["", "x" * 65, "abc def", 'abc"}\n{"level":"ERROR', "é", "a/b"])
def test_it_makes_its_own_request_id_when_the_given_one_is_unsafe(rf, given):
    made = request_id_from(rf.get("/", HTTP_X_REQUEST_ID=given))
    assert made != given
    assert len(made) == 32 and made.isalnum()


def test_it_logs_a_refusal_as_a_warning(client, officer, log_lines):
    client.force_login(officer)
    assert client.get("/register/new/").status_code == 403
    (line,) = request_lines(log_lines)
    assert (line["level"], line["status"], line["user_id"]) == ("WARNING", 403, officer.pk)


def test_it_logs_a_failure_as_an_error_with_the_request_id(db, log_lines, monkeypatch):
    from health import views

    def broken():
        raise RuntimeError("broken")

    monkeypatch.setattr(views, "run_checks", broken)
    response = Client(raise_request_exception=False).get(
        "/health/ready/", HTTP_X_REQUEST_ID="req-500"
    )
    assert response.status_code == 500
    (line,) = request_lines(log_lines)
    assert (line["level"], line["status"]) == ("ERROR", 500)
    # Django's own report of the failure carries the same id, so the two can be put together.
    (report,) = [line for line in log_lines if line["logger"] == "django.request"]
    assert report["request_id"] == "req-500" and "RuntimeError" in report["exception"]


def test_it_gives_an_application_event_the_request_id(client, keeper, log_lines):
    # A failed sign-in is logged by the portal's security events while the request runs.
    client.post("/sign-in/", {"username": keeper.username, "password": "wrong"})
    request_id = request_lines(log_lines)[0]["request_id"]
    others = [line for line in log_lines if line["logger"] != "portal.request"]
    assert others, "the failed sign-in logged nothing"
    assert all(line["request_id"] == request_id for line in others)


def test_it_still_writes_plain_text_for_a_developer():
    record = logging.makeLogRecord(
        {"name": "portal.request", "levelname": "INFO", "msg": "GET / 200", "request_id": "r1"}
    )
    assert TextFormatter().format(record).endswith("INFO [r1] portal.request: GET / 200")
    plain = logging.makeLogRecord({"name": "x", "levelname": "INFO", "msg": "hi"})
    assert TextFormatter().format(plain).endswith("INFO [-] x: hi")


def test_the_settings_choose_json_or_text(monkeypatch):
    import subprocess
    import sys

    for value, formatter in (("json", "json"), ("text", "text")):
        done = subprocess.run(
            [sys.executable, "-c", "from config import settings; "
             "print(settings.LOGGING['handlers']['console']['formatter'])"],
            env={"DEBUG": "1", "LOG_FORMAT": value, "PATH": ""},
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert done.stdout.strip() == formatter
