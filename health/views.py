"""Health endpoints for the load balancer and monitoring: public, so that they can be asked
without signing in, and so saying nothing about anyone."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from .checks import run_checks


def _answer(body, status=200):
    response = JsonResponse(body, status=status)
    add_never_cache_headers(response)
    return response


@login_not_required
@require_safe
def live(request):
    """The process is up and answering. Touches nothing else, so that a database outage
    does not make the load balancer restart every web host."""
    return _answer({"status": "ok"})


@login_not_required
@require_safe
def ready(request):
    """This host can serve: database reachable, migrations applied, storage answering and
    the email queue moving. 503 otherwise, so that the load balancer sends no requests."""
    checks = run_checks()
    passed = all(check["status"] == "ok" for check in checks.values())
    return _answer(
        {"status": "ok" if passed else "failing", "checks": checks}, 200 if passed else 503
    )
