"""South Derbyshire's Partnership Assessment (Appendix 3): a feature scored 2, "Partly in
place – Action needed", prompts for an action as a score of 1, "Not in place – Priority for
action", does; a score of 3 or 4 does not. How low is the form's to say."""

import html

import pytest

from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from assessments.scoring import prompts_for_action
from assessments.section_forms import SectionForm
from assessments.services import form_start


@pytest.fixture
def assessment(led_partnership, officer):
    load_forms()
    policy_apply_preset("south-derbyshire")
    return form_start(led_partnership, "south-derbyshire-assessment", actor=officer)


def scored(client, form, index, score):
    """Scores the feature on the given page, and returns the page that follows."""
    question = form.template.sections[index - 1]["questions"][0]
    response = client.post(
        f"/assessments/forms/{form.pk}/{index}/",
        {SectionForm.name_for(question["key"]): str(score)},
        follow=True,
    )
    return question, html.unescape(response.content.decode())


def test_it_prompts_for_an_action_at_a_score_of_2_as_at_1(assessment, officer, signed_in):
    client = signed_in(officer)
    labels = assessment.template.scales["standard"]["labels"]
    named = f"1 ({labels[0]}) or 2 ({labels[1]})"
    for index, score in [(1, 1), (2, 2)]:
        question, page = scored(client, assessment, index, score)
        assert f"‘{question['text']}’ was rated {score} ({labels[score - 1]})" in page
        assert f"a rating of {named} needs an action" in page

    assessment.refresh_from_db()
    prompted = prompts_for_action(assessment.template, assessment.answers)
    assert [q["rated"] for q in prompted] == [f"1 ({labels[0]})", f"2 ({labels[1]})"]
    record = html.unescape(client.get(assessment.get_absolute_url()).content.decode())
    assert record.count(f"a rating of {named} needs an action") == 2


@pytest.mark.parametrize("score", [3, 4])
def test_it_does_not_prompt_at_a_score_of_3_or_4(score, assessment, officer, signed_in):
    question, page = scored(signed_in(officer), assessment, 1, score)
    assert "needs an action" not in page
    assessment.refresh_from_db()
    assert prompts_for_action(assessment.template, assessment.answers) == []
