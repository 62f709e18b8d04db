"""Permission table rows for changing the council's policy: the register keeper's alone."""

from . import KEEPER_ONLY, expect

ROWS = {
    "policy_changes:change": ("get", None, KEEPER_ONLY),
    # Without a policy to change to, the preview goes back to the choice.
    "policy_changes:preview": ("get", None, expect(403, register_keeper=302)),
}
POSTS = {
    # Posting nothing asks for a choice again.
    "policy_changes:change": (None, KEEPER_ONLY),
    "policy_changes:preview": (None, expect(403, register_keeper=302)),
}


def objects(made):
    return {}
