"""The review pages, the register's review column and filter, and the inbox (V1)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.inbox import refresh_due_tasks, tasks_for
from accounts.services import policy_apply_preset
from reviews.models import Review, ReviewState
from reviews.services import add_months, review_plan
from tests.budgets import INBOX_QUERIES
from tests.factories import PartnershipFactory

from .conftest import submitted_form


def due_in(review, days):
    Review.objects.filter(pk=review.pk).update(due=timezone.localdate() + timedelta(days=days))
    # As if the days had passed: the daily run opens the tasks the new day gives.
    refresh_due_tasks()
    review.refresh_from_db()
    return review


@pytest.fixture
def review(partnership):
    policy_apply_preset("south-derbyshire")
    return review_plan(partnership)


def test_it_completes_a_review_from_its_page(client, people, review, partnership):
    assessment = submitted_form(people["lead"], partnership, "south-derbyshire-assessment")
    evaluation = submitted_form(people["lead"], partnership, "south-derbyshire-evaluation")
    client.force_login(people["lead"])

    page = client.get(review.get_absolute_url())
    assert b"Complete the review" in page.content
    response = client.post(
        reverse("reviews:complete", args=[review.pk]),
        {
            "assessment": assessment.pk,
            "evaluation": evaluation.pk,
            "register_confirmed": "on",
            "conclusions": "Relevant and effective.",
        },
        follow=True,
    )

    next_due = add_months(timezone.localdate(), 12)
    assert f"The next annual review is due by {next_due:%-d %B %Y}" in response.text
    review.refresh_from_db()
    assert review.state == ReviewState.COMPLETED
    assert partnership.reviews.get(state=ReviewState.PLANNED).due == next_due


def test_it_shows_the_error_summary_and_saves_nothing(client, people, review):
    client.force_login(people["lead"])
    response = client.post(reverse("reviews:complete", args=[review.pk]), {"conclusions": ""})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Enter the review&#x27;s conclusions" in response.text
    assert "Confirm that the register entry is current" in response.text
    assert "complete one first" in response.text  # no assessment submitted yet
    review.refresh_from_db()
    assert review.state == ReviewState.PLANNED


def test_it_refuses_a_form_that_cannot_count(client, people, review, partnership):
    elsewhere = PartnershipFactory(lead_officer=people["lead"])
    stranger = submitted_form(people["lead"], elsewhere, "south-derbyshire-assessment")
    client.force_login(people["lead"])
    response = client.post(
        reverse("reviews:complete", args=[review.pk]),
        {"assessment": stranger.pk, "register_confirmed": "on", "conclusions": "x"},
    )
    assert "That assessment cannot count for this review" in response.text


def test_it_brings_a_review_forward_from_its_page(client, people, review):
    client.force_login(people["sponsor"])
    soon = timezone.localdate() + timedelta(days=10)
    url = reverse("reviews:bring_forward", args=[review.pk])
    bad = client.post(url, {"due_0": "31", "due_1": "2", "due_2": "2027", "reason": ""})
    assert "Enter a real date" in bad.text and "Enter why the review" in bad.text
    later = review.due + timedelta(days=1)
    late = client.post(
        url, {"due_0": later.day, "due_1": later.month, "due_2": later.year, "reason": "x"}
    )
    assert "The new date must be before" in late.text
    client.post(url, {"due_0": soon.day, "due_1": soon.month, "due_2": soon.year, "reason": "Cuts"})
    review.refresh_from_db()
    assert review.due == soon and review.brought_forward_reason == "Cuts"


def test_it_does_not_offer_the_actions_to_others(client, people, review):
    client.force_login(people["other"])
    page = client.get(review.get_absolute_url())
    assert page.status_code == 200
    assert b"Complete the review" not in page.content
    assert client.get(reverse("reviews:complete", args=[review.pk])).status_code == 403


def test_it_puts_due_and_overdue_reviews_in_the_leads_inbox(people, review):
    assert list(tasks_for(people["lead"])) == []
    due_in(review, 20)
    assert [t.kind for t in tasks_for(people["lead"])] == ["Review due"]
    due_in(review, -2)
    assert [t.kind for t in tasks_for(people["sponsor"])] == ["Overdue review"]
    assert list(tasks_for(people["other"])) == []
    keeper_tasks = tasks_for(people["keeper"])
    assert [(t.kind, t.title) for t in keeper_tasks] == [
        ("Overdue reviews", "1 review overdue across the register")
    ]
    assert keeper_tasks[0].url == "/reviews/?show=overdue"


def test_it_shows_the_next_review_on_the_register_and_filters_overdue(client, people, review):
    other = review_plan(PartnershipFactory(name="Waste Partnership"))
    due_in(review, -3)
    client.force_login(people["other"])

    everything = client.get(reverse("partnerships:register"))
    assert "Overdue" in everything.text
    assert f"{other.due:%-d %b %Y}" in everything.text

    overdue = client.get(reverse("partnerships:register"), {"review": "overdue"})
    assert "Leisure Trust" in overdue.text and "Waste Partnership" not in overdue.text
    none = client.get(reverse("partnerships:register"), {"review": "none"})
    assert "Leisure Trust" not in none.text


def test_it_shows_reviews_on_the_partnership_page(client, people, review, partnership):
    due_in(review, -1)
    client.force_login(people["other"])
    page = client.get(partnership.get_absolute_url())
    assert "Annual review" in page.text and "Overdue" in page.text


def test_it_lists_the_timetable_by_what_is_asked(client, people, review):
    due_in(review, -1)
    later = due_in(review_plan(PartnershipFactory(name="Later Partnership")), 200)
    client.force_login(people["keeper"])
    overdue = client.get(reverse("reviews:index"), {"show": "overdue"})
    assert "Leisure Trust" in overdue.text and "Later Partnership" not in overdue.text
    every = client.get(reverse("reviews:index"), {"show": "open"})
    assert "Later Partnership" in every.text
    mine = client.get(reverse("reviews:index"), {"show": "open", "mine": "yes"})
    assert "Leisure Trust" not in mine.text
    assert later.due.strftime("%-d %b %Y") in every.text


@pytest.mark.parametrize("size", [2, 20])
def test_the_timetable_has_a_query_budget(client, people, size, django_assert_max_num_queries):
    for partnership in PartnershipFactory.create_batch(size, lead_officer=people["lead"]):
        due_in(review_plan(partnership), -1)
    client.force_login(people["lead"])
    with django_assert_max_num_queries(9 + INBOX_QUERIES):
        response = client.get(reverse("reviews:index"), {"show": "overdue"})
    assert response.text.count("govuk-tag--red") == size


def test_it_offers_the_sponsor_only_what_they_can_do(client, people, review):
    # Issue 11, "All": a Head of Service who sponsors the partnership manages its review, but
    # its forms are the lead officer's; no link may lead them to a refusal.
    client.force_login(people["sponsor"])
    page = client.get(reverse("reviews:review", args=[review.pk])).text
    assert "The lead officer completes and submits the assessment" in page
    assert "/assessments/partnership/" not in page
    client.force_login(people["lead"])
    page = client.get(reverse("reviews:review", args=[review.pk])).text
    start = f"/assessments/partnership/{review.partnership_id}/new/"
    assert "Complete and submit the assessment" in page
    assert client.get(start).status_code == 200


def test_it_never_shows_a_review_due_later_as_waiting_since_the_future(people, review):
    """Issue 11: a review due in the future waits since it was opened, not its due date."""
    due_in(review, 20)
    (task,) = tasks_for(people["lead"])
    assert task.since <= timezone.now()
    assert task.since == review.created_at
