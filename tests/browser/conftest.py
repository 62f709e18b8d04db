"""Browser tests: Playwright driving the operating system's Chromium against a live server.

They never download a browser of their own and never skip: without Chromium they fail.
"""

import os
import shutil

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Error as PlaywrightError

from tests.factories import PASSWORD

from . import results

# Playwright's sync API runs an event loop in the test thread; the ORM calls that the test
# makes for its fixtures are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def chromium_path():
    for candidate in [os.environ.get("CHROMIUM_PATH"), *CHROMIUM_CANDIDATES]:
        if candidate and os.path.exists(candidate):
            return candidate
    found = shutil.which("chromium")
    if found:
        return found
    raise RuntimeError("Chromium is not installed: run scripts/install (it installs it via apt).")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def javascript(request):
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, javascript):
    return {**browser_context_args, "java_script_enabled": javascript}


_axe = Axe()
# axe sends back every rule's passing, inapplicable and unsure nodes unless told otherwise;
# only the violations are asserted on, so only they are gathered in full (the other kinds keep
# one node each). Axe is put into a page once: the narrow run finds it still there.
_AXE_RUN = """options => axe.run(options).then(
    results => ({violations: results.violations, testEngine: results.testEngine}))"""


def _run_axe(page, options):
    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(_axe.axe_script)
    return AxeResults(page.evaluate(_AXE_RUN, {**options, "resultTypes": ["violations"]}))


# 320 CSS pixels wide is 1280 at 400% zoom (WCAG 1.4.10 Reflow).
NARROW = {"width": 320, "height": 800}


def _axe_clean(page, found):
    """Runs axe; what it found is added to `found` before any failure is reported."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    page.wait_for_load_state("load")
    try:
        report = _run_axe(page, options)
    except PlaywrightError as error:
        # A click's navigation can land while axe is reading the page it left; axe then
        # finds no document (or the new document lacks the axe just put into the old one).
        # Check the page that arrived, once.
        if "documentElement" not in str(error) and "axe is not defined" not in str(error):
            raise
        page.wait_for_load_state("load")
        report = _run_axe(page, options)
    width = page.viewport_size["width"]
    found["widths"].append(width)
    found["violations"] += report.violations_count
    found["axe_version"] = report.response["testEngine"]["version"]
    assert report.violations_count == 0, f"{page.url} at {width}px\n{report.generate_report()}"


def assert_reflows(page):
    """At 320 CSS pixels the page never scrolls sideways: wide tables scroll in their own
    region (.app-table-scroll). Restores the viewport it found."""
    wide = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        _assert_no_sideways_scroll(page)
    finally:
        page.set_viewport_size(wide)


def _assert_no_sideways_scroll(page):
    overflow = page.evaluate(
        """() => {
            const page = document.documentElement;
            const widest = [...document.querySelectorAll("body *")]
                .filter((e) => e.getBoundingClientRect().right > page.clientWidth + 1)
                .filter((e) => !e.parentElement.closest(".app-table-scroll"))
                .slice(0, 5)
                .map((e) => e.tagName + "." + e.className);
            return {width: page.scrollWidth, client: page.clientWidth, widest};
        }"""
    )
    assert overflow["width"] <= overflow["client"], f"{page.url} scrolls sideways: {overflow}"


@pytest.fixture
def check_reflow():
    return assert_reflows


# What each test checked, by pytest node id, written for the accessibility statement when
# the run ends (results.py).
_RAN = {}
_CALL_REPORT = pytest.StashKey()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_CALL_REPORT] = report
    return report


def pytest_sessionfinish(session):
    if _RAN:
        results.merge(settings.ACCESSIBILITY_TEST_RESULTS, _RAN, session.config.rootpath)


@pytest.fixture
def check_accessible(javascript, request):
    """Runs axe on the page in front of the user at 1280 and at 320 CSS pixels wide, zero
    WCAG 2.2 A/AA violations allowed, and checks that the page reflows at 320. What it
    checked is recorded under the test module's JOURNEY, for the accessibility statement."""
    journey = getattr(request.module, "JOURNEY", "")
    assert journey, f"{request.module.__name__} needs a JOURNEY for the accessibility statement"
    checked = []

    def check(page):
        if not javascript:
            # axe runs as a script in the page, so it runs in the JavaScript-enabled journey;
            # here we only make sure the page really did load without JavaScript.
            assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
            checked.append({"page": results.page_address(page.url)})
            return
        found = {"page": results.page_address(page.url), "widths": [], "violations": 0}
        found["reflows"] = False
        checked.append(found)
        _axe_clean(page, found)
        # The reflow check and the narrow axe run share one narrowing of the window.
        wide = page.viewport_size
        page.set_viewport_size(NARROW)
        try:
            _assert_no_sideways_scroll(page)
            found["reflows"] = True
            _axe_clean(page, found)
        finally:
            page.set_viewport_size(wide)

    yield check
    report = request.node.stash.get(_CALL_REPORT, None)
    versions = {found.get("axe_version") for found in checked} - {None}
    if checked:
        _RAN[request.node.nodeid] = results.entry(
            journey,
            javascript,
            passed=bool(report and report.passed),
            pages=[{k: v for k, v in found.items() if k != "axe_version"} for found in checked],
            axe_version=min(versions) if versions else None,
        )
    if javascript:
        assert checked, "the journey checked no page with axe"


@pytest.fixture
def sign_in(live_server):
    def go(page, user):
        page.goto(f"{live_server.url}/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

    return go


@pytest.fixture
def switch_to(page, sign_in):
    """Signs the browser in as someone else, as a second person at another desk would be."""

    def switch(user):
        page.context.clear_cookies()
        sign_in(page, user)

    return switch
