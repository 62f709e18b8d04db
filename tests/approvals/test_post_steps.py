"""A route step held by a named post as well as a role: Chorley's memorandum of
understanding "approved by the Head of Governance" (003), Northamptonshire's delegated
approval by "the Assistant Chief Executive or Director" (002). Only the person whose job
title is the post decides it; the decision records the post; the inbox shows the step to
them alone; the decide page tells anyone else why not."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.inbox import count_for, differences, tasks_for
from accounts.models import User
from accounts.policy import Policy, preset_keys
from accounts.services import policy_apply_preset
from accounts.tasks import Task
from approvals.models import Outcome, Route
from approvals.services import may_decide, outside_post, route_decide
from assessments.loader import load_forms
from assessments.services import form_save_answers, form_start, form_submit
from proposals.services import proposal_submit
from tests.factories import PartnershipFactory, UserFactory

from .conftest import answer_everything


@pytest.fixture
def posts(people):
    """SMT members in the posts the presets name, beside the fixture's Director."""
    make = lambda username, title: UserFactory(  # noqa: E731
        username=username, role="smt", service=None, job_title=title
    )
    return {
        "governance": make("governance", "Head of Governance"),
        "ace": make("ace", "Assistant Chief Executive"),
        # Their job title is the post, but they are not of SMT: the role still holds it.
        "officer": UserFactory(username="clerical", role="officer", job_title="Head of Governance"),
    }


@pytest.fixture
def memorandum(people, posts):
    """Chorley's memorandum of understanding, sent for approval along the agreement route."""
    policy_apply_preset("chorley")
    load_forms()
    partnership = PartnershipFactory(
        tier="significant", lead_service=people["service"], lead_officer=people["officer"]
    )
    form = form_start(partnership, "chorley-memorandum", actor=people["officer"])
    form_save_answers(form.pk, answer_everything(form), actor=people["officer"])
    form_submit(form.pk, actor=people["officer"])
    return Route.objects.get(kind="agreement")


def delegated(people, make_proposal):
    """A Northamptonshire proposal past its checklist, at the delegated approval."""
    proposal = proposal_submit(make_proposal("standard", "northamptonshire").pk,
                               actor=people["officer"])  # fmt: skip
    route = Route.objects.get(kind="proposal", subject_id=proposal.pk)
    route_decide(route.pk, 0, Outcome.APPROVED, "Checklist complete.", actor=people["head"])
    route.refresh_from_db()
    return route


# The policy -------------------------------------------------------------------------------


def test_it_reads_a_post_or_a_list_of_posts_from_the_policy():
    chorley = Policy.from_preset("chorley").route_steps("agreement", "significant")
    assert chorley[0]["posts"] == ["Head of Governance"]
    northants = Policy.from_preset("northamptonshire").route_steps("proposal", "standard")
    assert northants[1]["posts"] == ["Assistant Chief Executive", "Director"]
    # A step without one is the role's, as before.
    assert northants[0]["posts"] == []
    south = Policy.from_preset("south-derbyshire")
    assert all(not step["posts"] for step in south.route_steps("proposal", "significant"))


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ({"step": "cabinet", "post": "Leader"}, "meeting's decision"),
        ({"step": "head_of_service", "post": "Director"}, "held within a service"),
        ({"step": "director", "post": []}, "job title or a list"),
        ({"step": "director", "post": ["Director", ""]}, "each be a job title"),
        ({"step": "director", "post": 3}, "job title or a list"),
    ],
)
def test_it_refuses_a_post_the_engine_cannot_give_when_the_policy_is_saved(db, entry, said):
    policy = Policy.from_preset("chorley")
    policy.routes = {**policy.routes, "agreement": {"significant": [entry]}}
    with pytest.raises(ValidationError) as refused:
        policy.clean()
    assert said in " ".join(refused.value.message_dict["routes"])


@pytest.mark.parametrize("preset", preset_keys())
def test_it_applies_every_preset_with_its_posts(db, preset):
    assert policy_apply_preset(preset).preset == preset


# Deciding ---------------------------------------------------------------------------------


def test_it_lets_only_the_head_of_governance_approve_the_memorandum(people, posts, memorandum):
    for outsider in (people["smt"], posts["ace"], posts["officer"]):
        assert not may_decide(outsider, memorandum)
        with pytest.raises(PermissionDenied):
            route_decide(memorandum.pk, 0, Outcome.APPROVED, "Agreed.", actor=outsider)
    decision = route_decide(memorandum.pk, 0, Outcome.APPROVED, "Agreed.",
                            actor=posts["governance"])  # fmt: skip
    assert decision.decider_post == "Head of Governance"
    assert decision.decider_role == "SMT member"


def test_it_matches_the_post_however_the_job_title_is_spaced_or_capitalised(
    people, posts, memorandum
):
    person = posts["governance"]
    person.job_title = "  head of  GOVERNANCE "
    person.save()
    decision = route_decide(memorandum.pk, 0, Outcome.APPROVED, "Agreed.", actor=person)
    # Recorded as the policy names the post, not as the title was typed.
    assert decision.decider_post == "Head of Governance"


def test_it_records_which_of_the_posts_took_the_delegated_approval(people, posts, make_proposal):
    route = delegated(people, make_proposal)
    assert may_decide(people["smt"], route) and may_decide(posts["ace"], route)
    assert not may_decide(posts["governance"], route)
    decision = route_decide(route.pk, 1, Outcome.APPROVED, "Agreed.", actor=posts["ace"])
    assert decision.decider_post == "Assistant Chief Executive"


def test_it_leaves_a_step_without_a_post_to_the_role(people, posts, make_proposal):
    made = make_proposal("standard", "south-derbyshire")
    policy = Policy.current()
    policy.routes = {**policy.routes, "proposal": {"standard": ["head_of_service", "director"]}}
    policy.save()
    proposal = proposal_submit(made.pk, actor=people["officer"])
    route = Route.objects.get(kind="proposal", subject_id=proposal.pk)
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed.", actor=people["head"])
    route.refresh_from_db()
    assert may_decide(posts["governance"], route) and may_decide(people["smt"], route)
    decision = route_decide(route.pk, 1, Outcome.APPROVED, "Agreed.", actor=posts["governance"])
    assert decision.decider_post == ""


def test_it_says_why_someone_of_the_role_outside_the_post_may_not_decide(people, posts, memorandum):
    said = outside_post(people["smt"], memorandum)
    assert "decided by the Head of Governance" in said and "your job title is Director" in said
    assert outside_post(posts["governance"], memorandum) == ""
    # Someone whose role does not hold the step is not told about posts at all.
    assert outside_post(posts["officer"], memorandum) == ""


# The inbox --------------------------------------------------------------------------------


def test_it_shows_the_step_in_the_inbox_of_the_person_in_the_post_alone(people, posts, memorandum):
    assert [t.detail for t in tasks_for(posts["governance"])] == [
        "Waiting for your decision: Head of Governance"
    ]
    for outsider in (people["smt"], posts["ace"], posts["officer"]):
        assert tasks_for(outsider).count() == 0
    assert list(Route.objects.awaiting(posts["governance"])) == [memorandum]
    assert list(Route.objects.awaiting(people["smt"])) == []
    # The count that comes with the signed-in person agrees with the inbox.
    counted = User.objects.annotate(n=Task.objects.count_waiting()).in_bulk()
    assert counted[posts["governance"].pk].n == 1
    assert counted[people["smt"].pk].n in (0, None)
    assert differences() == []


def test_it_follows_a_change_of_job_title_at_once(people, posts, memorandum):
    successor = people["smt"]
    successor.job_title = "Head of Governance"
    successor.save()
    assert count_for(User.objects.get(pk=successor.pk)) == 1
    assert may_decide(successor, memorandum)


def test_it_gives_one_task_to_each_post_of_the_delegated_approval(people, posts, make_proposal):
    route = delegated(people, make_proposal)
    assert [t.post for t in Task.objects.open().filter(key="decide")] == [
        "assistant chief executive",
        "director",
    ]
    assert tasks_for(people["smt"]).count() == tasks_for(posts["ace"]).count() == 1
    assert tasks_for(posts["governance"]).count() == 0
    route_decide(route.pk, 1, Outcome.APPROVED, "Agreed.", actor=people["smt"])
    assert not Task.objects.open().filter(key="decide").exists()
    assert differences() == []


# The pages --------------------------------------------------------------------------------


def test_it_tells_another_smt_member_on_the_decide_page_why_they_may_not(
    people, posts, memorandum, client
):
    url = reverse("approvals:decide", args=[memorandum.pk])
    client.force_login(people["smt"])
    refused = client.get(url)
    assert refused.status_code == 403
    assert "decided by the Head of Governance" in refused.text
    assert "your job title is Director" in refused.text
    assert 'name="outcome"' not in refused.text
    posted = client.post(url, {"step_index": 0, "outcome": "approved", "comment": "Agreed."})
    assert posted.status_code == 403 and not memorandum.decisions.exists()
    # Someone whose role does not hold the step gets the plain refusal.
    client.force_login(posts["officer"])
    assert client.get(url).status_code == 403


def test_it_records_the_decision_as_the_posts_on_the_page(people, posts, memorandum, client):
    url = reverse("approvals:decide", args=[memorandum.pk])
    client.force_login(posts["governance"])
    page = client.get(url)
    assert page.status_code == 200 and 'name="outcome"' in page.text
    client.post(url, {"step_index": 0, "outcome": "approved", "comment": "Agreed."})
    decision = memorandum.decisions.get()
    assert decision.decided_by == posts["governance"]
    client.force_login(people["keeper"])
    shown = client.get(reverse("approvals:decide", args=[memorandum.pk]), follow=True).text
    assert "Head of Governance, " in shown
