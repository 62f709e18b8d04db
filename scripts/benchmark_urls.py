"""The portal's addresses and a bare signed-in view, for scripts/benchmark only: how fast
Django itself answers a signed-in person through the portal's middleware, the limit the
portal's pages are measured against."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from config.urls import *  # noqa: F403
from config.urls import urlpatterns as portal


@login_required
def bare(request):
    return HttpResponse("Signed in.", content_type="text/plain")


urlpatterns = [path("benchmark/bare/", bare, name="benchmark_bare"), *portal]
