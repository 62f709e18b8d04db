"""Facts the accessibility statement states about how the portal was tested.

The dates the statement was prepared and reviewed, and when a person last checked it by hand,
are written here when they happen. Every figure about the automated tests is read from what
the browser tests recorded when they last ran (settings.ACCESSIBILITY_TEST_RESULTS, written
by tests/browser/results.py), so the statement cannot cite a run that did not happen.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string

STATEMENT_PREPARED = date(2026, 12, 1)
STATEMENT_REVIEWED = date(2026, 12, 1)
MANUAL_CHECKED = date(2026, 12, 1)
WCAG_TAGS = "WCAG 2.0, 2.1 and 2.2 at levels A and AA"


@dataclass
class Journey:
    name: str
    pages: set = field(default_factory=set)
    checks: int = 0
    violations: int = 0
    last_run: date | None = None


@dataclass
class RecordedRun:
    """What the browser tests' last runs checked, added up for the statement."""

    journeys: list
    # Pages checked with axe (JavaScript on), and pages used with JavaScript switched off.
    pages: list
    pages_without_javascript: list
    checks: int
    # The widths, in CSS pixels, each page was checked at: widest first.
    widths: list
    violations: int
    pages_not_reflowing: int
    axe_versions: list
    first_run: date
    last_run: date
    all_passed: bool
    # The statement's account of this run, rendered once (run_section).
    html: str | None = None


# The statement is read on every visit but the results change only when the browser tests
# write them: each file is added up once for each time it was written.
_added_up = {}


def recorded_run(path=None):
    """The recorded run, or None if the browser tests have not recorded one."""
    path = path or settings.ACCESSIBILITY_TEST_RESULTS
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    written = (stat.st_mtime_ns, stat.st_size)
    if _added_up.get(path, (None,))[0] != written:
        _added_up[path] = (written, _add_up(path))
    return _added_up[path][1]


def _add_up(path):
    try:
        recorded = json.loads(path.read_text())["tests"]
    except (FileNotFoundError, KeyError, ValueError):
        return None
    if not recorded:
        return None
    journeys = {}
    pages, without_javascript, versions, days, widths = set(), set(), set(), set(), set()
    checks = violations = not_reflowing = 0
    for test in recorded.values():
        run_on = date.fromisoformat(test["run_on"])
        days.add(run_on)
        journey = journeys.setdefault(test["journey"], Journey(test["journey"]))
        journey.last_run = max(filter(None, [journey.last_run, run_on]))
        if not test["javascript"]:
            without_javascript.update(page["page"] for page in test["pages"])
            continue
        versions.add(test["axe_version"])
        for page in test["pages"]:
            pages.add(page["page"])
            widths.update(page["widths"])
            journey.pages.add(page["page"])
            journey.checks += 1
            journey.violations += page["violations"]
            not_reflowing += not page["reflows"]
        checks += len(test["pages"])
        violations += sum(page["violations"] for page in test["pages"])
    return RecordedRun(
        journeys=sorted(journeys.values(), key=lambda journey: journey.name),
        pages=sorted(pages),
        pages_without_javascript=sorted(without_javascript),
        checks=checks,
        widths=sorted(widths, reverse=True),
        violations=violations,
        pages_not_reflowing=not_reflowing,
        axe_versions=sorted(versions),
        first_run=min(days),
        last_run=max(days),
        all_passed=all(test["passed"] for test in recorded.values()),
    )


def run_section(run):
    """The statement's account of the run, as HTML: the same on every visit until the tests
    record another run, so it is rendered once for each run rather than on every visit."""
    if run is None:
        return ""
    if run.html is None:
        run.html = render_to_string(
            "includes/accessibility_run.html", {"run": run, "wcag_tags": WCAG_TAGS}
        )
    return run.html
