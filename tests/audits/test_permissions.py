"""V6: auditors change only their own audit records; the register keeper and SMT read them;
the owner of a follow-up action reports its progress and sees nothing else of the audit."""

import pytest
from django.urls import reverse

from audits.models import ChecklistItem, Finding, FollowUpAction, SpotCheck

from .conftest import add_finding_and_action


def write_urls(spot_check, finding):
    sampled = spot_check.sampled.first()
    return [
        reverse("audits:checklist", args=[spot_check.pk, sampled.pk]),
        reverse("audits:finding_add", args=[spot_check.pk]),
        reverse("audits:finding_edit", args=[spot_check.pk, finding.pk]),
        reverse("audits:action_add", args=[spot_check.pk, finding.pk]),
        reverse("audits:complete", args=[spot_check.pk]),
    ]


def read_urls(spot_check):
    return [
        reverse("audits:index"),
        spot_check.get_absolute_url(),
        reverse("audits:redraw", args=[spot_check.pk]),
        reverse("audits:pdf", args=[spot_check.pk]),
    ]


def history_rows():
    return sum(m.history.count() for m in (SpotCheck, ChecklistItem, Finding, FollowUpAction))


def test_it_leaves_another_auditors_spot_check_read_only(client, people, drawn):
    spot_check = drawn()
    finding, action = add_finding_and_action(spot_check, people["auditor"], people["officer"])
    client.force_login(people["other_auditor"])
    for url in read_urls(spot_check):
        assert client.get(url).status_code == 200, url
    page = client.get(spot_check.get_absolute_url()).content.decode()
    assert "Record a finding" not in page
    assert "Complete the spot check" not in page
    before = history_rows()
    for url in [*write_urls(spot_check, finding), action.get_absolute_url()]:
        assert client.get(url).status_code == 403, url
        response = client.post(url, {"conclusion": "Taken over", "description": "Mine now",
                                     "risk_rating": "low", "status": "done"})  # fmt: skip
        assert response.status_code == 403, url
    assert history_rows() == before


@pytest.mark.parametrize("role", ["keeper", "smt"])
def test_it_lets_the_register_keeper_and_smt_read_but_not_write(client, people, drawn, role):
    spot_check = drawn()
    finding, _action = add_finding_and_action(spot_check, people["auditor"], people["officer"])
    client.force_login(people[role])
    for url in read_urls(spot_check):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("audits:draw")).status_code == 403
    for url in write_urls(spot_check, finding):
        assert client.post(url, {}).status_code == 403, url


@pytest.mark.parametrize("role", ["officer", "member"])
def test_it_keeps_audit_pages_from_other_roles(client, people, drawn, role):
    spot_check = drawn()
    finding, _action = add_finding_and_action(spot_check, people["auditor"], people["keeper"])
    client.force_login(people[role])
    for url in [*read_urls(spot_check), *write_urls(spot_check, finding)]:
        assert client.get(url).status_code == 403, url


def test_it_answers_a_post_to_a_reading_page_with_405(client, people, drawn):
    spot_check = drawn()
    client.force_login(people["auditor"])
    for url in read_urls(spot_check):
        assert client.post(url).status_code == 405, url


def test_it_lets_the_owner_of_an_action_report_its_progress(client, people, drawn):
    spot_check = drawn()
    _finding, action = add_finding_and_action(spot_check, people["auditor"], people["officer"])
    client.force_login(people["officer"])
    page = client.get(action.get_absolute_url()).content.decode()
    assert "No signed terms of reference" in page
    response = client.post(action.get_absolute_url(), {"status": "", "progress": "Asked"})
    assert "Select the status of the action" in response.content.decode()
    response = client.post(
        action.get_absolute_url(), {"status": "in_progress", "progress": "Asked the chair"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.progress) == ("in_progress", "Asked the chair")
    assert action.history.latest().history_user == people["officer"]
    # Nothing else of the audit.
    assert client.get(spot_check.get_absolute_url()).status_code == 403


def test_it_keeps_an_action_from_someone_who_does_not_own_it(client, people, drawn):
    spot_check = drawn()
    _finding, action = add_finding_and_action(spot_check, people["auditor"], people["officer"])
    client.force_login(people["other_officer"])
    response = client.post(action.get_absolute_url(), {"status": "done", "progress": ""})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == "open"


def test_it_lets_follow_up_continue_after_the_spot_check_is_complete(client, people, drawn):
    from audits import services

    from .conftest import confirm_all

    spot_check = drawn()
    _finding, action = add_finding_and_action(spot_check, people["auditor"], people["officer"])
    confirm_all(people["auditor"], spot_check)
    services.spot_check_complete(spot_check.pk, "Sound", actor=people["auditor"])
    for who in ["officer", "auditor"]:
        client.force_login(people[who])
        response = client.post(action.get_absolute_url(), {"status": "done", "progress": who})
        assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.progress) == ("done", "auditor")
