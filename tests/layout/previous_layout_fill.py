"""Fills a database through the services of the portal as it was before the apps were put in
layers (run with that tree's code, by test_migrating_from_the_previous_layout.py): a proposal
on its route with a decision, a completed form on its sign-off route, a significant change,
and a withdrawal with its route. Prints what it made as JSON."""

import datetime
import json

from django.contrib.contenttypes.models import ContentType
from partnerships.proposal_services import proposal_save, proposal_start, proposal_submit
from partnerships.routes import Route
from partnerships.routing import route_decide
from partnerships.withdrawal_services import withdrawal_start, withdrawal_submit

from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from assessments.services import form_save_answers, form_start, form_submit
from partnerships import changes
from partnerships.models import Status
from tests.approvals.conftest import answer_everything
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory

policy = policy_apply_preset("south-derbyshire")
load_forms()
service = ServiceFactory(name="Streetscene")


def person(username, role, service=None):
    return UserFactory(username=username, role=role, service=service)


officer = person("officer", Role.OFFICER, service)
head = person("head", Role.HEAD_OF_SERVICE, service)
keeper = person("keeper", Role.REGISTER_KEEPER)

# A proposal, submitted, approved at its first step (Head of Service).
proposal = proposal_start(officer, "Community Safety Partnership", service)
answers = [{"key": q["key"], "question": q["text"], "answer": False} for q in policy.tier_questions]
proposal_save(
    officer,
    proposal.pk,
    partnership_fields={
        "remit": "To reduce crime and disorder.",
        "council_is_accountable_body": True,
        "tier": "standard",
        "tier_answers": {"policy": "south-derbyshire", "answers": answers},
    },
    proposal_fields={
        "alternative_existing": "None does this.",
        "alternative_consult": "Not enough.",
        "alternative_contract": "Not suitable.",
    },
)
for key in policy.checklists_for("standard"):
    checklist = form_start(officer, proposal.partnership, key)
    form_save_answers(officer, checklist.pk, answer_everything(checklist))
proposal = proposal_submit(officer, proposal.pk)
route = Route.objects.of(proposal, "proposal")
route_decide(head, route.pk, 0, "approved", "Agreed by the Head of Service.")

# An active partnership led by the officer: an assessment on its route, a significant change
# held for the keeper and a proposal to leave it.
active = PartnershipFactory(
    name="Leisure Trust", lead_service=service, lead_officer=officer, status=Status.ACTIVE
)
assessment = form_start(officer, active, policy.assessment_form)
form_save_answers(officer, assessment.pk, answer_everything(assessment))
form_submit(officer, assessment.pk)
held = changes.partnership_update(
    officer, active.pk, active.version, change_reason="The board asked.", remit="A new remit."
)
active.refresh_from_db()
withdrawal = withdrawal_start(officer, active.pk)
withdrawal = withdrawal_submit(
    officer,
    withdrawal.pk,
    reasons="It no longer meets the council's objectives.",
    risks="Loss of influence.",
    handover="The county takes over.",
    continuity="Services continue under the county.",
    exit_strategy="Six months' notice.",
    exit_date=datetime.date(2027, 3, 31),
)

print(
    json.dumps(
        {
            "routes": {
                str(r.pk): [r.subject_type.app_label, r.subject_type.model, r.subject_id]
                for r in Route.objects.all()
            },
            "proposal": proposal.pk,
            "change": held.pk,
            "withdrawal": withdrawal.pk,
            "assessment": assessment.pk,
            "content_types": ContentType.objects.count(),
        }
    )
)
