import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.services import route_decide
from assessments.loader import load_forms
from assessments.services import form_save_answers, form_start
from proposals.services import proposal_save, proposal_start
from tests.factories import ServiceFactory, UserFactory


@pytest.fixture
def people(db):
    """One person for each role in a route, the Head of Service in the proposer's service."""
    streetscene = ServiceFactory(name="Streetscene")
    housing = ServiceFactory(name="Housing")
    make = lambda username, role, service=None, **more: UserFactory(  # noqa: E731
        username=username, role=role, service=service, email=f"{username}@example.org", **more
    )
    return {
        "officer": make("officer", Role.OFFICER, streetscene),
        "head": make("head", Role.HEAD_OF_SERVICE, streetscene),
        "other_head": make("other_head", Role.HEAD_OF_SERVICE, housing),
        "keeper": make("keeper", Role.REGISTER_KEEPER),
        # A Director: a post some presets give a step to (Northamptonshire's delegated one).
        "smt": make("smt", Role.SMT, job_title="Director"),
        "clerk": make("clerk", Role.CLERK),
        "auditor": make("auditor", Role.AUDITOR),
        "member": make("member", Role.MEMBER),
        "admin": make("admin", Role.ADMIN),
        "service": streetscene,
    }


@pytest.fixture
def make_proposal(people):
    """A complete proposal, ready to submit, with the tier the test asks for."""

    made = []

    def make(
        tier="significant", preset="south-derbyshire", extra_authority=False, name=None,
        checklists=True, proposer="officer",
    ):  # fmt: skip
        policy = policy_apply_preset(preset)
        made.append(name)
        name = name or "Community Safety Partnership" + (f" {len(made)}" if made[1:] else "")
        proposer = people[proposer]
        proposal = proposal_start(name, people["service"], actor=proposer)
        answers = [
            {"key": q["key"], "question": q["text"], "answer": tier == "significant"}
            for q in policy.tier_questions
        ]
        if checklists:
            complete_checklists(proposer, proposal, policy.checklists_for(tier))
        return proposal_save(
            proposal.pk,
            partnership_fields={
                "remit": "To reduce crime and disorder.",
                "council_is_accountable_body": True,
                "tier": tier,
                "tier_answers": {"policy": preset, "answers": answers},
            },
            proposal_fields={
                "alternative_existing": "No existing partnership covers this.",
                "alternative_consult": "Consultation alone would not reduce crime.",
                "alternative_contract": "A contract would not bring the police in.",
                "needs_extra_authority": extra_authority,
                "extra_authority_reason": "Spending beyond delegation" if extra_authority else "",
            },
            actor=proposer,
        )

    return make


def answer_everything(form):
    """An answer to every question of a completed form, of the right type."""
    answers = {}
    for question in form.template.questions():
        value = {
            "rating": "3",
            "yes_no": "yes",
            "yes_no_dont_know": "yes",
            "covered": "written",
            "date": "2026-11-01",
            "number": "1",
            "money": "1",
            "documents": [],
        }.get(question["type"], "Answered")
        if question["type"] in {"choice", "ranking"}:
            value = question["options"][0]
        answers[question["key"]] = {"value": value}
    return answers


def complete_checklists(officer, proposal, keys):
    """P2: the pre-partnership checklists the policy asks for, all answered."""
    if keys:
        load_forms()
    for key in keys:
        form = form_start(proposal.partnership, key, actor=officer)
        form_save_answers(form.pk, answer_everything(form), actor=officer)


def meeting(days_ago, minute):
    """A committee's meeting as the clerk records it: held `days_ago` days ago (a negative
    number for one still to come) and its minute reference."""
    return {
        "meeting_date": timezone.localdate() - datetime.timedelta(days=days_ago),
        "minute_reference": minute,
    }


def clerk_decides(route, outcome, clerk, days_ago, minute, comment="Noted."):
    """The clerk records the committee's decision at whichever step the route waits at."""
    route.refresh_from_db()
    return route_decide(
        route.pk, route.current_step, outcome, comment, **meeting(days_ago, minute), actor=clerk
    )
