"""V6: the auditor's pages, from drawing a sample to completing the spot check."""

import pytest
from django.urls import reverse

from audits.models import ChecklistItem, Finding, FollowUpAction, SpotCheck
from tests.budgets import INBOX_QUERIES, KEEPER_INBOX_QUERIES

from .conftest import add_finding_and_action, confirm_all

DRAW = {
    "title": "Quarter 3 documentation",
    "sample_size": "5",
    "status": "current",
    "kind": "",
    "tier": "",
    "lead_service": "",
    "seed": "",
}


def test_it_draws_a_sample_from_the_form(client, people, register):
    client.force_login(people["auditor"])
    response = client.post(reverse("audits:draw"), DRAW)
    spot_check = SpotCheck.objects.get()
    assert response.status_code == 302
    assert response.url == spot_check.get_absolute_url()
    assert spot_check.auditor == people["auditor"]
    assert len(spot_check.sample_ids) == 5
    page = client.get(response.url)
    assert f"seed {spot_check.seed}" in page.content.decode()


def test_it_draws_a_recorded_sample_again_from_its_typed_in_seed(client, people, register):
    client.force_login(people["auditor"])
    client.post(reverse("audits:draw"), {**DRAW, "seed": "31337"})
    client.post(reverse("audits:draw"), {**DRAW, "title": "Again", "seed": "31337"})
    first, again = SpotCheck.objects.order_by("pk")
    assert first.seed == again.seed == 31337
    assert first.sample_ids == again.sample_ids


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sample_size": ""}, "Enter how many partnerships to sample"),
        ({"sample_size": "five"}, "Enter the sample size as a whole number, like 5"),
        ({"sample_size": "13"}, "Only 12 partnerships match these filters"),
        ({"title": ""}, "Enter a name for the spot check"),
        ({"seed": "-4"}, "Enter a seed of 1 or more"),
        ({"status": "draft"}, "Select a valid choice"),
        ({"status": "exiting"}, "No partnerships match these filters"),
    ],
)
def test_it_explains_bad_input_and_draws_nothing(client, people, register, changes, message):
    client.force_login(people["auditor"])
    response = client.post(reverse("audits:draw"), {**DRAW, **changes})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert message in content
    assert not SpotCheck.objects.exists()


def test_it_prefills_the_checklist_and_needs_a_note_to_override_it(client, people, drawn):
    spot_check = drawn()
    sampled = spot_check.sampled.first()
    url = reverse("audits:checklist", args=[spot_check.pk, sampled.pk])
    client.force_login(people["auditor"])
    page = " ".join(client.get(url).content.decode().split())
    # The register shows every item missing for these bare records; that is the default.
    assert (
        'name="exit_strategy-outcome" class="govuk-radios__input" '
        'id="id_exit_strategy-outcome_2" value="missing" checked="checked"' in page
    )
    assert "The register shows: missing. No exit strategy recorded." in page
    items = list(sampled.items.all())
    answers = {f"{item.key}-outcome": "missing" for item in items}
    answers["exit_strategy-outcome"] = "found"
    response = client.post(url, answers)
    assert response.status_code == 200
    assert "Say why exit strategy differs from what the register shows" in response.content.decode()
    assert not ChecklistItem.objects.exclude(outcome="").exists()

    answers["exit_strategy-note"] = "In the board minutes of 3 March 2026, not on the register."
    response = client.post(url, answers)
    assert response.status_code == 302
    item = ChecklistItem.objects.get(sampled=sampled, key="exit_strategy")
    assert (item.outcome, item.overridden) == ("found", True)
    assert item.history.latest().history_user == people["auditor"]
    sampled.refresh_from_db()
    assert sampled.is_checked


def test_it_records_a_finding_and_its_action(client, people, drawn):
    spot_check = drawn()
    partnership = spot_check.sampled.first().partnership
    client.force_login(people["auditor"])
    response = client.post(
        reverse("audits:finding_add", args=[spot_check.pk]),
        {"partnership": str(partnership.pk), "description": "No exit strategy",
         "risk_rating": "high"},
    )  # fmt: skip
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert (finding.partnership, finding.recorded_by) == (partnership, people["auditor"])

    url = reverse("audits:action_add", args=[spot_check.pk, finding.pk])
    response = client.post(url, {"description": "Agree one", "owner": "", "due_0": "31"})
    content = response.content.decode()
    assert "Select who owns the action" in content
    assert "Enter the month" in content
    response = client.post(
        url,
        {"description": "Agree an exit strategy", "owner": people["officer"].pk,
         "due_0": "31", "due_1": "1", "due_2": "2027"},
    )  # fmt: skip
    assert response.status_code == 302
    action = FollowUpAction.objects.get()
    assert (action.owner, str(action.due)) == (people["officer"], "2027-01-31")


def test_it_changes_a_finding(client, people, drawn):
    spot_check = drawn()
    finding, _action = add_finding_and_action(spot_check, people["auditor"], people["officer"])
    url = reverse("audits:finding_edit", args=[spot_check.pk, finding.pk])
    client.force_login(people["auditor"])
    page = client.get(url).content.decode()
    assert "No signed terms of reference" in page
    response = client.post(url, {"partnership": "", "description": "", "risk_rating": "low"})
    assert "Enter what was found" in response.content.decode()
    response = client.post(
        url, {"partnership": "", "description": "Terms unsigned", "risk_rating": "low"}
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.description, finding.risk_rating, finding.partnership) == (
        "Terms unsigned",
        "low",
        None,
    )
    assert finding.history.latest().history_user == people["auditor"]


def test_it_records_a_finding_about_the_whole_sample(client, people, drawn):
    spot_check = drawn()
    client.force_login(people["auditor"])
    client.post(
        reverse("audits:finding_add", args=[spot_check.pk]),
        {"partnership": "", "description": "Registers kept unevenly", "risk_rating": "low"},
    )
    assert Finding.objects.get().partnership is None


def test_it_completes_only_when_every_checklist_is_checked(client, people, drawn):
    spot_check = drawn()
    url = reverse("audits:complete", args=[spot_check.pk])
    client.force_login(people["auditor"])
    response = client.post(url, {"conclusion": "Mostly sound"})
    assert "Check the documentation of every partnership first" in response.content.decode()
    spot_check.refresh_from_db()
    assert not spot_check.is_completed

    confirm_all(people["auditor"], spot_check)
    assert "Enter your conclusion" in client.post(url, {"conclusion": " "}).content.decode()
    response = client.post(url, {"conclusion": "Mostly sound"})
    assert response.status_code == 302
    spot_check.refresh_from_db()
    assert spot_check.is_completed and spot_check.completed_at
    assert spot_check.conclusion == "Mostly sound"


def test_it_changes_nothing_once_completed(client, people, drawn):
    spot_check = drawn()
    confirm_all(people["auditor"], spot_check)
    finding, _action = add_finding_and_action(spot_check, people["auditor"], people["officer"])
    client.force_login(people["auditor"])
    client.post(reverse("audits:complete", args=[spot_check.pk]), {"conclusion": "Done"})
    before = ChecklistItem.history.count() + Finding.history.count()
    sampled = spot_check.sampled.first()
    for url in [
        reverse("audits:checklist", args=[spot_check.pk, sampled.pk]),
        reverse("audits:finding_add", args=[spot_check.pk]),
        reverse("audits:finding_edit", args=[spot_check.pk, finding.pk]),
        reverse("audits:action_add", args=[spot_check.pk, finding.pk]),
        reverse("audits:complete", args=[spot_check.pk]),
    ]:
        response = client.post(url, {"description": "Late", "risk_rating": "low"})
        assert response.status_code == 302
        assert response.url == spot_check.get_absolute_url()
    assert ChecklistItem.history.count() + Finding.history.count() == before
    assert Finding.objects.count() == 1


def test_it_shows_the_redrawn_sample_matches(client, people, drawn):
    spot_check = drawn()
    client.force_login(people["keeper"])
    content = client.get(reverse("audits:redraw", args=[spot_check.pk])).content.decode()
    assert "The recorded sample is confirmed" in content
    assert "so the same seed gives the same sample today" in content


@pytest.mark.parametrize("rows", [2, 20])
def test_it_lists_spot_checks_in_a_fixed_number_of_queries(
    rows, client, people, drawn, django_assert_max_num_queries
):
    for _ in range(rows):
        drawn(size=1)
    client.force_login(people["keeper"])
    with django_assert_max_num_queries(9 + KEEPER_INBOX_QUERIES):
        response = client.get(reverse("audits:index"))
    assert response.content.decode().count("Quarter 3 documentation") == rows


def test_it_pages_the_list(client, people, drawn):
    for _ in range(26):
        drawn(size=1)
    client.force_login(people["auditor"])
    assert "page=2" in client.get(reverse("audits:index")).content.decode()
    assert client.get(reverse("audits:index"), {"page": 2}).status_code == 200


@pytest.mark.parametrize("size", [2, 10])
def test_it_shows_a_spot_check_in_a_fixed_number_of_queries(
    size, client, people, drawn, django_assert_max_num_queries
):
    spot_check = drawn(size=size)
    confirm_all(people["auditor"], spot_check)
    for _ in range(size):
        add_finding_and_action(spot_check, people["auditor"], people["officer"])
    client.force_login(people["auditor"])
    # Its own reads, and the savepoint the session's activity is recorded in.
    with django_assert_max_num_queries(11 + INBOX_QUERIES):
        response = client.get(spot_check.get_absolute_url())
    assert response.content.decode().count("Obtain the signed terms of reference") == size


def test_it_completes_a_spot_check_once_however_often_it_is_sent(people, drawn):
    from django.core.exceptions import ValidationError

    from audits import services

    spot_check = drawn(size=1)
    confirm_all(people["auditor"], spot_check)
    services.spot_check_complete(spot_check.pk, "Sound", actor=people["auditor"])
    with pytest.raises(ValidationError, match="completed and can no longer be changed"):
        services.spot_check_complete(spot_check.pk, "Sound again", actor=people["auditor"])
    spot_check.refresh_from_db()
    assert spot_check.conclusion == "Sound"
    assert spot_check.history.filter(state="completed").count() == 1
