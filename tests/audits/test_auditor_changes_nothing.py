"""V6: "auditors read everything, including history, and change nothing but their own audit
records". Every URL of the permission table outside the audit pages is posted to as an
auditor; each must refuse, and nothing anywhere may change.
"""

from django.apps import apps
from django.urls import reverse

from accounts.roles import Role
from tests.factories import UserFactory
from tests.test_permission_table import TABLE, objects  # noqa: F401  (the table's fixture)

# The auditor's own session and password are theirs to change.
LEGITIMATE = {
    "logout": 200,  # signs them out
    "password_change": 200,  # their own password; an empty form changes nothing
    "stay_signed_in": 302,  # keeps their own session going
    "mfa_verify": 302,  # their own sign-in code; with none owed, they are sent on
    "mfa_setup": 200,  # their own authenticator app; an empty form sets nothing up
    # The API reads only: its document answers any method, and its root is not a page.
    "api:openapi-json": 200,
    "api:api-root": 404,
}
# A signed-in person posting to the sign-in page is sent home, signed in as before.
SIGN_IN = {"login": 302}
# Not there for anyone under the table's council, whose policy asks for no officer
# representative's annual report (Northamptonshire's does).
NOT_UNDER_THIS_POLICY = {"reviews:report_new": 404}
# Rows written as people use the portal, not records: sessions, sign-in attempts.
NOT_RECORDS = {"sessions", "axes"}
# Signing out ends the auditor's own session, and its row with it.
OWN_SESSION = {"accounts.UserSession"}


def _args(arg, made):
    if arg is None:
        return None
    if callable(arg):
        return arg(made)
    return [made[arg].pk]


def _snapshot():
    """The number of rows of every model. Every record a person can change keeps its
    history, so a change anywhere adds a row somewhere."""
    counts = {}
    for model in apps.get_models():
        if model._meta.app_label in NOT_RECORDS:
            continue
        counts[model._meta.label] = model._default_manager.count()
    return counts


def test_it_refuses_an_auditor_every_write_outside_their_audit_records(client, objects):  # noqa: F811
    auditor = UserFactory(username="table-auditor", role=Role.AUDITOR)
    names = [name for name in TABLE if not name.startswith("audits:")]
    assert len(names) > 40
    wrong = []
    for name in names:
        client.force_login(auditor)
        url = reverse(name, args=_args(TABLE[name][1], objects))
        before = _snapshot()
        # A write as a form would send it; the forms' own fields are not needed to be refused.
        status = client.post(url, {"confirm": "yes"}).status_code
        expected = {403, 405}
        if name in LEGITIMATE:
            expected = {LEGITIMATE[name]}
        elif name in SIGN_IN:
            expected = {SIGN_IN[name]}
        elif name in NOT_UNDER_THIS_POLICY:
            expected = {NOT_UNDER_THIS_POLICY[name]}
        if status not in expected:
            wrong.append(f"POST {url} ({name}) gave {status}, expected {sorted(expected)}")
        after = _snapshot()
        changed = {label for label in after if after[label] != before[label]}
        if name == "logout":
            changed -= OWN_SESSION
        if changed:
            wrong.append(f"POST {url} ({name}) changed {sorted(changed)}")
    assert not wrong, "\n".join(wrong)


def test_it_lists_its_exceptions_by_name():
    # If one of these pages goes, or is renamed, the exceptions must be looked at again.
    for name in [*LEGITIMATE, *SIGN_IN, *NOT_UNDER_THIS_POLICY]:
        assert name in TABLE, name
