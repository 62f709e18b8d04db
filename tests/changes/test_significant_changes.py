"""Significant changes to an active partnership wait for the register keeper (R13)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Outcome, Route, RouteState
from approvals.services import route_decide
from changes import services as changes
from changes.models import ChangeKind, ChangeState, SignificantChange
from partnerships.models import Partnership, Resource, Status, Tier
from tests.budgets import KEEPER_INBOX_QUERIES
from tests.factories import PartnershipFactory, ResourceFactory, UserFactory

OLD_REMIT = "To reduce crime and disorder."
NEW_REMIT = "To reduce crime, disorder and anti-social behaviour across the district."
MEETING = {"meeting_date": datetime.date(2026, 11, 3), "minute_reference": "SMT/2026/41"}


@pytest.fixture
def partnership(people):
    policy_apply_preset("south-derbyshire")
    return PartnershipFactory(
        name="Community Safety Partnership",
        remit=OLD_REMIT,
        council_role="major",
        lead_service=people["service"],
        lead_officer=people["officer"],
    )


def edit_data(partnership, **changes):
    data = {
        "version": partnership.version,
        "name": partnership.name,
        "remit": partnership.remit,
        "lead_service": partnership.lead_service_id,
        "lead_officer": partnership.lead_officer_id or "",
        "engagement": "full",
        "council_role": partnership.council_role,
        "legal_status": "unincorporated",
        "date_formed_0": "",
        "date_formed_1": "",
        "date_formed_2": "",
        "proposed_end_date_0": "",
        "proposed_end_date_1": "",
        "proposed_end_date_2": "",
    }
    data.update(changes)
    return data


def tier_answers(significant):
    yes = "yes" if significant else "no"
    return {"statutory": yes, "additional_resources": "no", "accountable_body": "no"}


def funding_data(**changes):
    data = {"financial_year": "2026/27", "kind": "funding", "amount": "12000",
            "within_budget": "on", "description": "Grant to the partnership"}  # fmt: skip
    data.update(changes)
    return data


def held_change(officer, partnership, **fields):
    return changes.partnership_update_or_hold(
        partnership.pk,
        partnership.version,
        change_reason="The board asked.",
        **fields,
        actor=officer,
    )


def export_remits(client):
    response = client.get("/register/export.csv")
    return b"".join(response.streaming_content).decode("utf-8")


# A lead officer's changes are held -------------------------------------------------------


def test_it_holds_a_change_of_purpose_and_saves_the_rest_of_the_edit(
    people, partnership, signed_in
):
    client = signed_in(people["officer"])
    response = client.post(
        f"/register/{partnership.pk}/edit/",
        edit_data(
            partnership,
            remit=NEW_REMIT,
            meeting_frequency="Quarterly",
            change_reason="The board widened its remit at its March meeting.",
        ),
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.remit == OLD_REMIT
    assert partnership.meeting_frequency == "Quarterly"
    change = SignificantChange.objects.get()
    assert (change.kind, change.state) == (ChangeKind.RECORD, ChangeState.WAITING)
    assert change.before == {"remit": OLD_REMIT}
    assert change.after == {"remit": NEW_REMIT}
    assert change.proposed_by == people["officer"]
    assert change.reason == "The board widened its remit at its March meeting."

    page = client.get(f"/register/{partnership.pk}/").content.decode()
    assert "waiting for approval by the Head of Corporate Services" in page  # the message
    assert OLD_REMIT in page and NEW_REMIT not in page
    assert "A change to this record is waiting for approval" in page
    assert "A change to the main purpose or remit" in page
    exported = export_remits(client)
    assert OLD_REMIT in exported and NEW_REMIT not in exported
    assert Partnership.objects.search("anti-social").count() == 0


def test_it_asks_the_lead_officer_why_and_saves_nothing_without_a_reason(
    people, partnership, signed_in
):
    client = signed_in(people["officer"])
    form = client.get(f"/register/{partnership.pk}/edit/").content.decode()
    assert "Why is the change needed?" in form
    response = client.post(
        f"/register/{partnership.pk}/edit/",
        edit_data(partnership, remit=NEW_REMIT, meeting_frequency="Quarterly"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "Enter why a change to the main purpose or remit is needed" in body
    assert 'href="#id_change_reason"' in body
    partnership.refresh_from_db()
    assert partnership.meeting_frequency == ""
    assert partnership.version == 1
    assert not SignificantChange.objects.exists()


def test_it_saves_an_edit_without_significant_changes_and_asks_for_no_reason(
    people, partnership, signed_in
):
    response = signed_in(people["officer"]).post(
        f"/register/{partnership.pk}/edit/", edit_data(partnership, meeting_frequency="Monthly")
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.meeting_frequency == "Monthly"
    assert not SignificantChange.objects.exists()


def test_it_holds_a_change_of_the_councils_role(people, partnership, signed_in):
    signed_in(people["officer"]).post(
        f"/register/{partnership.pk}/edit/",
        edit_data(partnership, council_role="lead", change_reason="We now chair it."),
    )
    partnership.refresh_from_db()
    assert partnership.council_role == "major"
    change = SignificantChange.objects.get()
    assert change.after == {"council_role": "lead"}
    assert change.rows(policy_apply_preset("south-derbyshire")) == [
        ("Council's role", "Major partner", "Lead organisation")
    ]


def test_it_holds_a_change_of_tier_with_the_answers_that_decide_it(people, partnership, signed_in):
    client = signed_in(people["officer"])
    assert (
        "Why is the change needed?"
        in client.get(f"/register/{partnership.pk}/tier/").content.decode()
    )
    response = client.post(
        f"/register/{partnership.pk}/tier/",
        {**tier_answers(significant=True), "change_reason": "It became statutory."},
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.tier == Tier.STANDARD
    assert partnership.tier_answers == {}
    change = SignificantChange.objects.get()
    assert change.after["tier"] == Tier.SIGNIFICANT
    assert change.tier_answers[0]["answer"] is True
    page = client.get(f"/register/{partnership.pk}/").content.decode()
    assert "A change to the tier" in page


def test_it_saves_tier_answers_at_once_when_the_tier_stays_the_same(people, partnership, signed_in):
    signed_in(people["officer"]).post(
        f"/register/{partnership.pk}/tier/", tier_answers(significant=False)
    )
    partnership.refresh_from_db()
    assert partnership.tier == Tier.STANDARD
    assert partnership.tier_answers["answers"]
    assert not SignificantChange.objects.exists()


def test_a_change_of_tier_without_a_reason_gets_an_error_summary(people, partnership, signed_in):
    response = signed_in(people["officer"]).post(
        f"/register/{partnership.pk}/tier/", tier_answers(significant=True)
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "Enter why a change to the tier is needed" in body
    assert not SignificantChange.objects.exists()


def test_it_holds_new_funding_and_adds_other_resources_at_once(people, partnership, signed_in):
    client = signed_in(people["officer"])
    url = f"/register/{partnership.pk}/resources/add/"
    response = client.post(url, funding_data())
    assert "Enter why new funding for 2026/27 is needed" in response.content.decode()
    client.post(url, funding_data(change_reason="Match funding for the new grant."))
    client.post(url, funding_data(kind="time", amount="", hours="40", change_reason=""))
    assert [r.kind for r in partnership.resources.all()] == ["time"]
    change = SignificantChange.objects.get()
    assert change.kind == ChangeKind.ADD_FUNDING
    assert change.after["amount"] == "12000"
    page = client.get(f"/register/{partnership.pk}/").content.decode()
    assert "New funding for 2026/27" in page


def test_it_holds_a_change_to_the_amount_of_funding(people, partnership, signed_in):
    funding = ResourceFactory(partnership=partnership, amount=10000, description="Grant")
    client = signed_in(people["officer"])
    client.post(
        f"/register/{partnership.pk}/resources/{funding.pk}/edit/",
        funding_data(amount="15000", description="Grant", change_reason="The grant grew."),
    )
    funding.refresh_from_db()
    assert funding.amount == 10000
    change = SignificantChange.objects.get()
    assert (change.kind, change.resource) == (ChangeKind.CHANGE_FUNDING, funding)
    rows = change.rows(policy_apply_preset("south-derbyshire"))
    assert ("Amount (£)", "£10,000.00", "£15,000.00") in rows

    # Rewording a funding line changes no money: it is saved at once.
    client.post(
        f"/register/{partnership.pk}/resources/{funding.pk}/edit/",
        funding_data(amount="10000", description="Community grant"),
    )
    funding.refresh_from_db()
    assert funding.description == "Community grant"
    assert SignificantChange.objects.count() == 1


def test_it_holds_the_removal_of_funding_with_a_reason(people, partnership, signed_in):
    funding = ResourceFactory(partnership=partnership)
    time = ResourceFactory(partnership=partnership, kind="time", amount=None, hours=20)
    client = signed_in(people["officer"])
    url = f"/register/{partnership.pk}/resources/{funding.pk}/delete/"
    page = client.get(url).content.decode()
    assert "Why is the funding being removed?" in page
    response = client.post(url, {"change_reason": ""})
    assert "Enter why the funding is being removed" in response.content.decode()
    response = client.post(url, {"change_reason": "The grant has ended."})
    assert response.status_code == 302
    assert Resource.objects.filter(pk=funding.pk).exists()
    change = SignificantChange.objects.get()
    assert change.kind == ChangeKind.REMOVE_FUNDING
    # Other resources are removed at once.
    client.post(f"/register/{partnership.pk}/resources/{time.pk}/delete/")
    assert not Resource.objects.filter(pk=time.pk).exists()


def test_changes_to_a_partnership_that_is_not_active_apply_at_once(people, partnership):
    Partnership.objects.filter(pk=partnership.pk).update(status=Status.EXITING)
    partnership.refresh_from_db()
    assert held_change(people["officer"], partnership, remit=NEW_REMIT) is None
    partnership.refresh_from_db()
    assert partnership.remit == NEW_REMIT


def test_the_keepers_own_edits_take_effect_at_once(people, partnership, signed_in):
    client = signed_in(people["keeper"])
    assert "Why is the change needed?" not in (
        client.get(f"/register/{partnership.pk}/edit/").content.decode()
    )
    client.post(f"/register/{partnership.pk}/edit/", edit_data(partnership, remit=NEW_REMIT,
                                                               council_role="lead"))  # fmt: skip
    client.post(f"/register/{partnership.pk}/resources/add/", funding_data())
    client.post(f"/register/{partnership.pk}/tier/", tier_answers(significant=True))
    partnership.refresh_from_db()
    assert (partnership.remit, partnership.council_role) == (NEW_REMIT, "lead")
    assert partnership.tier == Tier.SIGNIFICANT
    assert partnership.resources.get().amount == 12000
    assert not SignificantChange.objects.exists()


def test_saving_the_same_change_twice_asks_once(people, partnership):
    first = held_change(people["officer"], partnership, remit=NEW_REMIT)
    partnership.refresh_from_db()
    assert held_change(people["officer"], partnership, remit=NEW_REMIT) == first
    assert SignificantChange.objects.count() == 1


def test_a_stale_edit_holds_nothing(people, partnership):
    changes.partnership_update_or_hold(
        partnership.pk, 1, meeting_location="Hall", actor=people["keeper"]
    )
    with pytest.raises(changes.services.StaleEdit):
        held_change(people["officer"], partnership, remit=NEW_REMIT)
    assert not SignificantChange.objects.exists()


def test_the_keeper_is_emailed_when_a_change_is_held(
    people, partnership, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    assert [m.to for m in mailoutbox] == [["keeper@example.org"]]
    assert "Significant change: Community Safety Partnership" in mailoutbox[0].subject
    assert change.get_absolute_url() in mailoutbox[0].body


def test_the_proposer_hears_of_each_outcome_once(
    people, partnership, mailoutbox, django_capture_on_commit_callbacks
):
    officer_mail = lambda: [m for m in mailoutbox if m.to == ["officer@example.org"]]  # noqa: E731
    with django_capture_on_commit_callbacks(execute=True):
        applied = held_change(people["officer"], partnership, remit=NEW_REMIT)
        changes.change_apply(applied.pk, actor=people["keeper"])
    assert len(officer_mail()) == 1
    partnership.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        sent = held_change(people["officer"], partnership, council_role="lead")
        changes.change_send(sent.pk, actor=people["keeper"])
        route = Route.objects.get()
        route_decide(route.pk, 0, Outcome.APPROVED, "Agreed.", **MEETING, actor=people["clerk"])
    assert len(officer_mail()) == 2


# The register keeper's decision ----------------------------------------------------------


def test_the_keeper_applies_it_and_the_history_names_them_and_the_proposer(
    people, partnership, signed_in
):
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    client = signed_in(people["keeper"])
    page = client.get(f"/register/changes/{change.pk}/decide/").content.decode()
    assert OLD_REMIT in page and NEW_REMIT in page and "The board asked." in page
    response = client.post(
        f"/register/changes/{change.pk}/decide/", {"decision": "apply", "comment": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/register/changes/{change.pk}/"
    partnership.refresh_from_db()
    assert partnership.remit == NEW_REMIT
    latest = partnership.history.order_by("-history_date").first()
    assert latest.history_user == people["keeper"]
    assert people["officer"].display_name in latest.history_change_reason
    change.refresh_from_db()
    assert (change.state, change.decided_by) == (ChangeState.APPLIED, people["keeper"])
    record = client.get(f"/register/{partnership.pk}/").content.decode()
    assert NEW_REMIT in record
    assert "waiting for approval" not in record


def test_applying_funding_changes_the_resources(people, partnership):
    funding = ResourceFactory(partnership=partnership, amount=10000)
    officer, keeper = people["officer"], people["keeper"]
    added = changes.part_save_or_hold(
        partnership.pk,
        Resource(financial_year="2027/28", kind="funding", amount=5000),
        "Next year's grant",
        actor=officer,
    )
    funding.amount = 15000
    changed = changes.part_save_or_hold(partnership.pk, funding, "The grant grew", actor=officer)
    for change in [added, changed]:
        changes.change_apply(change.pk, actor=keeper)
    amounts = sorted(r.amount for r in partnership.resources.all())
    assert amounts == [5000, 15000]
    removed = changes.part_delete_or_hold(partnership.pk, funding, "It ended", actor=officer)
    changes.change_apply(removed.pk, actor=keeper)
    assert [r.amount for r in partnership.resources.all()] == [5000]


def test_funding_removed_since_cannot_be_applied(people, partnership, signed_in):
    funding = ResourceFactory(partnership=partnership, amount=10000)
    funding.amount = 15000
    change = changes.part_save_or_hold(
        partnership.pk, funding, "The grant grew", actor=people["officer"]
    )
    Resource.objects.filter(pk=funding.pk).delete()
    response = signed_in(people["keeper"]).post(
        f"/register/changes/{change.pk}/decide/", {"decision": "apply"}
    )
    assert response.status_code == 200
    assert "has since been removed from the record" in response.content.decode()
    change.refresh_from_db()
    assert change.state == ChangeState.WAITING


def test_the_keeper_sends_it_to_smt_and_the_clerks_approval_applies_it(
    people, partnership, signed_in
):
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    client = signed_in(people["keeper"])
    form = client.get(f"/register/changes/{change.pk}/decide/").content.decode()
    assert "Send it to the Senior Management Team (SMT) to decide" in form
    client.post(f"/register/changes/{change.pk}/decide/", {"decision": "send"})
    change.refresh_from_db()
    assert change.state == ChangeState.SENT
    route = Route.objects.get()
    assert route.kind == "significant_change"
    assert [s["key"] for s in route.steps] == ["smt"]
    partnership.refresh_from_db()
    assert partnership.remit == OLD_REMIT

    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed.", **MEETING, actor=people["clerk"])
    partnership.refresh_from_db()
    change.refresh_from_db()
    assert partnership.remit == NEW_REMIT
    assert (change.state, change.decided_by) == (ChangeState.APPLIED, people["clerk"])


@pytest.mark.parametrize("preset", ["chorley", "melton", "northamptonshire", "nottinghamshire"])
def test_every_preset_has_the_significant_change_route(people, partnership, preset):
    policy_apply_preset(preset)
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    changes.change_send(change.pk, actor=people["keeper"])
    assert [s["key"] for s in Route.objects.get().steps] == ["smt"]


def test_an_smt_rejection_leaves_the_register_unchanged(people, partnership):
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    changes.change_send(change.pk, actor=people["keeper"])
    route = Route.objects.get()
    route_decide(route.pk, 0, Outcome.REJECTED, "Not now.", **MEETING, actor=people["clerk"])
    partnership.refresh_from_db()
    change.refresh_from_db()
    assert partnership.remit == OLD_REMIT
    assert change.state == ChangeState.REJECTED
    assert change.decision_note == "Not now."
    assert not SignificantChange.objects.waiting().exists()


def test_a_returned_change_can_be_sent_again_or_declined(people, partnership, signed_in):
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    changes.change_send(change.pk, actor=people["keeper"])
    route = Route.objects.get()
    route_decide(route.pk, 0, Outcome.RETURNED, "Say more.", **MEETING, actor=people["clerk"])
    change.refresh_from_db()
    assert change.state == ChangeState.RETURNED
    assert list(SignificantChange.objects.waiting()) == [change]
    partnership.refresh_from_db()
    assert partnership.remit == OLD_REMIT

    client = signed_in(people["keeper"])
    form = client.get(f"/register/changes/{change.pk}/decide/").content.decode()
    assert 'value="apply"' not in form
    assert "Send it to the Senior Management Team (SMT) again to decide" in form
    with pytest.raises(ValidationError):
        changes.change_apply(change.pk, actor=people["keeper"])
    client.post(f"/register/changes/{change.pk}/decide/", {"decision": "send"})
    route.refresh_from_db()
    assert (route.state, route.round) == (RouteState.IN_PROGRESS, 2)
    route_decide(route.pk, 0, Outcome.RETURNED, "Still unclear.", **MEETING, actor=people["clerk"])

    client.post(f"/register/changes/{change.pk}/decide/",
                {"decision": "decline", "comment": "Dropped: the board withdrew it."})  # fmt: skip
    change.refresh_from_db()
    assert change.state == ChangeState.DECLINED
    partnership.refresh_from_db()
    assert partnership.remit == OLD_REMIT


def test_the_keeper_declines_it_with_a_reason(people, partnership, signed_in):
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    client = signed_in(people["keeper"])
    response = client.post(f"/register/changes/{change.pk}/decide/", {"decision": "decline"})
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Enter why you are declining the change" in body
    client.post(f"/register/changes/{change.pk}/decide/",
                {"decision": "decline", "comment": "The remit is set by statute."})  # fmt: skip
    change.refresh_from_db()
    assert (change.state, change.decision_note) == (
        ChangeState.DECLINED,
        "The remit is set by statute.",
    )
    partnership.refresh_from_db()
    assert partnership.remit == OLD_REMIT
    # A decided change is decided once.
    response = client.get(f"/register/changes/{change.pk}/decide/")
    assert response.status_code == 302
    with pytest.raises(ValidationError):
        changes.change_apply(change.pk, actor=people["keeper"])


def test_the_decision_page_needs_a_choice(people, partnership, signed_in):
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    response = signed_in(people["keeper"]).post(f"/register/changes/{change.pk}/decide/", {})
    assert "Select what to do with the change" in response.content.decode()


def test_the_keeper_is_warned_when_the_record_changed_since(people, partnership, signed_in):
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    changes.partnership_update_or_hold(
        partnership.pk, 2, remit="Set by the keeper.", actor=people["keeper"]
    )
    page = signed_in(people["keeper"]).get(f"/register/changes/{change.pk}/decide/")
    assert "The record has changed since this was asked for" in page.content.decode()


# Who may do what -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "head", "smt", "clerk", "auditor", "member", "admin"])
def test_only_the_keeper_decides(people, partnership, signed_in, who):
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    client = signed_in(people[who])
    assert client.get(f"/register/changes/{change.pk}/decide/").status_code == 403
    response = client.post(f"/register/changes/{change.pk}/decide/", {"decision": "apply"})
    assert response.status_code == 403
    assert client.get("/register/changes/").status_code == 403
    for service in [changes.change_apply, changes.change_send]:
        with pytest.raises(PermissionDenied):
            service(change.pk, actor=people[who])
    with pytest.raises(PermissionDenied):
        changes.change_decline(change.pk, "No", actor=people[who])
    change.refresh_from_db()
    assert change.state == ChangeState.WAITING


def test_the_change_is_read_by_those_who_decide_and_the_lead_officer_only(
    people, partnership, client
):
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    other_officer = UserFactory(username="other_officer", role=Role.OFFICER)
    client.force_login(people["officer"])
    body = client.get(f"/register/changes/{change.pk}/").content.decode()
    assert NEW_REMIT in body and "Decide on this change" not in body
    client.force_login(other_officer)
    assert client.get(f"/register/changes/{change.pk}/").status_code == 403
    # The record page names the change to everyone, and links to it for those who may read it.
    record = client.get(f"/register/{partnership.pk}/").content.decode()
    assert "A change to the main purpose or remit" in record
    assert f"/register/changes/{change.pk}/" not in record


def test_a_lead_officer_cannot_hold_changes_to_a_partnership_they_do_not_lead(people, partnership):
    with pytest.raises(PermissionDenied):
        held_change(people["member"], partnership, remit=NEW_REMIT)
    with pytest.raises(PermissionDenied):
        changes.tier_decide_or_hold(partnership.pk, {"statutory": True}, actor=people["member"])
    assert not SignificantChange.objects.exists()


@pytest.mark.parametrize("rows", [3, 30])
def test_the_change_list_query_count_does_not_grow_with_rows(
    rows, people, partnership, signed_in, django_assert_max_num_queries
):
    for n in range(rows):
        other = PartnershipFactory(lead_officer=people["officer"])
        held_change(people["officer"], other, remit=f"New remit {n}")
    client = signed_in(people["keeper"])
    client.get("/")
    # Session, user, policy, the inbox in the navigation, count, and the page of changes.
    with django_assert_max_num_queries(6 + KEEPER_INBOX_QUERIES):
        response = client.get("/register/changes/")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == rows


def test_the_change_list_shows_what_waits(people, partnership, signed_in):
    held_change(people["officer"], partnership, remit=NEW_REMIT)
    body = signed_in(people["keeper"]).get("/register/changes/").content.decode()
    assert "Community Safety Partnership" in body
    assert "A change to the main purpose or remit" in body
    assert people["officer"].display_name in body


def test_nothing_breaks_when_the_policy_has_no_route_for_changes(people, partnership, signed_in):
    change = held_change(people["officer"], partnership, remit=NEW_REMIT)
    policy = policy_apply_preset("south-derbyshire")
    policy.routes.pop("significant_change")
    policy.save()
    client = signed_in(people["keeper"])
    form = client.get(f"/register/changes/{change.pk}/decide/").content.decode()
    assert "Send it" not in form
    response = client.post(f"/register/changes/{change.pk}/decide/", {"decision": "send"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
