"""Where something sent to committees stands, for its page: what each committee decided, round
by round, when it was sent again and who it waits for now."""

from .models import RouteState
from .services import may_decide


def sendings_again(route):
    """When and by whom each round after the first was sent, read from the route's history:
    the first record of each round is the sending."""
    sent = {}
    records = route.history.filter(round__gt=1).select_related("history_user")
    for record in records.order_by("history_date", "history_id"):
        sent.setdefault(record.round, {"by": record.history_user, "on": record.history_date})
    return sent


def committee_trail(route):
    """The decisions in order, each later round opened by its sending again."""
    sent = sendings_again(route) if route.round > 1 else {}
    trail, seen = [], set()
    for decision in route.decisions.all():
        if decision.round > 1 and decision.round not in seen and decision.round in sent:
            trail.append({"sent_again": sent[decision.round]})
        seen.add(decision.round)
        trail.append({"decision": decision})
    if route.round > 1 and route.round not in seen and route.round in sent:
        trail.append({"sent_again": sent[route.round]})
    return trail


def committee_status(route, user, send_again_url=None):
    """What approvals/committee_status.html needs. `send_again_url` is the page where this
    person may amend and send again what a committee returned, if they may."""
    if route is None:
        return {"route": None}
    return {
        "route": route,
        "trail": committee_trail(route),
        "can_decide": may_decide(user, route),
        "send_again_url": send_again_url if route.state == RouteState.RETURNED else None,
    }
