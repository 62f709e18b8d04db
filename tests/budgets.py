"""Query budgets shared by the tests that count queries.

Every signed-in page shows the number of tasks waiting in the navigation: one indexed query
on the inbox's table (accounts.inbox.count_for), whatever the person's role and however many
tasks there are. A page's budget is its own queries plus this.
"""

INBOX_QUERIES = 1
# The register keeper's count is the same one query.
KEEPER_INBOX_QUERIES = INBOX_QUERIES
