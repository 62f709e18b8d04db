"""Two web hosts, one database, one object store: whatever is done through one host is there
through the other, because neither keeps anything of its own (docs/deploy.md)."""

import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import urllib3
from django.conf import global_settings
from django.db import connection

from accounts.roles import Role
from approvals.models import Decision, Route
from partnerships.models import Document
from proposals.services import proposal_save, proposal_start, proposal_submit
from tests.factories import PASSWORD, PartnershipFactory, ServiceFactory, UserFactory
from tests.objectstore import free_ports

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Two web hosts share one database server; SQLite is a file on one host. "
    "Run on PostgreSQL (DATABASE_URL=postgres://...).",
)


class Browser:
    """A person at a browser without JavaScript: keeps cookies, sends forms with the CSRF
    token the page gave. The cookies are for 127.0.0.1, so they go to either host."""

    def __init__(self):
        self.http = urllib3.PoolManager(retries=False, timeout=30)
        self.cookies = {}

    def request(self, method, url, **kwargs):
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(method, url, headers=headers, redirect=False, **kwargs)
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def submit(self, url, fields, **kwargs):
        """Opens the form page at url and posts fields to it, as the form would."""
        page = self.get(url)
        assert page.status == 200, f"GET {url}: {page.status}"
        token = html.unescape(CSRF.search(page.data.decode()).group(1))
        return self.request("POST", url, fields={"csrfmiddlewaretoken": token, **fields}, **kwargs)

    def sign_in(self, host, user):
        response = self.submit(
            f"{host}/sign-in/", {"username": user.username, "password": PASSWORD}
        )
        assert response.status == 302, response.data.decode()[:500]


def start_host(env, log):
    (port,) = free_ports(1)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", f"--bind=127.0.0.1:{port}",
         "--workers=1", "--timeout=60"],  # fmt: skip
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    return process, f"http://127.0.0.1:{port}"


def wait_until_ready(process, host):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, "the web host stopped"
        try:
            if urllib3.request("GET", f"{host}/health/ready/", retries=False).status == 200:
                return
        except urllib3.exceptions.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{host} was not ready in time")


@pytest.fixture
def hosts(transactional_db, object_store, settings, tmp_path):
    """Two gunicorn web hosts on the test database and a fresh bucket of the object store."""
    bucket = object_store.new_bucket()
    settings.STORAGES = object_store.storages_setting(bucket)
    params = connection.settings_dict
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{auth}@{params['HOST']}:{params['PORT']}/{params['NAME']}",
        "DATABASE_CONN_MAX_AGE": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_FORMAT": "json",
        **object_store.env(bucket),
    }
    started = []
    try:
        for name in ("a", "b"):
            log = (tmp_path / f"host-{name}.log").open("wb")
            started.append((*start_host(env, log), tmp_path / f"host-{name}.log"))
        for process, host, _ in started:
            wait_until_ready(process, host)
        yield [(host, log) for _, host, log in started]
    finally:
        for process, _, _ in started:
            process.terminate()
        for process, _, _ in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def submitted_proposal(service):
    proposer = UserFactory(username="two-hosts-proposer", role=Role.OFFICER, service=service)
    proposal = proposal_start("Two hosts partnership", service, actor=proposer)
    proposal_save(
        proposal.pk,
        partnership_fields={
            "remit": "A remit",
            "council_is_accountable_body": True,
            "tier_answers": {"answers": [{"key": "x", "question": "x", "answer": False}]},
        },
        proposal_fields={
            "alternative_existing": "None",
            "alternative_consult": "Not enough",
            "alternative_contract": "Not suitable",
        },
        actor=proposer,
    )
    return proposal_submit(proposal.pk, actor=proposer)


@pytest.fixture
def people(settings):
    # The web hosts check passwords with the real hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    service = ServiceFactory(name="Two hosts service")
    return {
        "keeper": UserFactory(username="two-hosts-keeper", role=Role.REGISTER_KEEPER),
        "head": UserFactory(username="two-hosts-head", role=Role.HEAD_OF_SERVICE, service=service),
        "service": service,
    }


def test_it_shows_through_one_host_what_was_done_through_the_other(hosts, people):
    (host_a, _), (host_b, log_b) = hosts
    partnership = PartnershipFactory(name="Shared partnership")
    proposal = submitted_proposal(people["service"])
    route = Route.objects.get(subject_id=proposal.pk, kind="proposal")

    keeper = Browser()
    keeper.sign_in(host_a, people["keeper"])
    uploaded = keeper.submit(
        f"{host_a}/register/{partnership.pk}/documents/add/",
        {
            "kind": "minutes",
            "title": "Board minutes",
            "document_date_day": "12",
            "document_date_month": "3",
            "document_date_year": "2026",
            "file": ("board-minutes.pdf", PDF, "application/pdf"),
        },
    )
    assert uploaded.status == 302, uploaded.data.decode()[:500]
    document = Document.objects.get()

    head = Browser()
    head.sign_in(host_a, people["head"])
    decided = head.submit(
        f"{host_a}/register/routes/{route.pk}/decide/",
        {"step_index": str(route.current_step), "outcome": "approved",
         "comment": "Approved at the service's management team"},
    )  # fmt: skip
    assert decided.status == 302, decided.data.decode()[:500]
    assert Decision.objects.filter(route=route, comment__startswith="Approved at").exists()

    # Through the other host, with the sessions the first one made.
    download = keeper.get(
        f"{host_b}/register/{partnership.pk}/documents/{document.pk}/",
        headers={"X-Request-ID": "two-hosts-download"},
    )
    assert download.status == 200
    assert download.data == PDF
    assert download.headers["Content-Disposition"] == 'attachment; filename="board-minutes.pdf"'
    page = head.get(f"{host_b}{proposal.get_absolute_url()}")
    assert page.status == 200
    assert "Approved at the service&#x27;s management team" in page.data.decode()

    # Host b's own log says it served the download, to the keeper, in one JSON request line,
    # and its security log records the download under the same request id.
    time.sleep(0.5)
    lines = [json.loads(line) for line in log_b.read_text().splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("request_id") == "two-hosts-download"]
    (line,) = [line for line in mine if line["logger"] == "portal.request"]
    assert line["status"] == 200 and line["user_id"] == people["keeper"].pk
    assert any(line["logger"] == "security" for line in mine)
