"""Permission table rows for the SMT summary, Cabinet report and prioritisation (V4, V5, V8).

ROWS maps a URL name to (method, arguments, statuses by role), as in TABLE; `objects` makes
the records those rows need, given the table's shared objects.
"""

ROWS = {}


def objects(made):
    return {}
