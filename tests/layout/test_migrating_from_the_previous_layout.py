"""A register kept before the apps were put in layers migrates to the new layout without
losing a row: its tables are renamed, its routes still find what they carry, and history
stays readable. The old tree is taken from git, filled through its own services, migrated by
this tree's migrations and read back, on SQLite and on PostgreSQL alike."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
# main just before the layers: partnerships held routes, proposals, changes and withdrawals.
PREVIOUS_LAYOUT = "b3c89a6"
RENAMED = {
    "partnerships_route": "approvals_route",
    "partnerships_historicalroute": "approvals_historicalroute",
    "partnerships_decision": "approvals_decision",
    "partnerships_proposal": "proposals_proposal",
    "partnerships_historicalproposal": "proposals_historicalproposal",
    "partnerships_significantchange": "changes_significantchange",
    "partnerships_historicalsignificantchange": "changes_historicalsignificantchange",
    "partnerships_withdrawal": "leaving_withdrawal",
    "partnerships_historicalwithdrawal": "leaving_historicalwithdrawal",
}
# Rows Django itself writes after migrating, one per model (and per model's permissions).
MADE_BY_MIGRATE = {"auth_permission", "django_content_type"}
COUNT_ROWS = """
import json
from django.db import connection
with connection.cursor() as cursor:
    counts = {}
    for table in connection.introspection.table_names(cursor):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
print("ROWS" + json.dumps(counts))
"""
READ_BACK = """
import json
from approvals.models import Route
from changes.models import SignificantChange
from leaving.models import Withdrawal
from proposals.models import Proposal
routes = {
    str(route.pk): {
        "subject": route.subject._meta.label_lower,
        "title": route.subject.route_title,
        "decisions": route.decisions.count(),
        "history": route.history.count(),
    }
    for route in Route.objects.all()
}
history = {
    "proposal": Proposal.history.count(),
    "change": SignificantChange.history.count(),
    "withdrawal": Withdrawal.history.count(),
}
latest = Proposal.history.first()
print("READ" + json.dumps({"routes": routes, "history": history,
      "proposal_history_user": latest.history_user.username if latest.history_user else None}))
"""


def run(tree, database_url, *args, code=None):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "MAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONPATH": str(tree),
    }
    command = [sys.executable, "manage.py", *args]
    if code is not None:
        command += ["shell", "-c", code]
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def tagged(output, tag):
    line = next(line for line in output.splitlines() if line.startswith(tag))
    return json.loads(line[len(tag) :])


@pytest.fixture
def previous_tree(tmp_path):
    """The portal's files as they were, from git: a fresh clone has the whole history."""
    tree = tmp_path / "previous"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "archive", PREVIOUS_LAYOUT], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the kind the suite runs on."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'register.sqlite3'}"
        return
    import psycopg2

    name = f"layout_{uuid.uuid4().hex[:12]}"
    parts = urlsplit(url)
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_it_migrates_a_filled_register_to_the_layers_losing_nothing(previous_tree, empty_database):
    run(previous_tree, empty_database, "migrate", "--no-input", "-v0")
    fill = (ROOT / "tests" / "layout" / "previous_layout_fill.py").read_text()
    made = json.loads(run(previous_tree, empty_database, code=fill).strip().splitlines()[-1])
    before = tagged(run(previous_tree, empty_database, code=COUNT_ROWS), "ROWS")
    assert made["routes"] and all(app != "" for app, _, _ in made["routes"].values())

    run(ROOT, empty_database, "migrate", "--no-input", "-v0")

    after = tagged(run(ROOT, empty_database, code=COUNT_ROWS), "ROWS")
    for table, count in before.items():
        if table == "django_migrations":
            continue
        if table in MADE_BY_MIGRATE:
            # Django adds these for models that came later; none that was there goes.
            assert after[table] >= count, table
            continue
        assert after[RENAMED.get(table, table)] == count, table
    assert not set(RENAMED) & set(after), "an old table was left behind"
    assert before["partnerships_decision"] == 1 and before["partnerships_route"] == 3

    read = tagged(run(ROOT, empty_database, code=READ_BACK), "READ")
    subjects = {
        "proposal": "proposals.proposal",
        "completedform": "assessments.completedform",
        "withdrawal": "leaving.withdrawal",
    }
    for pk, (_, model, _) in made["routes"].items():
        assert read["routes"][pk]["subject"] == subjects[model]
        assert read["routes"][pk]["history"] >= 1
    proposal_route = next(pk for pk, (_, m, _) in made["routes"].items() if m == "proposal")
    assert read["routes"][proposal_route]["decisions"] == 1
    assert read["routes"][proposal_route]["title"] == "Proposal: Community Safety Partnership"
    assert read["history"]["proposal"] == before["partnerships_historicalproposal"] > 0
    assert read["history"]["change"] == before["partnerships_historicalsignificantchange"] > 0
    assert read["history"]["withdrawal"] == before["partnerships_historicalwithdrawal"] > 0
    assert read["proposal_history_user"] == "officer"
