"""Accepted evaluations, published to every officer with their lessons learnt (A6)."""

import pytest
from django.urls import reverse

from tests.budgets import INBOX_QUERIES
from tests.factories import PartnershipFactory, UserFactory

from .conftest import accept_evaluation, submit_evaluation

URL = reverse("assessments:evaluations")


def test_it_publishes_accepted_evaluations_with_their_lessons_to_every_officer(
    people, partnership, client
):
    accept_evaluation(submit_evaluation(people["officer"], partnership), people)
    waiting = PartnershipFactory(name="Waste Partnership", lead_officer=people["officer"])
    submit_evaluation(people["officer"], waiting)  # not accepted yet
    client.force_login(UserFactory(username="reader", role="officer"))
    page = client.get(URL).text
    assert "Community Safety Partnership" in page
    assert "Joint patrols cut reported anti-social behaviour by a third." in page
    assert "Agree data sharing before the first meeting." in page
    assert "Waste Partnership" not in page


def test_it_says_when_none_has_been_accepted(people, client):
    client.force_login(people["member"])
    assert "No evaluations have been accepted yet" in client.get(URL).text


@pytest.mark.parametrize("rows", [2, 20])
def test_the_evaluations_list_query_count_does_not_grow_with_rows(
    rows, people, policy, client, django_assert_max_num_queries
):
    for _ in range(rows):
        partnership = PartnershipFactory(
            lead_officer=people["officer"], lead_service=people["service"]
        )
        accept_evaluation(submit_evaluation(people["officer"], partnership), people)
    client.force_login(people["officer"])
    client.get("/")
    # Session, user and service, policy, the inbox behind the navigation, the count and one
    # page of evaluations with their partnerships and evaluators; a query a row would show.
    with django_assert_max_num_queries(5 + INBOX_QUERIES):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == rows


def test_it_keeps_finding_a_waiting_evaluations_route_after_the_policy_changes(
    people, partnership, client
):
    from accounts.models import Policy

    form = submit_evaluation(people["officer"], partnership)
    policy = Policy.current()
    policy.reviews = {**policy.reviews, "evaluation_form": "another-form"}
    policy.save()

    client.force_login(people["officer"])
    page = client.get(form.get_absolute_url()).text
    assert "Approval route" in page and "Waiting for a decision" in page
