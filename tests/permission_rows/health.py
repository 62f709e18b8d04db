"""Permission table rows for the health checks: public, for the load balancer and monitoring,
and so showing nothing about anyone (tests/operations/test_health.py)."""

from . import EVERYONE

OPEN_TO_ALL = dict.fromkeys(EVERYONE, 200)

ROWS = {
    "health:live": ("get", None, OPEN_TO_ALL),
    "health:ready": ("get", None, OPEN_TO_ALL),
}


def objects(made):
    return {}
