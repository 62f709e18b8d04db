"""The permission table's rows for each part of the portal (see test_permission_table),
and the helpers every row file uses."""

from accounts.roles import Role

ANONYMOUS = "anonymous"
EVERYONE = [ANONYMOUS, *Role]


def expect(default, **overrides):
    """Statuses by role: `default` for everyone signed in, with named exceptions."""
    statuses = {role: default for role in Role}
    statuses[ANONYMOUS] = 302  # sent to the sign-in page
    for role, status in overrides.items():
        statuses[role] = status
    return statuses


KEEPER_ONLY = expect(403, register_keeper=200)
# The officer in the table leads no partnership; tests/partnerships/test_edit.py covers the
# lead officer editing their own.
EDITORS = KEEPER_ONLY


def returned_route(subject, kind, *, actor):
    """A route a committee returned `subject` on, for the pages that send it again: the one
    the policy started it on, or one made here where the policy has none."""
    from approvals.models import Route, RouteState

    route = Route.objects.of(subject, kind)
    if route is None:
        step = {"key": "committee", "holder": Role.CLERK, "label": "Committee", "committee": True}
        route = Route(subject=subject, kind=kind, tier="standard", steps=[step], started_by=actor)
    route.state, route.current_holder, route.current_service = RouteState.RETURNED, "", None
    route.save()
    return route
