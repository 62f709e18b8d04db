"""Melton's Partnership Evaluation Toolkit (Appendix C) on its pages: the main functions
ranked (1)-(4) one option at a time, and the prompt for an action naming the ratings that
need one."""

import html

import pytest
from lxml.html import fromstring

from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from assessments.models import QuestionnaireTemplate
from assessments.scoring import triggering_ratings
from assessments.section_forms import SectionForm
from assessments.services import form_start


@pytest.fixture
def toolkit(led_partnership, officer):
    load_forms()
    policy_apply_preset("melton")
    return form_start(led_partnership, "melton-toolkit", actor=officer)


def question(form, key):
    return next(q for q in form.template.questions() if q["key"] == key)


def rank_boxes(form):
    """{option: the name of its rank box}, read from the form's own options."""
    name = SectionForm.name_for("details.2")
    options = question(form, "details.2")["options"]
    return {option: f"{name}__rank_{n}" for n, option in enumerate(options, start=1)}


def details_page(client, form):
    return fromstring(client.get(f"/assessments/forms/{form.pk}/1/").content.decode())


def test_it_offers_a_rank_box_for_each_main_function_the_toolkit_gives(toolkit, officer, signed_in):
    page = details_page(signed_in(officer), toolkit)
    ranking = question(toolkit, "details.2")
    legend = page.xpath(f"//fieldset[.//input[@name='{rank_boxes(toolkit)['Set policy']}']]")
    assert legend[0].xpath("string(.//legend)").strip() == ranking["text"]
    labels = [
        page.xpath(f"string(//label[@for=//input[@name='{box}']/@id])").strip()
        for box in rank_boxes(toolkit).values()
    ]
    assert labels == ranking["options"]


def test_it_keeps_the_ranking_in_rank_order_and_shows_it_again(toolkit, officer, signed_in):
    client = signed_in(officer)
    boxes = rank_boxes(toolkit)
    ranks = {"Service delivery": 1, "Set policy": 2, "Networking": 3}
    data = {boxes[option]: str(rank) for option, rank in ranks.items()}
    response = client.post(f"/assessments/forms/{toolkit.pk}/1/", {**data, "later": "1"})
    assert response.status_code == 302
    toolkit.refresh_from_db()
    kept = toolkit.answers["details.2"]["value"]
    assert kept == ", ".join(f"{rank} {option}" for option, rank in ranks.items())

    page = details_page(client, toolkit)
    for option, rank in ranks.items():
        assert page.xpath(f"//input[@name='{boxes[option]}']/@value") == [str(rank)]
    assert page.xpath(f"//input[@name='{boxes['Other (please state)']}']/@value") in ([], [""])
    check = client.get(f"/assessments/forms/{toolkit.pk}/check/").content.decode()
    assert kept in check


@pytest.mark.parametrize(
    ("ranks", "message"),
    [
        ({"Set policy": "1", "Networking": "1"}, "Give each one a different rank"),
        ({"Set policy": "5"}, "Enter a rank from 1 to 4, or leave it blank"),
        ({}, "Answer ‘Main functions of partnership"),
    ],
)
def test_it_refuses_a_ranking_the_toolkit_does_not_allow(
    ranks, message, toolkit, officer, signed_in
):
    boxes = rank_boxes(toolkit)
    data = {boxes[option]: rank for option, rank in ranks.items()}
    data[SectionForm.name_for("details.1")] = "Safer Melton Partnership"
    response = signed_in(officer).post(f"/assessments/forms/{toolkit.pk}/1/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    toolkit.refresh_from_db()
    assert "details.2" not in toolkit.answers


def test_it_prompts_for_an_action_naming_every_rating_that_needs_one(toolkit, officer, signed_in):
    client = signed_in(officer)
    template = QuestionnaireTemplate.objects.get(pk=toolkit.template_id)
    scale = template.scales[question(toolkit, "1.1")["scale"]]
    threshold = scale["prompt_action_at_or_below"]
    low, high = question(toolkit, "1.1"), question(toolkit, "1.2")
    response = client.post(
        f"/assessments/forms/{toolkit.pk}/2/",
        {
            SectionForm.name_for("1.1"): str(threshold),
            SectionForm.name_for("1.2"): str(threshold + 1),
            "later": "1",
        },
        follow=True,
    )
    page = html.unescape(response.content.decode())
    named = triggering_ratings(template, low)
    assert f"‘{low['text']}’ was rated {threshold} ({scale['labels'][threshold - 1]})" in page
    assert f"a rating of {named} needs an action" in page
    for value in range(1, threshold + 1):
        assert f"{value} ({scale['labels'][value - 1]})" in named
    assert f"‘{high['text']}’ was rated" not in page
