"""Northamptonshire's Partnership Protocol, section 4(e)-(g): the Information Sharing Protocol,
the succession strategies and the Partnership Communications Agreement, kept as agreements of a
partnership that is running."""

import re

import pytest
from lxml.html import fromstring

from accounts.policy import FORM_PURPOSES, Policy, preset_keys
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from assessments.models import CompletedForm, FormState, QuestionnaireTemplate
from assessments.section_forms import SectionForm
from tests.pdf import pdf_text, words

AGREEMENTS = [
    "northamptonshire-information-sharing",
    "northamptonshire-succession",
    "northamptonshire-communications-agreement",
]


def offered(client, partnership):
    page = client.get(f"/assessments/partnership/{partnership.pk}/new/").content.decode()
    return fromstring(page).xpath("//input[@name='template']/@value")


def test_it_loads_the_three_agreements_as_northamptonshire_s(db):
    load_forms()
    for key in AGREEMENTS:
        template = QuestionnaireTemplate.objects.get(key=key)
        assert template.council == "Northamptonshire County Council"
        assert template.kind == "agreement"
        assert template.source.startswith("Partnership Protocol (July 2009), section 4(")


def test_it_names_them_for_the_agreement_purpose(db):
    policy = Policy.from_preset("northamptonshire")
    assert policy.forms_by_purpose()["agreement"] == AGREEMENTS


def test_it_offers_them_under_northamptonshire(led_partnership, officer, signed_in):
    load_forms()
    policy_apply_preset("northamptonshire")
    client = signed_in(officer)
    choices = offered(client, led_partnership)
    assert [key for key in choices if key in AGREEMENTS] == AGREEMENTS
    page = client.get(f"/assessments/partnership/{led_partnership.pk}/new/").content.decode()
    assert FORM_PURPOSES["agreement"] in page


@pytest.mark.parametrize("key", [key for key in preset_keys() if key != "northamptonshire"])
def test_it_offers_them_to_no_other_council(key, led_partnership, officer, signed_in):
    load_forms()
    policy_apply_preset(key)
    choices = offered(signed_in(officer), led_partnership)
    assert choices
    assert not set(choices) & set(AGREEMENTS)


def printed_in_order(phrase, text):
    """Whether the phrase's words are printed in order: a long question wraps in its table
    cell, perhaps after a slash, and the reading order puts the answer beside it between its
    lines."""
    at = 0
    for word in re.split(r"[\s/]+", phrase):
        at = text.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True


def covered_answers(section):
    """What an officer would send for one section: each element covered by a document."""
    data = {}
    for number, question in enumerate(section["questions"], start=1):
        name = SectionForm.name_for(question["key"])
        if question["type"] == "covered":
            data[name] = "document"
            data[f"{name}__reference"] = f"Communications protocol, paragraph {number}"
        else:
            data[name] = "yes"
            if question.get("evidence"):
                data[f"{name}__evidence"] = "Signed by every partner"
    return data


@pytest.mark.parametrize("key", AGREEMENTS)
def test_it_is_completed_submitted_and_printed(key, led_partnership, officer, signed_in):
    load_forms()
    policy_apply_preset("northamptonshire")
    client = signed_in(officer)
    response = client.post(f"/assessments/partnership/{led_partnership.pk}/new/", {"template": key})
    completed = CompletedForm.objects.get(partnership=led_partnership, template__key=key)
    assert response["Location"] == f"/assessments/forms/{completed.pk}/1/"
    sections = completed.template.sections
    for index, section in enumerate(sections, start=1):
        response = client.post(
            f"/assessments/forms/{completed.pk}/{index}/", covered_answers(section)
        )
        assert response.status_code == 302
    assert response["Location"].endswith("/check/")
    client.post(f"/assessments/forms/{completed.pk}/check/")
    completed.refresh_from_db()
    assert completed.state == FormState.SUBMITTED

    response = client.get(f"/assessments/forms/{completed.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = words(pdf_text(response.content))
    assert completed.template.title in text
    assert "Northamptonshire County Council’s form, version 1" in text
    for question in completed.template.questions():
        assert printed_in_order(question["text"], text), question["text"]
    assert "Covered by an attached document" in text
    assert "Communications protocol, paragraph 1" in text
