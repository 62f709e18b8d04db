"""Permission table rows for reviews and reminders (V1, V2).

ROWS maps a URL name to (method, arguments, statuses by role), as in TABLE; `objects` makes
the records those rows need, given the table's shared objects.
"""

from reviews.services import review_plan

from . import KEEPER_ONLY, expect

ROWS = {
    # The timetable and each review are as open as the register.
    "reviews:index": ("get", None, expect(200)),
    "reviews:review": ("get", "review", expect(200)),
    # The table's partnership has no lead officer or sponsor: only the keeper may act.
    "reviews:complete": ("get", "review", KEEPER_ONLY),
    "reviews:bring_forward": ("get", "review", KEEPER_ONLY),
}


def objects(made):
    return {"review": review_plan(made["partnership"])}
