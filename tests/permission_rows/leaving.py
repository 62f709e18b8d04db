"""Permission table rows for withdrawal, cessation and evaluations (V7, A6).

ROWS maps a URL name to (method, arguments, statuses by role), as in TABLE; `objects` makes
the records those rows need, given the table's shared objects.
"""

ROWS = {}


def objects(made):
    return {}
