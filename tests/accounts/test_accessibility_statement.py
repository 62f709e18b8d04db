"""The accessibility statement follows the GOV.UK model statement (PSBAR 2018)."""

import html
import importlib
import json
import re
from pathlib import Path

import axe_playwright_python
import pytest
from django.conf import settings
from django.utils.dateformat import format as date_format

from accounts import accessibility
from accounts.models import Policy
from tests.browser import results

MODEL_SECTIONS = [
    "How accessible this service is",
    "Feedback and contact information",
    "Reporting accessibility problems with this service",
    "Enforcement procedure",
    "Technical information about this service’s accessibility",
    "Compliance status",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "Disproportionate burden",
    "Content that’s not within the scope of the accessibility regulations",
    "What we’re doing to improve accessibility",
    "Preparation of this accessibility statement",
]


@pytest.fixture
def statement(client, db):
    def read():
        return client.get("/accessibility/").content.decode()

    return read


def test_it_names_each_section_of_the_model_statement_as_a_heading(statement):
    page = statement()
    headings = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page)
    for section in MODEL_SECTIONS:
        assert section in headings, section


def test_it_states_compliance_the_admin_and_pdf_limits_and_the_eass(statement):
    page = statement()
    assert "partially compliant" in page
    assert "administration screens" in page and "24 by 24 CSS pixels" in page
    assert "PDF" in page and "The same content is always on a web page" in page
    assert 'href="https://www.equalityadvisoryservice.com/"' in page
    assert "It was last reviewed on 1 December 2026" in page


def test_its_contact_details_come_from_the_policy(statement):
    policy = Policy.current()
    policy.save()
    assert policy.role_label("register_keeper") in statement(), "blank: the register keeper"
    policy.accessibility_contact = "Corporate Services"
    policy.accessibility_email = "partnerships@council.example"
    policy.accessibility_phone = "01234 567890"
    policy.accessibility_reply_days = 10
    policy.save()
    page = statement()
    assert "contact Corporate Services" in page
    assert 'href="mailto:partnerships@council.example"' in page
    assert "01234 567890" in page
    assert "10 working days" in page


# The statement's figures about the automated tests --------------------------------------

BUNDLED_AXE = re.search(
    r"axe v([0-9.]+)", Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()
)[1]


def _test(journey, pages, javascript=True, run_on="2030-01-02", passed=True):
    return {
        "journey": journey,
        "run_on": run_on,
        "javascript": javascript,
        "passed": passed,
        "axe_version": "9.8.7" if javascript else None,
        "pages": pages,
    }


def _checked(page, violations=0, reflows=True):
    return {"page": page, "widths": [1280, 320], "violations": violations, "reflows": reflows}


A_RUN = {
    "about": "",
    "tests": {
        "tests/browser/test_a.py::test_one[with-js]": _test(
            "keeping the register",
            [_checked("/register/"), _checked("/register/<id>/"), _checked("/register/")],
        ),
        "tests/browser/test_a.py::test_one[without-js]": _test(
            "keeping the register", [{"page": "/register/"}], javascript=False
        ),
        "tests/browser/test_b.py::test_two[with-js]": _test(
            "leaving a partnership",
            [_checked("/leaving/<id>/", violations=3, reflows=False)],
            run_on="2029-11-30",
            passed=False,
        ),
    },
}


def _preparation(page):
    """The statement's last section, as a person reads it."""
    section = page[page.index('id="preparation"') :]
    return html.unescape(re.sub(r"<[^>]+>", " ", section))


@pytest.fixture
def recorded(settings, tmp_path):
    settings.ACCESSIBILITY_TEST_RESULTS = tmp_path / "results.json"

    def write(run):
        settings.ACCESSIBILITY_TEST_RESULTS.write_text(json.dumps(run))

    return write


def test_it_cites_the_figures_the_browser_tests_recorded_and_no_others(statement, recorded):
    recorded(A_RUN)
    text = " ".join(_preparation(statement()).split())
    assert "between 30 November 2029 and 2 January 2030" in text
    assert "axe-core version 9.8.7 checked 3 different pages of the service, 4 times" in text
    assert "each at 1280 and 320 CSS pixels wide" in text
    assert "and found 3 failures" in text
    assert "1 of those checks found a page that scrolls sideways" in text
    assert "1 page was also used with JavaScript switched off" in text
    assert "Keeping the register 2 0 2 January 2030" in text
    assert "Leaving a partnership 1 3 30 November 2029" in text
    assert "/register/<id>/" in text
    # Nothing else in the section is a number, so none can have been typed in by hand.
    for fact in [
        *(date_format(day, "j F Y") for day in [accessibility.STATEMENT_PREPARED,
                                              accessibility.STATEMENT_REVIEWED,
                                              accessibility.MANUAL_CHECKED]),
        "30 November 2029", "2 January 2030", "9.8.7", "WCAG 2.0, 2.1 and 2.2", "WCAG 2.2",
        "a width of 320 is 400% zoom", "zoom to 400%", "1280 and 320", " 320 ", "2 0", "1 3",
        " 3 ", " 4 ", " 1 ",
    ]:  # fmt: skip
        text = text.replace(fact, " ")
    assert not re.search(r"\d", text), text


def test_it_cites_no_figures_before_the_browser_tests_record_a_run(statement, recorded):
    text = _preparation(statement())
    assert "have not recorded a run yet" in text
    assert "axe-core version" not in text


def test_its_figures_come_from_this_suite_run_with_the_axe_it_bundles():
    """The committed results: every test they cite is still in tests/browser, under the
    journey it names, and ran the axe-core that the browser tests run now."""
    run = accessibility.recorded_run()
    assert run is not None and run.pages, "run the browser tests to record their results"
    assert run.axe_versions == [BUNDLED_AXE]
    assert run.all_passed and run.violations == 0 and run.pages_not_reflowing == 0
    recorded = json.loads(Path(settings.ACCESSIBILITY_TEST_RESULTS).read_text())["tests"]
    root = Path(settings.BASE_DIR)
    for test_id, test in recorded.items():
        assert results._still_there(test_id, root), test_id
        module = importlib.import_module(
            test_id.split("::")[0].removesuffix(".py").replace("/", ".")
        )
        assert test["journey"] == module.JOURNEY, test_id


def test_the_browser_tests_write_what_ran_over_what_they_last_recorded(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_a.py").write_text("def test_one(page):\n    pass\n")
    path = tmp_path / "results.json"
    held = {
        "tests/test_a.py::test_one[with-js]": _test("a", [_checked("/old/")]),
        "tests/test_a.py::test_gone[with-js]": _test("a", [_checked("/gone/")]),
        "tests/test_b.py::test_two[with-js]": _test("b", [_checked("/b/")]),
    }
    path.write_text(json.dumps({"about": "", "tests": held}))
    ran = {"tests/test_a.py::test_one[with-js]": _test("a", [_checked("/new/")])}
    results.merge(path, ran, tmp_path)
    written = json.loads(path.read_text())["tests"]
    assert list(written) == ["tests/test_a.py::test_one[with-js]"]
    assert written["tests/test_a.py::test_one[with-js]"]["pages"][0]["page"] == "/new/"


def test_a_page_is_recorded_by_its_address_without_record_numbers():
    assert results.page_address("http://127.0.0.1:8000/register/12/risks/3/?x=1") == (
        "/register/<id>/risks/<id>/"
    )
