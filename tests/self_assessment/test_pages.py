"""The self-assessment's and the improvement plan's pages, as the keeper keeps them and the
senior team and Internal Audit read them."""

from datetime import date

import pytest
from django.utils import timezone

from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from assessments.models import CompletedForm, FormState, QuestionnaireTemplate
from assessments.scoring import scores_for
from assessments.section_forms import SectionForm
from reports.periods import FinancialYear
from reports.priorities import ranked_partnerships
from self_assessment.models import ActionStatus, ImprovementAction, SelfAssessment, State
from self_assessment.services import (
    action_update,
    assessment_complete,
    assessment_save_answers,
    assessment_start,
    plan_create,
)
from tests.budgets import KEEPER_INBOX_QUERIES
from tests.factories import PartnershipFactory, UserFactory
from tests.pdf import pdf_text, words

from .conftest import every_rating


def as_user(client, user):
    client.force_login(user)
    return client


def section_post(section, value, button="continue"):
    data = {button: "1"}
    for question in section["questions"]:
        name = SectionForm.name_for(question["key"])
        data[name] = value
        data[f"{name}__evidence"] = f"Evidence for {question['key']}"
    return data


def test_it_takes_the_keeper_through_the_standards_to_completion(client, notts, people):
    client = as_user(client, people["keeper"])
    assert "Start a self-assessment" in client.get("/self-assessment/").content.decode()
    response = client.post("/self-assessment/start/", {})
    assessment = SelfAssessment.objects.get()
    assert response.url == f"/self-assessment/{assessment.pk}/1/"
    sections = assessment.template.sections
    for index, section in enumerate(sections, start=1):
        response = client.post(
            f"/self-assessment/{assessment.pk}/{index}/", section_post(section, "4")
        )
        following = index + 1 if index < len(sections) else "complete"
        assert response.url == f"/self-assessment/{assessment.pk}/{following}/"
    check = client.get(f"/self-assessment/{assessment.pk}/complete/").content.decode()
    assert "still to rate" not in check
    response = client.post(f"/self-assessment/{assessment.pk}/complete/", {})
    assert response.url == "/self-assessment/"
    assessment.refresh_from_db()
    assert assessment.state == State.COMPLETED
    page = client.get("/self-assessment/").content.decode()
    first = sections[0]["questions"][0]
    label = assessment.template.scales[first["scale"]]["labels"][3]
    assert first["text"] in page
    assert f"4: {label}" in page
    assert f"Evidence for {first['key']}" in page
    assert "completed by Keeper Smith" in page


def test_it_asks_for_every_rating_unless_the_keeper_saves_for_later(client, notts, people):
    client = as_user(client, people["keeper"])
    assessment = assessment_start(actor=people["keeper"])
    url = f"/self-assessment/{assessment.pk}/1/"
    response = client.post(url, {"continue": "1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    first = assessment.template.sections[0]["questions"][0]
    assert f"Answer ‘{first['text']}’" in body
    later = client.post(url, {"later": "1", SectionForm.name_for(first["key"]): "2"})
    assert later.url == "/self-assessment/"
    assessment.refresh_from_db()
    assert assessment.answers[first["key"]]["value"] == "2"
    check = client.get(f"/self-assessment/{assessment.pk}/complete/").content.decode()
    assert "still to rate before you can complete it" in check
    assert "Complete the self-assessment</button>" not in check


def test_it_continues_the_self_assessment_in_progress(client, notts, people):
    assessment = assessment_start(actor=people["keeper"])
    client = as_user(client, people["keeper"])
    assert "Continue the self-assessment" in client.get("/self-assessment/").content.decode()
    response = client.get("/self-assessment/start/")
    assert response.url == f"/self-assessment/{assessment.pk}/1/"


def test_it_shows_the_last_completed_standards_while_the_next_is_in_progress(client, notts, people):
    keeper = people["keeper"]
    first = assessment_start(actor=keeper)
    assessment_save_answers(
        first.pk, every_rating(first.template, "2", "Old evidence"), actor=keeper
    )
    assessment_complete(first.pk, actor=keeper)
    second = assessment_start(actor=keeper)
    assessment_save_answers(
        second.pk, every_rating(second.template, "4", "New evidence"), actor=keeper
    )
    page = as_user(client, people["smt"]).get("/self-assessment/").content.decode()
    assert "Old evidence" in page and "New evidence" not in page
    keeper_page = as_user(client, keeper).get("/self-assessment/").content.decode()
    assert "A new self-assessment was started by Keeper Smith" in keeper_page
    assert f"/self-assessment/{second.pk}/1/" in keeper_page
    assessment_complete(second.pk, actor=keeper)
    page = as_user(client, people["auditor"]).get("/self-assessment/").content.decode()
    assert "New evidence" in page and "Old evidence" not in page
    assert "Earlier self-assessments" in page


def test_it_lets_readers_read_and_only_the_keeper_change(client, notts, people):
    assessment = assessment_start(actor=people["keeper"])
    action = plan_create(actor=people["keeper"])[0]
    for reader in ["smt", "auditor"]:
        client = as_user(client, people[reader])
        page = client.get("/self-assessment/").content.decode()
        assert action.recommendation in page
        assert "Start a self-assessment" not in page and "Continue the" not in page
        assert action.get_absolute_url() not in page
        assert client.get(action.get_absolute_url()).status_code == 403
        assert client.get(f"/self-assessment/{assessment.pk}/1/").status_code == 403
    officer = as_user(client, people["officer"])
    assert officer.get("/self-assessment/").status_code == 403


def test_it_makes_the_plan_and_shows_it_below_the_standards(client, notts, people):
    client = as_user(client, people["keeper"])
    page = client.get("/self-assessment/").content.decode()
    assert "Make the improvement plan" in page
    confirm = client.get("/self-assessment/plan/make/").content.decode()
    for recommendation in notts.improvement_plan:
        assert recommendation in confirm
    response = client.post("/self-assessment/plan/make/", {})
    assert response.url == "/self-assessment/"
    assert ImprovementAction.objects.count() == len(notts.improvement_plan)
    page = client.get("/self-assessment/").content.decode()
    assert page.index("The standards") < page.index("Improvement plan</h2>")
    assert notts.improvement_plan[-1] in page
    assert "Make the improvement plan" not in page
    # Made once: the page to make it goes back to the plan.
    assert client.get("/self-assessment/plan/make/").url == "/self-assessment/"


def test_it_updates_an_action_from_its_page(client, notts, people):
    action = plan_create(actor=people["keeper"])[1]
    client = as_user(client, people["keeper"])
    response = client.post(
        action.get_absolute_url(),
        {
            "owner": people["smt"].pk,
            "due_date_0": "31",
            "due_date_1": "3",
            "due_date_2": "2027",
            "status": ActionStatus.IN_PROGRESS,
            "note": "Guidance drafted",
        },
    )
    assert response.url == "/self-assessment/#plan"
    action.refresh_from_db()
    assert (action.owner, action.due_date, action.status) == (
        people["smt"],
        date(2027, 3, 31),
        ActionStatus.IN_PROGRESS,
    )
    page = client.get("/self-assessment/").content.decode()
    assert "31 March 2027" in page and "In progress" in page and "Smt Smith" in page


def test_it_shows_what_is_wrong_with_an_action(client, notts, people):
    action = plan_create(actor=people["keeper"])[0]
    client = as_user(client, people["keeper"])
    response = client.post(
        action.get_absolute_url(),
        {"owner": "", "due_date_0": "31", "due_date_1": "2", "due_date_2": "2027"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and "There is a problem" in body
    assert "Select who owns the action" in body
    assert "Enter a real date" in body
    assert "Select the action&#x27;s status" in body or "Select the action's status" in body
    assert body.count('href="#id_owner"') == 1
    action.refresh_from_db()
    assert action.due_date is None


def test_it_prints_the_standards_and_the_plan_together(client, notts, people):
    keeper = people["keeper"]
    assessment = assessment_start(actor=keeper)
    assessment_save_answers(assessment.pk, every_rating(assessment.template), actor=keeper)
    assessment_complete(assessment.pk, actor=keeper)
    action = plan_create(actor=keeper)[0]
    action_update(
        action.pk, owner=people["smt"], due_date=date(2027, 6, 30), status="done", actor=keeper
    )
    response = as_user(client, people["auditor"]).get("/self-assessment/self-assessment.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = words(pdf_text(response.content))
    first = next(assessment.template.questions())
    # A table cell's lines are read beside its neighbours': its opening words stay together.
    assert " ".join(first["text"].split()[:5]) in text
    label = assessment.template.scales[first["scale"]]["labels"][2]
    assert f"3: {label}" in text
    assert "Seen in the board minutes" in text
    assert "30 June 2027" in text
    assert " ".join(notts.improvement_plan[-1].split()[:4]) in text


@pytest.mark.parametrize("key", ["chorley", "melton", "northamptonshire", "south-derbyshire"])
def test_it_has_no_self_assessment_under_another_councils_policy(client, db, people, key):
    load_forms()
    policy_apply_preset(key)
    client = as_user(client, people["keeper"])
    for url in [
        "/self-assessment/",
        "/self-assessment/self-assessment.pdf",
        "/self-assessment/start/",
        "/self-assessment/plan/make/",
    ]:
        assert client.get(url).status_code == 404, url
    assert "/self-assessment/" not in client.get("/reports/").content.decode()


def test_it_links_the_self_assessment_from_the_reports_page(client, notts, people):
    page = as_user(client, people["smt"]).get("/reports/").content.decode()
    assert 'href="/self-assessment/"' in page


def test_it_no_longer_offers_the_standards_on_a_partnership(client, notts, people):
    partnership = PartnershipFactory()
    client = as_user(client, people["keeper"])
    url = f"/assessments/partnership/{partnership.pk}/new/"
    page = client.get(url).content.decode()
    standards = QuestionnaireTemplate.objects.filter(key=notts.self_assessment_form).first()
    assert standards.title not in page
    assert "Partnerships which are also outside bodies" in page
    response = client.post(url, {"template": standards.key})
    assert response.status_code == 200
    assert "Select the form to complete" in response.content.decode()
    assert not CompletedForm.objects.exists()


def test_it_still_opens_and_prints_a_standards_form_kept_on_a_partnership(client, notts, people):
    standards = QuestionnaireTemplate.objects.filter(key=notts.self_assessment_form).first()
    kept = CompletedForm.objects.create(
        template=standards,
        partnership=PartnershipFactory(),
        started_by=people["keeper"],
        answers=every_rating(standards),
    )
    client = as_user(client, people["keeper"])
    assert standards.title in client.get(f"/assessments/forms/{kept.pk}/").content.decode()
    assert client.get(f"/assessments/forms/{kept.pk}/1/").status_code == 200
    printed = client.get(f"/assessments/forms/{kept.pk}/pdf/")
    assert printed["Content-Type"] == "application/pdf"


def submitted(template, partnership, starter, value):
    answers = every_rating(template, value=value)
    return CompletedForm.objects.create(
        template=template,
        partnership=partnership,
        started_by=starter,
        answers=answers,
        scores=scores_for(template, answers),
        state=FormState.SUBMITTED,
        submitted_at=timezone.now(),
    )


def test_it_never_counts_the_self_assessment_in_a_partnerships_priority(notts, people):
    keeper = people["keeper"]
    partnership = PartnershipFactory()
    year = FinancialYear.current()
    before = {row.partnership.pk: row.value for row in ranked_partnerships(year)}

    assessment = assessment_start(actor=keeper)
    assessment_save_answers(assessment.pk, every_rating(assessment.template, "4"), actor=keeper)
    assessment_complete(assessment.pk, actor=keeper)
    # One completed on a partnership before the standards had pages of their own.
    submitted(assessment.template, partnership, keeper, "4")
    after = {row.partnership.pk: row for row in ranked_partnerships(year)}
    assert {pk: row.value for pk, row in after.items()} == before
    assert after[partnership.pk].score_percent is None

    # A partnership's own scored assessment still counts.
    own = QuestionnaireTemplate.objects.create(
        key="own-assessment", version=1, title="Own assessment", council="C", source="S",
        kind="assessment", definition={
            "scales": {"two": {"labels": ["Weak", "Strong"]}},
            "sections": [{"title": "One", "questions": [
                {"key": "q", "text": "How strong?", "type": "rating", "scale": "two"}]}],
        },
    )  # fmt: skip
    submitted(own, partnership, keeper, "1")
    counted = {row.partnership.pk: row for row in ranked_partnerships(year)}
    assert counted[partnership.pk].score_percent == 50
    assert counted[partnership.pk].value > before[partnership.pk]


@pytest.mark.parametrize("size", [1, 4])
def test_it_reads_the_page_in_a_fixed_number_of_queries(
    client, notts, people, size, django_assert_max_num_queries
):
    keeper = people["keeper"]
    for number in range(size):
        if number:
            assessment_complete(assessment.pk, actor=keeper)  # noqa: F821
        assessment = assessment_start(actor=keeper)
        assessment_save_answers(assessment.pk, every_rating(assessment.template), actor=keeper)
    actions = plan_create(actor=keeper)
    owners = [UserFactory(username=f"owner{n}") for n in range(size)]
    for action, owner in zip(actions, owners * 10, strict=False):
        action_update(
            action.pk, owner=owner, due_date=date(2027, 1, 1), status="in_progress", actor=keeper
        )
    client = as_user(client, keeper)
    client.get("/")
    # The session, the user, the self-assessments and the plan with its owners.
    with django_assert_max_num_queries(4 + KEEPER_INBOX_QUERIES):
        response = client.get("/self-assessment/")
    assert response.status_code == 200
