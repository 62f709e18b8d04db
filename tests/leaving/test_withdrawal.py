"""Leaving a partnership (V7): who may propose it, what it must answer, where it goes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approvals.models import Route
from approvals.services import route_decide
from leaving.models import ROUTE_KIND, Withdrawal, WithdrawalState
from leaving.services import (
    needs_advice,
    withdrawal_save,
    withdrawal_start,
    withdrawal_submit,
)
from partnerships.models import Kind, LegalStatus, Partnership, Status
from tests.factories import PartnershipFactory, UserFactory

from .conftest import ADVICE, ANSWERS, approve_withdrawal, decide_every_step, withdraw


@pytest.mark.parametrize(
    ("record", "needed"),
    [
        ({"statutory": True}, True),
        ({"kind": Kind.CONTRACT}, True),
        ({"legal_status": LegalStatus.CONTRACT}, True),
        ({"legal_status": LegalStatus.STATUTORY_BODY}, True),
        ({"has_agreement": True, "legal_status": LegalStatus.UNINCORPORATED}, False),
        ({}, False),
    ],
)
def test_it_needs_advice_only_when_the_partnership_is_statutory_or_contractual(db, record, needed):
    assert needs_advice(PartnershipFactory(**record)) is needed


def test_it_will_not_send_a_statutory_withdrawal_without_legal_and_financial_advice(
    people, partnership
):
    officer = people["officer"]
    withdrawal = withdrawal_start(partnership.pk, actor=officer)
    with pytest.raises(ValidationError) as raised:
        withdrawal_submit(withdrawal.pk, **ANSWERS, actor=officer)
    assert set(raised.value.message_dict) == {"legal_advice", "financial_advice"}
    withdrawal.refresh_from_db()
    assert withdrawal.state == WithdrawalState.DRAFT
    assert withdrawal.reasons == ""  # nothing half-saved
    assert Route.objects.of(withdrawal, ROUTE_KIND) is None


def test_it_sends_a_withdrawal_without_advice_when_none_is_needed(people, policy):
    plain = PartnershipFactory(lead_service=people["service"], lead_officer=people["officer"])
    withdrawal = withdrawal_start(plain.pk, actor=people["officer"])
    withdrawal_submit(withdrawal.pk, **ANSWERS, actor=people["officer"])
    route = Route.objects.of(withdrawal, ROUTE_KIND)
    assert [step["key"] for step in route.steps] == ["head_of_service", "register_keeper"]
    assert route.current_holder == "head_of_service"


def test_it_starts_from_the_exit_strategy_on_the_record_and_keeps_a_draft(people, partnership):
    withdrawal = withdrawal_start(partnership.pk, actor=people["officer"])
    assert withdrawal.exit_strategy == "Give six months' notice."
    withdrawal_save(withdrawal.pk, reasons="Its work is done.", actor=people["officer"])
    withdrawal.refresh_from_db()
    assert (withdrawal.state, withdrawal.reasons) == (WithdrawalState.DRAFT, "Its work is done.")
    assert withdrawal.history.first().history_user == people["officer"]


def test_it_lets_the_lead_officer_sponsor_and_register_keeper_propose_leaving(people, policy):
    sponsor = UserFactory(username="sponsor", role="smt")
    for who in [people["officer"], sponsor, people["keeper"]]:
        partnership = PartnershipFactory(lead_officer=people["officer"], sponsor=sponsor)
        assert withdrawal_start(partnership.pk, actor=who).proposed_by == who


@pytest.mark.parametrize("who", ["head", "smt", "auditor", "member", "other_officer"])
def test_it_refuses_anyone_else_who_proposes_leaving(people, partnership, who):
    people["other_officer"] = UserFactory(username="other", role="officer")
    with pytest.raises(PermissionDenied):
        withdrawal_start(partnership.pk, actor=people[who])
    assert not Withdrawal.objects.exists()


def test_it_refuses_a_second_proposal_while_one_is_under_way(people, partnership):
    withdrawal_start(partnership.pk, actor=people["officer"])
    with pytest.raises(ValidationError):
        withdrawal_start(partnership.pk, actor=people["keeper"])


@pytest.mark.parametrize("status", [Status.EXITING, Status.CEASED, Status.PROPOSED])
def test_it_refuses_to_leave_a_partnership_that_is_not_active(people, partnership, status):
    Partnership.objects.filter(pk=partnership.pk).update(status=status)
    with pytest.raises(PermissionDenied):
        withdrawal_start(partnership.pk, actor=people["officer"])


def test_it_lets_only_the_holders_of_the_route_decide(people, partnership):
    withdrawal = withdraw(people["officer"], partnership)
    route = Route.objects.of(withdrawal, ROUTE_KIND)
    for outsider in [people["other_head"], people["officer"], people["keeper"], people["smt"]]:
        with pytest.raises(PermissionDenied):
            route_decide(route.pk, 0, "approved", "Agreed.", actor=outsider)
    route_decide(route.pk, 0, "approved", "Agreed.", actor=people["head"])
    with pytest.raises(PermissionDenied):
        route_decide(route.pk, 1, "approved", "Agreed.", actor=people["head"])


def test_it_makes_the_partnership_exiting_when_the_withdrawal_is_approved(people, partnership):
    withdrawal = withdraw(people["officer"], partnership)
    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE  # still in, until it is decided
    approve_withdrawal(withdrawal, people)
    partnership.refresh_from_db()
    withdrawal.refresh_from_db()
    assert partnership.status == Status.EXITING
    assert withdrawal.state == WithdrawalState.APPROVED and withdrawal.decided_at
    latest = partnership.history.first()
    assert (latest.status, latest.history_user) == (Status.EXITING, people["keeper"])
    assert latest.history_change_reason == f"Withdrawal {withdrawal.pk} approved"


def test_it_keeps_the_partnership_when_the_withdrawal_is_rejected(people, partnership):
    withdrawal = withdraw(people["officer"], partnership)
    decide_every_step(withdrawal, ROUTE_KIND, people, outcome="rejected")
    partnership.refresh_from_db()
    withdrawal.refresh_from_db()
    assert (partnership.status, withdrawal.state) == (Status.ACTIVE, WithdrawalState.REJECTED)
    # It is kept, and leaving may be proposed again.
    assert withdrawal_start(partnership.pk, actor=people["officer"]).state == WithdrawalState.DRAFT


def test_it_sends_a_returned_withdrawal_again_from_the_first_step(people, partnership):
    withdrawal = withdraw(people["officer"], partnership)
    route = Route.objects.of(withdrawal, ROUTE_KIND)
    route_decide(route.pk, 0, "returned", "Say who chairs it next.", actor=people["head"])
    withdrawal.refresh_from_db()
    assert withdrawal.state == WithdrawalState.RETURNED
    withdrawal_submit(withdrawal.pk, handover="The county chairs it.", actor=people["officer"])
    route.refresh_from_db()
    assert (route.round, route.current_step, route.state) == (2, 0, "in_progress")
    withdrawal.refresh_from_db()
    assert withdrawal.handover == "The county chairs it."
    assert withdrawal.legal_advice == ADVICE["legal_advice"]


def test_it_cannot_change_a_withdrawal_once_sent(people, partnership):
    withdrawal = withdraw(people["officer"], partnership)
    with pytest.raises(PermissionDenied):
        withdrawal_save(withdrawal.pk, reasons="Changed my mind", actor=people["officer"])
