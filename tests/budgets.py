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

# The register list's own queries, whatever its size: the session, the user, the policy, the
# services the filter offers, the count and the page of partnerships with their columns.
REGISTER_QUERIES = 6
# A partnership's record page, as the register keeper sees it: the session, the user, the
# partnership, the policy, its risks, resources, objectives, partner organisations,
# representatives with their latest declarations, documents, and the sections other apps
# add (significant changes waiting, reviews, completed forms).
RECORD_QUERIES = 14
