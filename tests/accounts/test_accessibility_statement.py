"""The accessibility statement follows the GOV.UK model statement (PSBAR 2018)."""

import re
from pathlib import Path

import axe_playwright_python
import pytest

from accounts.accessibility import AXE_CORE_VERSION
from accounts.models import Policy

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


def test_it_cites_the_axe_core_version_the_browser_tests_run(statement):
    bundled = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()[:200]
    assert f"axe v{AXE_CORE_VERSION}" in bundled
    assert f"axe-core version {AXE_CORE_VERSION}" in statement()
