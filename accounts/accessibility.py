"""Facts the accessibility statement states about how the portal was tested.

Update them when the portal is tested again: tests/accounts/test_accessibility_statement.py
checks that the axe-core version here is the one the browser tests run.
"""

from datetime import date

STATEMENT_PREPARED = date(2026, 12, 1)
STATEMENT_REVIEWED = date(2026, 12, 1)
LAST_TESTED = date(2026, 12, 1)
AXE_CORE_VERSION = "4.12.1"
WCAG_TAGS = "WCAG 2.0, 2.1 and 2.2 at levels A and AA"
# The journeys of tests/browser/: each page they visit is checked with axe.
TESTED_JOURNEYS = [
    "signing in and out, changing a password, and a session that times out",
    "searching and filtering the register, and keeping its records",
    "proposing a partnership and taking it through its approval route",
    "completing a form (agreement, checklist, assessment or evaluation) and signing it off",
    "reviews coming due and being completed",
    "significant changes and their decisions",
    "leaving a partnership",
    "documents and spreadsheet imports",
    "the annual register review",
    "prioritisation, the senior team's annual summary and the performance report",
    "internal audit spot checks",
]
