import datetime

import pytest

from accounts.policy import Policy
from accounts.services import policy_apply_preset
from approvals.models import Route
from approvals.services import route_decide
from assessments.loader import load_forms
from assessments.services import form_save_answers, form_start, form_submit
from leaving.models import ROUTE_KIND
from leaving.services import withdrawal_start, withdrawal_submit
from tests.approvals import conftest as approvals
from tests.approvals.conftest import answer_everything
from tests.factories import PartnershipFactory

# One person for each role in a route (tests/approvals), shared as a fixture here.
people = approvals.people

ANSWERS = {
    "reasons": "The partnership no longer meets the council's objectives.",
    "risks": "Loss of influence over community safety; managed through the district forum.",
    "handover": "The county council takes over chairing and the data-sharing agreement.",
    "continuity": "Patrols continue under the county's contract.",
    "exit_strategy": "Six months' notice, then hand over the chair.",
    "exit_date": datetime.date(2027, 3, 31),
}
ADVICE = {
    "legal_advice": "Legal Services, 2 November 2026: notice may be given under clause 12.",
    "financial_advice": "Finance, 3 November 2026: no liabilities remain after March.",
}


@pytest.fixture
def policy(db):
    return policy_apply_preset("south-derbyshire")


@pytest.fixture
def partnership(people, policy):
    """A statutory partnership led by the officer, in their service (standard tier)."""
    return PartnershipFactory(
        name="Community Safety Partnership",
        statutory=True,
        lead_service=people["service"],
        lead_officer=people["officer"],
        exit_strategy="Give six months' notice.",
    )


def withdraw(actor, partnership, **answers):
    """A proposal to leave, answered in full with advice, sent for a decision."""
    withdrawal = withdrawal_start(partnership.pk, actor=actor)
    return withdrawal_submit(withdrawal.pk, **{**ANSWERS, **ADVICE, **answers}, actor=actor)


def decide_every_step(subject, kind, people, outcome="approved"):
    """Each step of the subject's route decided by its holder, the last with `outcome`."""
    route = Route.objects.of(subject, kind)
    holders = {
        "head_of_service": people["head"],
        "register_keeper": people["keeper"],
        "smt": people["smt"],
        "clerk": people["clerk"],
    }
    while route.state == "in_progress":
        step = route.steps[route.current_step]
        last = route.current_step == len(route.steps) - 1
        committee = {"meeting_date": datetime.date(2026, 11, 3), "minute_reference": "M/1"}
        route_decide(
            route.pk,
            route.current_step,
            outcome if last else "approved",
            "Agreed.",
            **(committee if step["committee"] else {}),
            actor=holders[step["holder"]],
        )
        route.refresh_from_db()
    return route


def approve_withdrawal(withdrawal, people):
    return decide_every_step(withdrawal, ROUTE_KIND, people)


def submit_evaluation(officer, partnership):
    """The policy's evaluation form, answered and sent for a decision."""
    load_forms()
    form = form_start(partnership, Policy.current().cessation_form, actor=officer)
    answers = answer_everything(form)
    answers["1.2"] = {"value": "Joint patrols cut reported anti-social behaviour by a third."}
    answers["1.3"] = {"value": "Agree data sharing before the first meeting."}
    form_save_answers(form.pk, answers, actor=officer)
    return form_submit(form.pk, actor=officer)


def accept_evaluation(form, people):
    return decide_every_step(form, "evaluation", people)
