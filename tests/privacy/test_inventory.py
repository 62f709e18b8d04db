"""docs/data-protection.md lists every table that holds personal data (ASVS V14.1.1): a model
that gains a link to an account, or a person's name, must be added there before the build
passes, so that a subject-access request or a breach is answered from a list that is true."""

import re
from pathlib import Path

from django.apps import apps
from django.db.models import ForeignKey

from accounts.models import User

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-protection.md"

# Fields that hold a person's name as typed, not a link to an account: the subject-access
# export searches them by name (privacy.subject_access).
NAME_FIELDS = {
    "partnerships.Representative": "name",
    "partnerships.Risk": "owner",
    "approvals.Decision": "decider_name",
}


def listed_tables():
    text = DOC.read_text()
    section = text.split("## Where personal data is held", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {label for line in rows for label in re.findall(r"`([\w.]+)`", line.split("|")[1])}


def holding_personal_data():
    """Every model, other than history copies, with a key to an account or a person's name;
    the sign-in attempts are kept under a username."""
    found = {"accounts.User"}
    for model in apps.get_models():
        label = model._meta.label
        if model.__name__.startswith("Historical"):
            continue
        fields = {f.name: f for f in model._meta.concrete_fields}
        if any(isinstance(f, ForeignKey) and f.related_model is User for f in fields.values()):
            found.add(label)
        if model._meta.app_label == "axes" and "username" in fields:
            found.add(label)
        if NAME_FIELDS.get(label) in fields:
            found.add(label)
    return found


def test_it_lists_every_table_that_names_a_person_or_points_at_an_account(db):
    missing = holding_personal_data() - listed_tables()
    assert not missing, f"add these to docs/data-protection.md: {sorted(missing)}"


def test_it_lists_only_tables_that_exist():
    known = {model._meta.label for model in apps.get_models()}
    assert listed_tables()
    assert listed_tables() <= known, sorted(listed_tables() - known)


def test_it_would_notice_a_table_left_off_the_list(monkeypatch):
    # The check reads the document itself: a table taken off the list is reported.
    text = DOC.read_text()
    monkeypatch.setattr(
        Path, "read_text", lambda self, *a, **k: text.replace("`accounts.Task`", "accounts.Task")
    )
    assert "accounts.Task" in holding_personal_data() - listed_tables()
