"""The register as open data (Local Government Transparency Code): a public page and its
CSV and JSON downloads, when the register keeper has switched it on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from core.forms import add_service_errors
from core.paging import page_links
from partnerships.access import can_maintain_register

from . import published
from .forms import OpenDataForm
from .models import OpenDataSettings
from .services import open_data_configure

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
PAGE_SIZE = 50
# How long a browser or the council's web proxy may keep a copy without asking again.
PUBLIC_MAX_AGE = 300


def _published_or_404():
    chosen = OpenDataSettings.current()
    if not chosen.published:
        raise Http404("The register is not published as open data")
    return chosen


def _cacheable(request, response, last_updated):
    response["Last-Modified"] = http_date(last_updated.timestamp())
    if request.user.is_authenticated:
        # The page greets whoever is signed in: not for a shared cache.
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


@login_not_required
@require_safe
def register(request):
    chosen = _published_or_404()
    stamp = published.register_stamp()
    rows = published.rows(chosen, stamp)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    last_updated = published.last_updated(chosen, stamp)
    response = render(
        request,
        "opendata/register.html",
        {
            "headings": published.headings(chosen),
            "page": page,
            "page_links": page_links(page),
            "count": len(rows),
            "last_updated": last_updated,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
        },
    )
    return _cacheable(request, response, last_updated)


def _download(request, body, content_type, extension):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="partnership-register.{extension}"'
    return response


@login_not_required
@require_safe
def register_csv(request):
    chosen = _published_or_404()
    stamp = published.register_stamp()
    response = _download(request, published.as_csv(chosen, stamp), "text/csv; charset=utf-8", "csv")
    return _cacheable(request, response, published.last_updated(chosen, stamp))


@login_not_required
@require_safe
def register_json(request):
    chosen = _published_or_404()
    stamp = published.register_stamp()
    policy = Policy.for_request(request)
    last_updated = published.last_updated(chosen, stamp)
    meta = {
        "title": f"{policy.register_name}, {policy.council_name}",
        "publisher": policy.council_name,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "last_updated": last_updated.isoformat(),
    }
    body = published.as_json(chosen, stamp, policy, meta)
    response = _download(request, body, "application/json", "json")
    return _cacheable(request, response, last_updated)


def configure(request):
    """The register keeper switches open data on or off and chooses its fields."""
    if not can_maintain_register(request.user):
        raise PermissionDenied
    chosen = OpenDataSettings.current()
    initial = {"published": "yes" if chosen.published else "no", "fields": chosen.fields}
    form = OpenDataForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = open_data_configure(
                actor=request.user,
                published=form.cleaned_data["published"],
                fields=form.cleaned_data["fields"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "The register is published as open data"
                if saved.published
                else "The register is not published as open data",
            )
            return redirect("opendata:settings")
    return render(
        request,
        "opendata/settings.html",
        {"form": form, "page_title": "Open data", "published": chosen.published},
    )
