"""An officer representative's annual report to a committee: writing it, sending it, seeing
where it stands, its PDF (the committee's pack) and sending it again after a return."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts.policy import Policy
from approvals.models import Route, RouteState
from approvals.status import committee_status
from core.forms import add_service_errors
from core.pdf import pdf_filename, pdf_response
from partnerships.access import partnerships_for_user

from . import representative_reports as services
from .access import (
    REPORT_ROUTE,
    can_write_report,
    get_report_for_user,
    officer_representative,
    report_audience,
    reports_to_committee,
)
from .forms import RepresentativeReportForm
from .models import ReportState
from .pdf import report_pdf_bytes


def _page_title(report_year, audience):
    return f"Annual report {report_year}" + (f" to {audience}" if audience else "")


def report_new(request, partnership_pk):
    """The officer representative starts this year's report."""
    partnership = get_object_or_404(partnerships_for_user(request.user), pk=partnership_pk)
    policy = Policy.for_request(request)
    if not reports_to_committee(policy, partnership):
        raise Http404("The policy asks for no annual report on this partnership")
    if officer_representative(request.user, partnership) is None:
        raise PermissionDenied
    year = timezone.localdate().year
    existing = partnership.representative_reports.filter(year=year).first()
    if existing is not None:
        return redirect(existing)
    form = RepresentativeReportForm(request.POST or None, submit="Save as a draft")
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_start(
                partnership.pk, form.cleaned_data["achievement"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The report has been saved as a draft")
            return redirect(report)
    return render(
        request,
        "reviews/report_form.html",
        {
            "form": form,
            "partnership": partnership,
            "audience": report_audience(policy, partnership),
            "page_title": _page_title(year, report_audience(policy, partnership)),
        },
    )


@require_safe
def report(request, pk):
    found = get_report_for_user(request, pk)
    policy = Policy.for_request(request)
    route = Route.objects.of(found, REPORT_ROUTE)
    may_write = can_write_report(request.user, found)
    audience = report_audience(policy, found.partnership)
    return render(
        request,
        "reviews/report.html",
        {
            "report": found,
            "partnership": found.partnership,
            "audience": audience,
            "route": route,
            "may_write": may_write and found.state == ReportState.DRAFT,
            **committee_status(
                route,
                request.user,
                reverse("reviews:report_send_again", args=[found.pk]) if may_write else None,
            ),
        },
    )


def report_edit(request, pk):
    found = get_report_for_user(request, pk, write=True)
    if found.state != ReportState.DRAFT:
        messages.info(request, "The report has been sent, so it can no longer be changed")
        return redirect(found)
    policy = Policy.for_request(request)
    form = RepresentativeReportForm(
        request.POST or None, initial={"achievement": found.achievement}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_save(found.pk, form.cleaned_data["achievement"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The report has been saved")
            return redirect(found)
    return render(
        request,
        "reviews/report_form.html",
        {
            "form": form,
            "report": found,
            "partnership": found.partnership,
            "page_title": _page_title(found.year, report_audience(policy, found.partnership)),
        },
    )


@require_POST
def report_send(request, pk):
    found = get_report_for_user(request, pk, write=True)
    try:
        services.report_send(found.pk, actor=request.user)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        audience = report_audience(Policy.for_request(request), found.partnership)
        messages.success(request, f"The report has been sent to {audience}")
    return redirect(found)


def report_send_again(request, pk):
    """The representative amends a report the committee returned and sends it again."""
    found = get_report_for_user(request, pk, write=True)
    route = Route.objects.of(found, REPORT_ROUTE)
    if route is None or route.state != RouteState.RETURNED:
        messages.info(request, "The report has not been returned, so there is nothing to send")
        return redirect(found)
    form = RepresentativeReportForm(
        request.POST or None, initial={"achievement": found.achievement}, submit="Send it again"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_send_again(
                found.pk, form.cleaned_data["achievement"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The report has been amended and sent again")
            return redirect(found)
    return render(
        request,
        "reviews/report_send_again.html",
        {
            "form": form,
            "report": found,
            "partnership": found.partnership,
            "returned": route.decisions.filter(round=route.round).last(),
            "page_title": f"Amend and send the annual report {found.year} again",
        },
    )


@require_safe
def report_pdf(request, pk):
    found = get_report_for_user(request, pk)
    policy = Policy.for_request(request)
    return pdf_response(
        report_pdf_bytes(found, policy),
        pdf_filename(policy.council_name, "annual-report", found.partnership.name, found.year),
    )
