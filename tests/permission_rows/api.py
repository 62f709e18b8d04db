"""Permission table rows for the read API.

Signed in, the API reads as the portal does; without a session or a token it answers 401
itself, with no redirect to sign in (tests/api covers tokens).
"""

from . import expect

API_READERS = expect(200, anonymous=401)

ROWS = {
    "api:openapi-json": ("get", None, expect(200, anonymous=200)),
    "api:api-root": ("get", None, expect(404, anonymous=404)),
    "api:register": ("get", None, API_READERS),
    "api:partnership": ("get", "partnership", API_READERS),
    "api:reviews_due": ("get", None, API_READERS),
    "api:summary": (
        "get",
        None,
        expect(403, anonymous=401, register_keeper=200, smt=200, auditor=200),
    ),
}


def objects(made):
    return {}
