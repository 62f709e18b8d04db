"""The pages for leaving a partnership (V7): the partnership page's section, the proposal's
one page of questions, its own page, its decision and its PDF."""

from django.urls import reverse

from approvals.models import Route
from approvals.services import route_decide
from assessments.models import CompletedForm
from leaving.models import ROUTE_KIND, Withdrawal, WithdrawalState
from partnerships.models import Status
from tests.factories import UserFactory
from tests.pdf import pdf_text, words

from .conftest import ADVICE, ANSWERS, accept_evaluation, approve_withdrawal, withdraw


def posted(answers, action):
    data = {name: value for name, value in answers.items() if name != "exit_date"}
    if "exit_date" in answers:
        day = answers["exit_date"]
        data.update({"exit_date_0": day.day, "exit_date_1": day.month, "exit_date_2": day.year})
    return {**data, "action": action}


def test_it_offers_leaving_to_the_lead_officer_and_not_to_other_officers(
    people, partnership, client
):
    client.force_login(people["officer"])
    assert "Propose leaving this partnership" in client.get(partnership.get_absolute_url()).text
    client.force_login(UserFactory(username="other", role="officer"))
    page = client.get(partnership.get_absolute_url()).text
    assert "Propose leaving this partnership" not in page
    start = reverse("leaving:start", args=[partnership.pk])
    assert client.get(start).status_code == 403


def test_it_shows_the_error_summary_and_saves_nothing_when_advice_is_missing(
    people, partnership, client
):
    client.force_login(people["officer"])
    url = reverse("leaving:start", args=[partnership.pk])
    form = client.get(url).text
    assert "Give six months&#x27; notice." in form  # the exit strategy on the record
    response = client.post(url, posted(ANSWERS, "submit"))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Enter the legal advice taken" in response.text
    assert "Enter the financial advice taken" in response.text
    assert not Withdrawal.objects.exists()


def test_it_shows_the_error_summary_for_a_date_that_is_not_real(people, partnership, client):
    client.force_login(people["officer"])
    url = reverse("leaving:start", args=[partnership.pk])
    data = {**posted(ANSWERS, "draft"), "exit_date_0": "31", "exit_date_1": "2"}
    response = client.post(url, data)
    assert "There is a problem" in response.text and "Enter a real date" in response.text
    assert not Withdrawal.objects.exists()


def test_it_saves_a_draft_then_sends_it(people, partnership, client):
    client.force_login(people["officer"])
    url = reverse("leaving:start", args=[partnership.pk])
    response = client.post(url, posted({"reasons": "Its work is done."}, "draft"))
    withdrawal = Withdrawal.objects.get()
    assert response.url == withdrawal.get_absolute_url()
    assert withdrawal.state == WithdrawalState.DRAFT
    # Starting again leads back to the draft, not to a second one.
    assert client.get(url).url == withdrawal.get_absolute_url()
    edit = reverse("leaving:edit", args=[withdrawal.pk])
    assert "Its work is done." in client.get(edit).text
    client.post(edit, posted({**ANSWERS, **ADVICE}, "submit"))
    withdrawal.refresh_from_db()
    assert withdrawal.state == WithdrawalState.SUBMITTED
    assert Route.objects.of(withdrawal, ROUTE_KIND).current_holder == "head_of_service"
    assert client.get(edit).status_code == 403


def test_it_is_decided_on_the_route_decide_page(people, partnership, client):
    withdrawal = withdraw(people["officer"], partnership)
    route = Route.objects.of(withdrawal, ROUTE_KIND)
    client.force_login(people["head"])
    assert "Leaving: Community Safety Partnership" in client.get("/").text  # their inbox
    page = client.get(withdrawal.get_absolute_url()).text
    assert reverse("approvals:decide", args=[route.pk]) in page
    assert ADVICE["legal_advice"] in page
    decide = reverse("approvals:decide", args=[route.pk])
    response = client.post(
        decide, {"step_index": 0, "outcome": "approved", "comment": "The service agrees."}
    )
    assert response.url == withdrawal.get_absolute_url()
    route.refresh_from_db()
    assert route.current_holder == "register_keeper"
    client.force_login(people["other_head"])
    assert client.get(withdrawal.get_absolute_url()).status_code == 403


def test_it_offers_the_cessation_evaluation_once_the_partnership_is_exiting(
    people, partnership, client, policy
):
    approve_withdrawal(withdraw(people["officer"], partnership), people)
    client.force_login(people["officer"])
    page = client.get(partnership.get_absolute_url()).text
    assert "The council is leaving this partnership" in page
    assert "Complete the cessation evaluation" in page
    from assessments.loader import load_forms

    load_forms()
    response = client.post(
        reverse("assessments:start", args=[partnership.pk]),
        {"template": policy.cessation_form},
    )
    form = CompletedForm.objects.get()
    assert response.url == reverse("assessments:section", args=[form.pk, 1])
    page = client.get(partnership.get_absolute_url()).text
    assert "The cessation evaluation" in page
    assert "Complete the cessation evaluation" not in page


def test_it_says_when_the_partnership_ceased(people, partnership, client):
    from .conftest import submit_evaluation

    approve_withdrawal(withdraw(people["officer"], partnership), people)
    accept_evaluation(submit_evaluation(people["officer"], partnership), people)
    partnership.refresh_from_db()
    assert partnership.status == Status.CEASED
    client.force_login(UserFactory(username="reader", role="officer"))
    page = client.get(partnership.get_absolute_url()).text
    assert "The council has left this partnership" in page
    assert "Propose leaving" not in page


def test_it_prints_the_withdrawal_with_its_decision_trail(people, partnership, client):
    withdrawal = withdraw(people["officer"], partnership)
    approve_withdrawal(withdrawal, people)
    client.force_login(people["auditor"])
    response = client.get(reverse("leaving:pdf", args=[withdrawal.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = words(pdf_text(response.content))
    assert "Proposal to leave a partnership" in text
    assert ADVICE["financial_advice"] in text
    assert "Legal advice taken" in text
    assert people["head"].display_name in text and people["keeper"].display_name in text


def test_it_shows_why_it_was_returned_and_keeps_the_answers_to_change(people, partnership, client):
    withdrawal = withdraw(people["officer"], partnership)
    route = Route.objects.of(withdrawal, ROUTE_KIND)
    route_decide(route.pk, 0, "returned", "Say who chairs the board next.", actor=people["head"])
    client.force_login(people["officer"])
    page = client.get(withdrawal.get_absolute_url()).text
    assert "Returned for changes" in page and "Say who chairs the board next." in page
    edit = client.get(reverse("leaving:edit", args=[withdrawal.pk])).text
    assert 'value="31"' in edit and 'value="2027"' in edit  # the exit date
    assert ADVICE["legal_advice"] in edit
