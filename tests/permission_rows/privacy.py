"""Permission table rows for data protection: subject-access requests."""

from . import expect

HANDLERS = expect(403, register_keeper=200, admin=200)

ROWS = {
    "privacy:subject_access": ("get", None, HANDLERS),
    # Without a person it goes back to the search; tests/privacy downloads one.
    "privacy:download": ("get", None, expect(403, register_keeper=302, admin=302)),
}


def objects(made):
    return {}
