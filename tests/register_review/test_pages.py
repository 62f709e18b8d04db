"""The annual register review's pages (V3), as the keeper, lead officers and readers use them."""

import pytest

from partnerships.models import Status
from register_review.models import Outcome, RegisterReview, ReviewState
from register_review.services import entry_confirm, review_close, review_open
from tests.budgets import INBOX_QUERIES, KEEPER_INBOX_QUERIES
from tests.factories import PartnershipFactory, ServiceFactory
from tests.pdf import pdf_text, words

from .conftest import CONFIRM_BY


def as_user(client, user):
    client.force_login(user)
    return client


def test_it_opens_the_years_review_from_the_form(client, people, register):
    client = as_user(client, people["keeper"])
    assert "Open a review" in client.get("/register-review/").content.decode()
    response = client.post(
        "/register-review/open/",
        {"year": "2026", "confirm_by_0": "30", "confirm_by_1": "6", "confirm_by_2": "2026"},
    )
    review = RegisterReview.objects.get()
    assert response.url == f"/register-review/{review.pk}/"
    assert review.entries.count() == 5
    page = client.get(response.url).content.decode()
    assert "The 2026 register review is open" in page
    assert "Confirmations are due by 30 June 2026" in page


def test_it_shows_what_is_wrong_with_the_open_form(client, people, review):
    client = as_user(client, people["keeper"])
    response = client.post("/register-review/open/", {"year": "", "confirm_by_0": "31"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter the year of the review" in body
    assert "Enter the month" in body
    duplicate = client.post(
        "/register-review/open/",
        {"year": "2026", "confirm_by_0": "30", "confirm_by_1": "6", "confirm_by_2": "2026"},
    )
    assert "The 2026 review has already been opened" in duplicate.content.decode()
    assert RegisterReview.objects.count() == 1


def test_it_shows_lead_officers_their_own_entries(client, people, review):
    body = as_user(client, people["lead"]).get("/register-review/your-entries/").content.decode()
    assert "Active Derbyshire" in body
    assert "Arts Council Partnership" in body
    assert "Homelessness Forum" not in body
    assert "Village Halls Network" not in body
    outsider = as_user(client, people["outsider"]).get("/register-review/your-entries/")
    assert "You have no entries in this review" in outsider.content.decode()


def test_it_puts_the_entries_in_the_lead_officers_inbox(client, people, review, register, entry):
    home = as_user(client, people["lead"]).get("/").content.decode()
    assert "Register review 2026: 2 partnership entries to confirm" in home
    entry_confirm(entry(register["sport"]).pk, Outcome.CONFIRMED, actor=people["lead"])
    entry_confirm(entry(register["arts"]).pk, Outcome.CONFIRMED, actor=people["lead"])
    assert "Register review 2026" not in client.get("/").content.decode()
    keeper_home = as_user(client, people["keeper"]).get("/").content.decode()
    assert "Register review 2026: 1 partnership entry to confirm" in keeper_home


def test_it_records_a_lead_officers_answer_once(client, people, review, register, entry):
    client = as_user(client, people["lead"])
    url = f"/register-review/your-entries/{entry(register['sport']).pk}/"
    page = client.get(url).content.decode()
    assert "update the record" in page
    answer = {"outcome": "updated", "note": "New chair"}
    response = client.post(url, answer, follow=True)
    assert "Active Derbyshire: thank you, your answer is recorded" in response.content.decode()
    assert entry(register["sport"]).outcome == Outcome.UPDATED
    # The second click of a double click lands on a plain message, not an error page.
    again = client.post(url, {"outcome": "confirmed"}, follow=True).content.decode()
    assert "This entry was already updated by Lead Smith on" in again
    assert entry(register["sport"]).outcome == Outcome.UPDATED
    assert "Updated" in client.get(url).content.decode()


def test_it_asks_for_an_answer(client, people, review, register, entry):
    client = as_user(client, people["lead"])
    response = client.post(f"/register-review/your-entries/{entry(register['sport']).pk}/", {})
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Select whether the entry is current or you have updated it" in body
    assert entry(register["sport"]).is_outstanding


def test_it_refuses_another_officers_entry(client, people, review, register, entry):
    url = f"/register-review/your-entries/{entry(register['sport']).pk}/"
    for name in ["outsider", "other_lead", "keeper"]:
        assert as_user(client, people[name]).post(url, {"outcome": "confirmed"}).status_code == 403
    assert entry(register["sport"]).is_outstanding


def test_it_shows_the_keeper_progress_by_service(client, people, review, register, entry):
    entry_confirm(entry(register["sport"]).pk, Outcome.CONFIRMED, actor=people["lead"])
    entry_confirm(entry(register["homes"]).pk, Outcome.UPDATED, actor=people["other_lead"])
    client = as_user(client, people["keeper"])
    response = client.get(f"/register-review/{review.pk}/")
    rows = {row["service"]: row for row in response.context["services"]}
    assert rows["Housing Services"] == {
        "service": "Housing Services", "total": 2, "confirmed": 0, "updated": 1, "outstanding": 1
    }  # fmt: skip
    assert rows["Leisure and Community Development"]["outstanding"] == 2
    assert response.context["totals"]["outstanding"] == 3
    outstanding = client.get(f"/register-review/{review.pk}/", {"show": "outstanding"})
    names = [e.partnership.name for e in outstanding.context["entries"]]
    assert names == ["Select Move", "Arts Council Partnership", "Village Halls Network"]


def test_it_chases_from_the_progress_page(
    client, people, review, mailoutbox, django_capture_on_commit_callbacks
):
    client = as_user(client, people["keeper"])
    page = client.get(f"/register-review/{review.pk}/chase/").content.decode()
    assert "2 lead officers have 4 entries outstanding" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/register-review/{review.pk}/chase/", follow=True)
    body = response.content.decode()
    assert "2 lead officers emailed about 4 outstanding entries" in body
    assert "Keeper Smith emailed 2 lead officers about 4 entries" in body
    assert len(mailoutbox) == 2


def test_it_closes_with_outstanding_entries_only_when_told_to(client, people, review):
    client = as_user(client, people["keeper"])
    refused = client.post(f"/register-review/{review.pk}/close/", {})
    assert "There is a problem" in refused.content.decode()
    assert "5 entries are not confirmed" in refused.content.decode()
    review.refresh_from_db()
    assert review.state == ReviewState.OPEN
    response = client.post(
        f"/register-review/{review.pk}/close/", {"accept_outstanding": "on"}, follow=True
    )
    body = response.content.decode()
    assert "The 2026 register review is closed" in body
    assert "Annual register review 2026" in body
    assert "Entries not confirmed" in body


def test_it_shows_the_closed_report_to_smt_members_and_audit(client, people, review):
    assert (
        as_user(client, people["smt"]).get(f"/register-review/{review.pk}/report/").status_code
        == 404
    )
    review_close(review.pk, accept_outstanding=True, actor=people["keeper"])
    for name in ["smt", "member", "auditor", "keeper"]:
        response = as_user(client, people[name]).get(f"/register-review/{review.pk}/report/")
        assert response.status_code == 200, name
    assert (
        as_user(client, people["lead"]).get(f"/register-review/{review.pk}/report/").status_code
        == 403
    )


def test_it_lists_the_closed_reports_for_their_readers(client, people, review):
    client = as_user(client, people["member"])
    assert "No review has closed yet" in client.get("/register-review/reports/").content.decode()
    review_close(review.pk, accept_outstanding=True, actor=people["keeper"])
    body = client.get("/register-review/reports/").content.decode()
    assert f'href="/register-review/{review.pk}/report/"' in body
    assert as_user(client, people["lead"]).get("/register-review/reports/").status_code == 403


def test_its_pdf_carries_the_figures(client, people, review, register, entry):
    entry_confirm(entry(register["sport"]).pk, Outcome.CONFIRMED, actor=people["lead"])
    entry_confirm(entry(register["homes"]).pk, Outcome.UPDATED, actor=people["other_lead"])
    review_close(review.pk, accept_outstanding=True, actor=people["keeper"])
    response = as_user(client, people["smt"]).get(f"/register-review/{review.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = words(pdf_text(response.content))
    assert "Annual register review 2026" in text
    assert "Report to SMT and Leading Members" in text
    assert "Housing Services 0 1 1 2" in text
    assert "Leisure and Community Development 1 0 2 3" in text
    assert "All services 1 1 3 5" in text
    assert "Select Move" in text
    assert "Village Halls Network" in text


def make_register(rows, lead, service_count=3):
    services = [ServiceFactory(name=f"Budget service {n}") for n in range(service_count)]
    for n in range(rows):
        PartnershipFactory(lead_officer=lead, lead_service=services[n % service_count])
    PartnershipFactory(status=Status.CEASED, lead_officer=lead)


@pytest.mark.parametrize("rows", [2, 20])
def test_the_progress_page_query_count_does_not_grow_with_rows(
    rows, client, people, django_assert_max_num_queries
):
    make_register(rows, people["lead"])
    review = review_open(2026, CONFIRM_BY, actor=people["keeper"])
    for entry in review.entries.all()[: rows // 2]:
        entry_confirm(entry.pk, Outcome.CONFIRMED, "Still current", actor=people["lead"])
    client = as_user(client, people["keeper"])
    client.get("/")
    # Session, user, policy, the inbox, the review, progress by service, the entries with
    # their partnership, service, lead officer and confirmer, and the chases.
    with django_assert_max_num_queries(8 + KEEPER_INBOX_QUERIES):
        response = client.get(f"/register-review/{review.pk}/")
    assert len(response.context["entries"]) == rows


@pytest.mark.parametrize("rows", [2, 20])
def test_the_your_entries_page_query_count_does_not_grow_with_rows(
    rows, client, people, django_assert_max_num_queries
):
    make_register(rows, people["lead"])
    review = review_open(2026, CONFIRM_BY, actor=people["keeper"])
    for entry in review.entries.all()[: rows // 2]:
        entry_confirm(entry.pk, Outcome.CONFIRMED, actor=people["lead"])
    client = as_user(client, people["lead"])
    client.get("/")
    # Session, user, policy, the inbox, the open review, and the entries with their
    # partnership, service and confirmer.
    with django_assert_max_num_queries(5 + INBOX_QUERIES):
        response = client.get("/register-review/your-entries/")
    assert len(response.context["entries"]) == rows
