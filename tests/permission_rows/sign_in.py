"""Permission table rows for signing in: MFA and single sign-on (off unless configured, so
its pages are not found).

ROWS are GETs, as in TABLE; POSTS are the same pages posted to with an empty form.
"""

from . import expect

NOT_FOUND = expect(404, anonymous=404)
NOT_ALLOWED = expect(405, anonymous=405)

ROWS = {
    # Nothing is owed once signed in without MFA: the code page sends people on.
    "mfa_verify": ("get", None, expect(302)),
    "mfa_setup": ("get", None, expect(200)),
    "oidc_start": ("get", None, NOT_FOUND),
    "oidc_callback": ("get", None, NOT_FOUND),
}

POSTS = {
    "mfa_verify": (None, expect(302)),
    # An empty form: the page again with its error summary.
    "mfa_setup": (None, expect(200)),
    "oidc_start": (None, NOT_ALLOWED),
    "oidc_callback": (None, NOT_ALLOWED),
}


def objects(made):
    return {}
