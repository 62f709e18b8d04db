"""Query budgets shared by the tests that count queries.

Every signed-in page shows the number of tasks waiting in the navigation, and each inbox
source (settings.INBOX_SOURCES) that looks anything up costs one query: proposals' routes,
draft and returned proposals, overdue actions, reviews due, register entries to confirm,
Cabinet report entries to write and audit follow-up actions.
A page's budget is its own queries plus these.
"""

INBOX_QUERIES = 7
# The register keeper's inbox also counts the overdue reviews across the register and the
# Cabinet report waiting to be assembled.
KEEPER_INBOX_QUERIES = INBOX_QUERIES + 2
