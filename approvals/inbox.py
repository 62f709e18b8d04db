"""The decisions that wait (P6): a route's current step, for the role (and service, or named
post) that holds it, as Route.objects.awaiting reads who holds a step. And what a committee
returned (a register review report, a performance report, a completed review): its owner
amends it and sends it again, one task for every kind, worded with the committee's own name
as the route's step carries it."""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch

from accounts.inbox import TaskSpec
from accounts.roles import post_key

from .models import ConsideredByCommittee, Route, RouteState

# A route's task follows the route and what it carries, and the fields of what that is about
# which its title shows (settings.ROUTE_SUBJECTS_ABOUT: a partnership's name).
WATCHES = ["approvals.Route", *settings.ROUTE_OUTCOMES]
ABOUT = settings.ROUTE_SUBJECTS_ABOUT


def _carried():
    """A queryset per kind of thing that travels a route, each reading what its title needs."""
    querysets = []
    for label in settings.ROUTE_OUTCOMES:
        model = apps.get_model(label)
        related = getattr(model, "route_related", ())
        querysets.append(model.objects.select_related(*related) if related else model.objects.all())
    return querysets


def _sent_to_committees():
    """The kinds of thing a committee may return for their owner to send again."""
    return [
        ContentType.objects.get_for_model(model)
        for model in map(apps.get_model, settings.ROUTE_OUTCOMES)
        if issubclass(model, ConsideredByCommittee)
    ]


def subjects():
    waiting = Route.objects.filter(state=RouteState.IN_PROGRESS)
    returned = Route.objects.filter(
        state=RouteState.RETURNED, subject_type__in=_sent_to_committees()
    )
    return [
        queryset.prefetch_related(GenericPrefetch("subject", _carried()))
        for queryset in (waiting, returned)
    ]


def tasks_of(subject):
    if isinstance(subject, Route) and subject.state == RouteState.RETURNED:
        return _send_again(subject)
    if not isinstance(subject, Route) or subject.state != RouteState.IN_PROGRESS:
        return []
    carried = subject.subject
    # A step a named post holds waits for the person in that post alone: one task a post.
    posts = {post_key(post) for post in subject.step.get("posts") or []} or {""}
    return [
        TaskSpec(
            kind="Decision",
            title=carried.route_title,
            url=carried.get_absolute_url(),
            since=subject.updated_at,
            detail=f"Waiting for your decision: {subject.step['label']}",
            key="decide",
            role=subject.current_holder,
            service_id=subject.current_service_id,
            post=post,
        )
        for post in sorted(posts)
    ]


def _send_again(route):
    """A returned proposal, change or form waits in its own app's way; what a committee
    returned waits here for whoever sent it, until it goes again."""
    carried = route.subject
    if not isinstance(carried, ConsideredByCommittee):
        return []
    owner = carried.route_owner
    if owner is None:
        return []
    # A return ends the route where it was decided: that step names the committee.
    committee = route.steps[route.current_step]["label"]
    return [
        TaskSpec(
            kind="Returned to you",
            title=carried.route_title,
            url=carried.route_send_again_url,
            since=route.updated_at,
            detail=f"Returned by {committee}: amend it and send it again",
            key="send-again",
            person_id=owner.pk,
        )
    ]


def subjects_about(record):
    if isinstance(record, Route):
        return [record]
    label = record._meta.label_lower
    if label in settings.ROUTE_OUTCOMES:
        return list(
            Route.objects.filter(
                subject_type=ContentType.objects.get_for_model(record), subject_id=record.pk
            )
        )
    found = []
    for carried_label in settings.ROUTE_OUTCOMES:
        model = apps.get_model(carried_label)
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is type(record):
                carried = model.objects.filter(**{field.name: record}).values("pk")
                found.extend(
                    Route.objects.filter(
                        subject_type=ContentType.objects.get_for_model(model),
                        subject_id__in=carried,
                        state__in=[RouteState.IN_PROGRESS, RouteState.RETURNED],
                    )
                )
    return found
