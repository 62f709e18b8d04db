"""The route engine's state changes (P3-P7). Each is one transaction that locks the route row,
checks its state and the actor's right, writes the record and leaves notifications to go
out after the commit.

The engine knows nothing of what it carries. A subject (a proposal, a completed form, a
withdrawal, a significant change) supplies route_title, route_service_id, route_owner and
get_absolute_url; when its route ends, the app that owns it is told through the functions
route_approved, route_returned and route_rejected of the module settings.ROUTE_OUTCOMES names
for it, inside the deciding transaction."""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.policy import Policy, lower_first, recorded_from
from core.history import save_with_history
from core.notifications import notify

from .models import Decision, Outcome, Route, RouteState

if TYPE_CHECKING:
    from accounts.models import User


class AlreadyDecided(Exception):
    """The step was decided by someone else a moment ago (or by a double click)."""

    def __init__(self, decision=None):
        self.decision = decision
        who = f" by {decision.decider_name}" if decision else ""
        super().__init__(f"This step has already been decided{who}.")


def outcome_handler(subject, state):
    """The function of the subject's own app that settles it when its route ends in `state`."""
    module = settings.ROUTE_OUTCOMES[subject._meta.label_lower]
    return import_string(f"{module}.route_{state}")


def may_decide(user, route, step_index=None):
    """Whether this person may decide the route's current step: they hold it and nothing in
    the separation of duties bars them."""
    return holds_step(user, route, step_index) and not barred_from_step(user, route)


def barred_from_step(user, route):
    """Why this person may not decide the current step though they hold it, or "".

    Segregation of duties: nobody approves what they proposed or sent, nor decides two steps
    of one round, so every approval is a second person's. A committee step is the meeting's
    decision, recorded by the clerk, so it is never barred; a small council's policy may let
    one person take a named step anyway (the step's "same_person" in the policy's routes)."""
    step = route.step
    if step is None or step.get("committee") or step.get("same_person"):
        return ""
    owner = getattr(route.subject, "route_owner", None)
    if user.pk in (route.started_by_id, getattr(owner, "pk", None)):
        return (
            "You proposed or sent this, so someone else must decide this step: "
            "nobody approves their own proposal."
        )
    earlier = route.decisions.filter(round=route.round, decided_by=user)
    if earlier.exclude(step_key__in=_committee_step_keys(route)).exists():
        return (
            "You decided an earlier step of this round, so someone else must decide this "
            "one: each step is a different person's decision."
        )
    return ""


def _as_date(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _committee_step_keys(route):
    return [step["key"] for step in route.steps if step.get("committee")]


def holds_step(user, route, step_index=None):
    """Whether this person holds the route's current step (P4): the step's role, and for a
    Head of Service step, the service of what is being decided."""
    if route.state != RouteState.IN_PROGRESS:
        return False
    if step_index is not None and step_index != route.current_step:
        return False
    step = route.steps[route.current_step]
    if not _holds_role(user, route, step):
        return False
    return not step.get("posts") or bool(user.post_among(step["posts"]))


def _holds_role(user, route, step):
    if not user.has_role(step["holder"]):
        return False
    return not step.get("scoped") or (
        route.current_service_id is not None and route.current_service_id == user.service_id
    )


def outside_post(user, route):
    """Why this person may not decide the current step though their role holds it, or "":
    the policy gives the step to a named post (the Head of Governance), and their job title
    is not it."""
    step = route.step
    if step is None or not step.get("posts") or not _holds_role(user, route, step):
        return ""
    if user.post_among(step["posts"]):
        return ""
    posts = " or ".join(f"the {post}" for post in step["posts"])
    title = (
        f"your job title is {user.job_title}"
        if user.job_title.strip()
        else ("your account has no job title")
    )
    return (
        f"This step is decided by {posts}, by the person holding that post, and "
        f"{title}. If you hold the post, ask an administrator to record it as your job title."
    )


def _holders(route):
    """The people a step waits for, to tell them it has arrived."""
    from accounts.models import User

    step = route.step
    if step is None:
        return []
    people = User.objects.filter(is_active=True, role=step["holder"])
    if step.get("scoped"):
        people = people.filter(service_id=route.current_service_id)
    if step.get("posts"):
        return [person for person in people if person.post_among(step["posts"])]
    return list(people)


def _enter_step(route, index):
    route.current_step = index
    step = route.steps[index]
    route.current_holder = step["holder"]
    route.current_service_id = route.subject.route_service_id if step.get("scoped") else None


def lock_returned_route(subject, kind):
    """The route `subject` was returned on, locked for sending it again. Anything else (never
    sent, still waiting, decided for good) has nothing to send again. Lock the route before
    the subject's own row: deciding locks them in that order too."""
    route = (
        Route.objects.select_for_update()
        .filter(
            subject_type=ContentType.objects.get_for_model(subject),
            subject_id=subject.pk,
            kind=kind,
        )
        .first()
    )
    if route is None or route.state != RouteState.RETURNED:
        raise ValidationError("This has not been returned, so there is nothing to send again")
    return route


@transaction.atomic
def route_start(subject, kind, tier, extra_council: bool = False, *, actor: "User"):
    """Sends something along the policy's route for its kind and tier. Sending it again
    after it was returned starts the route again from the first step, as a new round."""
    steps = Policy.current().route_steps(kind, tier, extra_council=extra_council)
    subject_type = ContentType.objects.get_for_model(subject)
    route = (
        Route.objects.select_for_update()
        .filter(subject_type=subject_type, subject_id=subject.pk, kind=kind)
        .first()
    )
    if route is None:
        route = Route(subject_type=subject_type, subject_id=subject.pk, kind=kind, round=1)
    elif route.state == RouteState.RETURNED:
        route.round += 1
    else:
        raise ValidationError("This is already on its way for a decision")
    route.subject = subject
    route.tier = tier
    route.steps = steps
    route.state = RouteState.IN_PROGRESS
    route.started_by = actor
    _enter_step(route, 0)
    save_with_history(route, actor=actor)
    notify(_holders(route), f"{subject.route_title} is waiting for your decision", subject)
    return route


@transaction.atomic
def route_decide(
    route_id: int,
    step_index: int,
    outcome: str,
    comment: str,
    meeting_date=None,
    minute_reference: str = "",
    minutes=None,
    *,
    actor: "User",
):
    """Records one decision at the current step (P3, P4, P7) and moves the route on."""
    route = Route.objects.select_for_update().get(pk=route_id)
    if route.state != RouteState.IN_PROGRESS or step_index != route.current_step:
        if route.state == RouteState.IN_PROGRESS and step_index > route.current_step:
            raise PermissionDenied("A later step cannot be decided before this one")
        raise AlreadyDecided(
            route.decisions.filter(round=route.round, step_index=step_index).first()
        )
    if not may_decide(actor, route, step_index):
        raise PermissionDenied
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Enter a comment to go with the decision"})
    step = route.steps[step_index]
    if step.get("committee") and (not meeting_date or not minute_reference.strip()):
        words = recorded_from(step)
        raise ValidationError(
            f"A committee decision needs the {lower_first(words['date'])} and the "
            f"{lower_first(words['reference'])}"
        )
    if step.get("committee") and _as_date(meeting_date) > timezone.localdate():
        # A decision is recorded from a meeting (or a Member's decision) that has happened,
        # never ahead of it.
        when = lower_first(recorded_from(step)["date"])
        raise ValidationError({"meeting_date": f"The {when} must be today or in the past"})
    policy = Policy.current()
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                route=route,
                round=route.round,
                step_index=step_index,
                step_key=step["key"],
                step_label=step["label"],
                outcome=outcome,
                comment=comment,
                decided_by=actor,
                decider_name=actor.display_name,
                decider_role=policy.role_label(actor.role),
                # The post the step is held by, as the person's job title matched it.
                decider_post=actor.post_among(step.get("posts") or []),
                meeting_date=meeting_date if step.get("committee") else None,
                minute_reference=minute_reference.strip() if step.get("committee") else "",
                minutes=minutes if step.get("committee") else None,
            )
    except IntegrityError as error:
        # Only reachable if the row lock was bypassed; the constraint still holds the line.
        raise AlreadyDecided() from error

    subject = route.subject
    owner = subject.route_owner
    if outcome == Outcome.APPROVED and step_index + 1 < len(route.steps):
        _enter_step(route, step_index + 1)
        notify(_holders(route), f"{subject.route_title} is waiting for your decision", subject)
    else:
        route.state = {
            Outcome.APPROVED: RouteState.APPROVED,
            Outcome.RETURNED: RouteState.RETURNED,
            Outcome.REJECTED: RouteState.REJECTED,
        }[Outcome(outcome)]
        route.current_holder = ""
        route.current_service = None
        outcome_handler(subject, route.state)(subject, decision, actor=actor)
        notify(
            [owner],
            f"{subject.route_title}: {Outcome(outcome).label.lower()} at {step['label']}",
            subject,
        )
    save_with_history(route, actor=actor)
    return decision
