"""Twenty people deciding the same step at the same moment, over HTTP, against a real server
(gunicorn, two processes of ten threads): one decision, nineteen clear refusals, no 500. Runs
on SQLite (a file copy of the test database, in WAL mode) and on PostgreSQL (the test
database itself)."""

import http.cookiejar
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from accounts.roles import Role
from approvals.models import Decision, Route
from proposals.services import proposal_submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
DECIDERS = 20


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_database(tmp_path):
    """A DATABASE_URL the server process can share with this test."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        # The test database lives in memory; the server gets a file copy of it.
        path = tmp_path / "live.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}", path
    user = urllib.parse.quote(settings["USER"] or "")
    password = urllib.parse.quote(settings["PASSWORD"] or "")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    host = settings["HOST"] or "127.0.0.1"
    url = f"postgres://{credentials}{host}:{settings['PORT'] or 5432}/{settings['NAME']}"
    return url, None


def start_server(database_url, tmp_path):
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "10"]
    server = subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    # A busy machine takes a while to start two workers; each answers its first request slowly.
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/sign-in/", timeout=30)  # noqa: S310
            return server, base
        except OSError:  # refused, reset or timed out: not up yet
            time.sleep(0.3)
    server.terminate()
    raise AssertionError("the server did not start: " + (tmp_path / "server.log").read_text())


def session_for(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def session_cookie(value):
    return http.cookiejar.Cookie(
        0, "sessionid", value, None, False, "127.0.0.1", False, False, "/", True,
        False, None, False, None, None, {},
    )  # fmt: skip


class Decider:
    """One person's browser: their session, the decide form's CSRF token, then one POST."""

    def __init__(self, base, route_pk, session):
        self.url = f"{base}/register/routes/{route_pk}/decide/"
        jar = http.cookiejar.CookieJar()
        jar.set_cookie(session_cookie(session))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = self.opener.open(self.url, timeout=30).read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def decide(self, comment):
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "step_index": "0",
                "outcome": "approved",
                "comment": comment,
            }
        ).encode()
        try:
            # A refusal by redirect is followed to the page that says why.
            response = self.opener.open(self.url, data=data, timeout=60)
            return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def test_it_takes_one_of_twenty_simultaneous_decisions_and_refuses_the_rest_clearly(
    people, make_proposal, tmp_path
):
    proposal_submit(make_proposal().pk, actor=people["officer"])
    route = Route.objects.get()
    # Every Head of Service of the proposer's service holds the first step; only one may
    # decide it, since the step has moved on once someone has.
    heads = [people["head"]] + [
        UserFactory(username=f"head{n}", role=Role.HEAD_OF_SERVICE, service=people["service"])
        for n in range(DECIDERS - 1)
    ]
    sessions = [session_for(head) for head in heads]
    database_url, sqlite_path = server_database(tmp_path)
    server, base = start_server(database_url, tmp_path)
    try:
        deciders = [Decider(base, route.pk, session) for session in sessions]
        start = threading.Barrier(DECIDERS)
        answers = [None] * DECIDERS

        def decide(index):
            start.wait()
            answers[index] = deciders[index].decide(f"Decided by {heads[index].username}")

        threads = [threading.Thread(target=decide, args=(i,)) for i in range(DECIDERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
    finally:
        server.terminate()
        server.wait(timeout=30)

    log = (tmp_path / "server.log").read_text()
    statuses = [status for status, _ in answers]
    assert all(status < 500 for status in statuses), (statuses, log)
    recorded = [i for i, (status, body) in enumerate(answers)
                if status == 200 and "Your decision has been recorded" in body]  # fmt: skip
    refused = [
        i
        for i, (status, body) in enumerate(answers)
        if 400 <= status < 500 or (status == 200 and "already been decided" in body)
    ]
    assert len(recorded) == 1, statuses
    assert len(refused) == DECIDERS - 1, statuses
    winner = heads[recorded[0]].username

    if sqlite_path:
        with sqlite3.connect(sqlite_path) as db:
            rows = db.execute("SELECT comment FROM approvals_decision").fetchall()
        assert rows == [(f"Decided by {winner}",)]
    else:
        assert list(Decision.objects.values_list("comment", flat=True)) == [f"Decided by {winner}"]
