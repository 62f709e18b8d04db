"""The decisions that wait for a person (P6): every route whose current step they hold."""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.prefetch import GenericPrefetch

from accounts.inbox import Task

from .models import Route


def _subjects():
    """A queryset per kind of thing that travels a route, each reading what its title
    needs, so that the inbox's cost does not grow with the number of decisions."""
    querysets = []
    for label in settings.ROUTE_OUTCOMES:
        model = apps.get_model(label)
        querysets.append(model.objects.select_related(*getattr(model, "route_related", ())))
    return querysets


def tasks(user):
    waiting = Route.objects.awaiting(user).prefetch_related(GenericPrefetch("subject", _subjects()))
    return [
        Task(
            kind="Decision",
            title=route.subject.route_title,
            url=route.subject.get_absolute_url(),
            since=route.updated_at,
            detail=f"Waiting for your decision: {route.step['label']}",
        )
        for route in waiting
    ]
