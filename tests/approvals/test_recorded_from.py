"""P4: what the clerk records a committee step's decision from. A meeting's decision is
recorded with the meeting's date and minute; Nottinghamshire's Cabinet lead (000 s3.1.2) is one
Member's decision, recorded with the decision's own date and reference. The step's own data in
the policy says which, so other councils' meeting steps keep the meeting's words."""

import pytest

from accounts.policy import Policy, recorded_from
from accounts.services import policy_apply_preset
from approvals.forms import DecisionForm
from leaving.models import ROUTE_KIND


def labels(step):
    form = DecisionForm(step=step, documents=None)
    return form.fields["meeting_date"].label, form.fields["minute_reference"].label


@pytest.mark.django_db
def test_it_asks_for_the_date_and_reference_of_the_cabinet_leads_decision():
    policy = policy_apply_preset("nottinghamshire")
    cabinet_lead = policy.route_steps(ROUTE_KIND, "significant")[1]
    assert cabinet_lead["recorded"] == "decision"
    assert labels(cabinet_lead) == ("Date of the decision", "Decision reference")
    form = DecisionForm({"step_index": 1, "outcome": "approved", "comment": "Agreed."},
                        step=cabinet_lead, documents=None)  # fmt: skip
    assert not form.is_valid()
    assert form.errors["minute_reference"] == ["Enter the decision reference"]
    assert form.errors["meeting_date"] == ["Enter the date of the decision"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "preset, kind, index",
    [("chorley", ROUTE_KIND, 2), ("nottinghamshire", "proposal", 2), ("melton", "proposal", -1)],
)
def test_it_keeps_the_meetings_words_for_every_other_committee_step(preset, kind, index):
    step = policy_apply_preset(preset).route_steps(kind, "significant")[index]
    assert step["committee"] and step["recorded"] == "meeting"
    assert labels(step) == ("Date of the meeting", "Minute reference")


def test_it_reads_a_route_started_before_steps_said_as_a_meeting():
    older = {"key": "cabinet", "committee": "cabinet", "label": "Cabinet"}
    assert recorded_from(older)["reference"] == "Minute reference"


def test_it_refuses_a_recorded_decision_on_a_step_no_committee_takes():
    policy = Policy.from_preset("nottinghamshire")
    policy.routes["withdrawal"]["standard"] = [{"step": "head_of_service", "recorded": "decision"}]
    with pytest.raises(KeyError, match="no committee's"):
        policy.route_steps("withdrawal", "standard")
    policy.routes["withdrawal"]["standard"] = [{"step": "cabinet", "recorded": "vote"}]
    with pytest.raises(KeyError, match="meeting or a decision"):
        policy.route_steps("withdrawal", "standard")


@pytest.mark.django_db
def test_it_brings_an_applied_nottinghamshire_policy_to_the_cabinet_leads_decision():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("accounts.migrations.0018_cabinet_lead_decision")
    policy = policy_apply_preset("nottinghamshire")
    earlier = {"significant": migration.EARLIER_WITHDRAWAL, "standard": ["head_of_service"]}
    Policy.objects.filter(pk=policy.pk).update(routes={**policy.routes, "withdrawal": earlier})
    migration.follow_preset(apps, None)
    policy.refresh_from_db()
    assert policy.route_steps(ROUTE_KIND, "significant")[1]["recorded"] == "decision"
    # What the council changed itself stays as it is.
    assert policy.routes["withdrawal"]["standard"] == ["head_of_service"]


@pytest.mark.parametrize(
    "recorded, expected",
    [
        ("decision", ["Decision of 3 November 2026", "Reference DEC/2028/19"]),
        ("meeting", ["Meeting of 3 November 2026", "Minute DEC/2028/19"]),
    ],
)
def test_the_printed_trail_says_what_the_decision_was_recorded_from(recorded, expected):
    from datetime import date

    from django.template.loader import render_to_string
    from django.utils import timezone

    from approvals.models import Decision, Route

    step = {"key": "cabinet", "committee": "cabinet", "label": "Cabinet lead", "recorded": recorded}
    decision = Decision(
        route=Route(steps=[step]), step_index=0, step_label="Cabinet lead", round=1,
        decided_at=timezone.now(), meeting_date=date(2026, 11, 3),
        minute_reference="DEC/2028/19", decider_name="Pat Clerk",
    )  # fmt: skip
    printed = " ".join(
        render_to_string("pdf/decisions.html", {"decisions": [decision], "rounds": 1}).split()
    )
    for words in expected:
        assert words in printed
