"""Spot checks (V6): the list, drawing a sample, the spot check itself, drawing it again from
its seed, each partnership's checklist and completing the check."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from accounts.models import Service
from accounts.policy import Policy
from core.paging import page_links
from partnerships.models import Kind, Partnership

from . import sampling, services
from .access import can_change, can_draw, can_read_spot_checks, get_spot_check_for_user
from .forms import ChecklistForm, CompleteForm, DrawForm
from .models import Finding, FollowUpAction, SampledPartnership, SpotCheck

PAGE_SIZE = 25


def posted(request):
    return request.POST if request.method == "POST" else None


@require_safe
def index(request):
    if not can_read_spot_checks(request.user):
        raise PermissionDenied
    spot_checks = SpotCheck.objects.select_related("auditor").order_by("-drawn_at", "-pk")
    page = Paginator(spot_checks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audits/index.html",
        {
            "page": page,
            "page_links": page_links(page),
            "query_string": "",
            "can_draw": can_draw(request.user),
        },
    )


def draw(request):
    if not can_draw(request.user):
        raise PermissionDenied
    policy = Policy.for_request(request)
    form = DrawForm(posted(request), policy=policy)
    if request.method == "POST" and form.is_valid():
        try:
            spot_check = services.spot_check_draw(
                form.cleaned_data["title"],
                form.cleaned_data["sample_size"],
                form.filters(),
                seed=form.cleaned_data["seed"],
                actor=request.user,
            )
        except ValidationError as error:
            # Too large a sample is the size's fault; an empty population is the filters'.
            form.add_error("sample_size" if error.code == "too_large" else "status", error)
        else:
            messages.success(
                request, f"A sample of {spot_check.sample_size} has been drawn with seed "
                f"{spot_check.seed}",
            )  # fmt: skip
            return redirect(spot_check)
    return render(
        request, "audits/draw.html", {"form": form, "page_title": "Draw a sample of partnerships"}
    )


def describe_filters(filters, policy):
    """The filters as a reader of the report should see them: [(filter, what it selected)]."""
    status = dict(sampling.STATUS_CHOICES).get(filters.get("status") or sampling.CURRENT)
    service = ""
    if filters.get("lead_service"):
        names = Service.objects.filter(pk=filters["lead_service"]).values_list("name", flat=True)
        service = names.first() or "A service no longer kept"
    return [
        ("Status", status),
        ("Kind of arrangement", dict(Kind.choices).get(filters.get("kind"), "Any kind")),
        ("Tier", policy.tier_label(filters["tier"]) if filters.get("tier") else "Any tier"),
        ("Lead service", service or "Any service"),
    ]


def spot_check_parts(spot_check):
    """The sample with its checklists, and the findings with their actions, in as few
    queries as their number allows (one each)."""
    sampled = list(spot_check.sampled.select_related("partnership").prefetch_related("items").all())
    findings = list(
        spot_check.findings.select_related("partnership").prefetch_related(
            Prefetch("actions", queryset=FollowUpAction.objects.select_related("owner"))
        )
    )
    for entry in sampled:
        entry.counts = {outcome: 0 for outcome in ("found", "missing", "not_applicable")}
        for item in entry.items.all():
            if item.outcome:
                entry.counts[item.outcome] += 1
    return sampled, findings


@require_safe
def spot_check(request, pk):
    spot_check = get_spot_check_for_user(request, pk)
    policy = Policy.for_request(request)
    sampled, findings = spot_check_parts(spot_check)
    return render(
        request,
        "audits/spot_check.html",
        {
            "spot_check": spot_check,
            "filters": describe_filters(spot_check.filters, policy),
            "sampled": sampled,
            "findings": findings,
            "unchecked": [s for s in sampled if not s.is_checked],
            "can_change": can_change(request.user, spot_check) and not spot_check.is_completed,
            "user_id": request.user.pk,
        },
    )


@require_safe
def redraw(request, pk):
    """Draws the sample again from its seed and says whether it matches what was recorded,
    and whether the population has changed since."""
    spot_check = get_spot_check_for_user(request, pk)
    result = sampling.redraw(spot_check)
    wanted = set(result["from_today"]) | set(spot_check.sample_ids)
    names = dict(Partnership.objects.filter(pk__in=wanted).values_list("pk", "name"))
    return render(
        request,
        "audits/redraw.html",
        {
            "spot_check": spot_check,
            "result": result,
            "rows": [
                {
                    "position": position,
                    "recorded": names.get(recorded, f"Partnership {recorded}, since deleted"),
                    "today": names.get(today, "") if today else "",
                    "same": recorded == today,
                }
                for position, (recorded, today) in enumerate(
                    _zip_longest(spot_check.sample_ids, result["from_today"]), start=1
                )
            ],
        },
    )


def _zip_longest(first, second):
    length = max(len(first), len(second))
    return [
        (first[i] if i < len(first) else None, second[i] if i < len(second) else None)
        for i in range(length)
    ]


def refuse_if_completed(request, spot_check):
    if spot_check.is_completed:
        messages.success(request, services.COMPLETED)
        return redirect(spot_check)
    return None


def checklist(request, pk, sampled):
    spot_check = get_spot_check_for_user(request, pk, write=True)
    if (refused := refuse_if_completed(request, spot_check)) is not None:
        return refused
    entry = get_object_or_404(
        SampledPartnership.objects.select_related("partnership__lead_service"),
        pk=sampled,
        spot_check=spot_check,
    )
    items = list(entry.items.all())
    form = ChecklistForm(posted(request), items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.checklist_save(entry.pk, form.answers(), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The checklist for {entry.partnership.name} has been saved")
            return redirect(f"{spot_check.get_absolute_url()}#sample")
    return render(
        request,
        "audits/checklist.html",
        {
            "form": form,
            "spot_check": spot_check,
            "entry": entry,
            "partnership": entry.partnership,
            "page_title": "Check the documentation",
        },
    )


def complete(request, pk):
    spot_check = get_spot_check_for_user(request, pk, write=True)
    if (refused := refuse_if_completed(request, spot_check)) is not None:
        return refused
    form = CompleteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.spot_check_complete(
                spot_check.pk, form.cleaned_data["conclusion"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The spot check has been completed")
            return redirect(spot_check)
    return render(
        request,
        "audits/complete.html",
        {
            "form": form,
            "spot_check": spot_check,
            "unchecked": services.unchecked(spot_check),
            "finding_count": Finding.objects.filter(spot_check=spot_check).count(),
            "page_title": "Complete the spot check",
        },
    )
