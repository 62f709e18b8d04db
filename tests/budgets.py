"""Query budgets shared by the tests that count queries.

Every signed-in page shows the number of tasks waiting in the navigation and needs the policy
in force: both come in the query that loads the signed-in person (accounts.backends), whatever
the person's role and however many tasks there are. A page's budget is its own queries plus
INBOX_QUERIES, which is none.
"""

INBOX_QUERIES = 0
# The register keeper's count is the same one query.
KEEPER_INBOX_QUERIES = INBOX_QUERIES

# The register list's own queries, whatever its size: the session, the user (with the inbox
# count and the policy's stamp), the services the filter offers, the count and the page of
# partnerships with their columns.
REGISTER_QUERIES = 5
# A partnership's record page, as the register keeper sees it: the session, the user, the
# partnership, its risks, resources, objectives, partner organisations,
# representatives with their latest declarations, documents, and the sections other apps
# add (significant changes waiting, reviews, completed forms); a partnership being left, or
# left, reads one more (leaving: its approved withdrawal).
RECORD_QUERIES = 12
