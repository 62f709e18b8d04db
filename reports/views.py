from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from approvals.models import Route, RouteState
from approvals.status import committee_status
from core.forms import add_service_errors
from core.pdf import pdf_response
from partnerships.models import CURRENT_STATUSES, Partnership

from . import services
from .access import (
    can_keep_reports,
    get_cabinet_entry_for_user,
    get_cabinet_report_for_user,
    require_cabinet_report_reader,
    require_keeper,
    require_reader,
)
from .forms import CabinetEntryForm, CabinetReportForm, CabinetSendAgainForm, PrioritisationForm
from .models import CabinetReport, Prioritisation
from .pdf import (
    cabinet_entries,
    cabinet_report_filename,
    cabinet_report_pdf,
    smt_summary_filename,
    smt_summary_pdf,
    summary_charts,
)
from .periods import FinancialYear, next_report_period
from .priorities import ASSESSMENT_POINTS, OBJECTIVE_POINTS, TIER_POINTS, ranked_partnerships
from .summary import smt_summary


@require_safe
def index(request):
    require_reader(request.user)
    return render(
        request,
        "reports/index.html",
        {
            "can_keep": can_keep_reports(request.user),
            "open_report": CabinetReport.objects.filter(state="open").first(),
            "report_months": Policy.for_request(request).performance_report_months,
        },
    )


# V8 ----------------------------------------------------------------------------------------


@require_safe
def priorities(request):
    require_reader(request.user)
    year = FinancialYear.current()
    return render(
        request,
        "reports/priorities.html",
        {
            "rows": ranked_partnerships(year),
            "year": year,
            "can_keep": can_keep_reports(request.user),
            "assessment_points": ASSESSMENT_POINTS,
            "objective_points": OBJECTIVE_POINTS,
            "tier_points": {
                Policy.for_request(request).tier_label(tier): points
                for tier, points in TIER_POINTS.items()
            },
        },
    )


def prioritise(request, pk):
    require_keeper(request.user)
    partnership = get_object_or_404(Partnership.objects.filter(status__in=CURRENT_STATUSES), pk=pk)
    current = Prioritisation.objects.filter(partnership=partnership).first()
    initial = {"version": 0}
    if current:
        initial = {
            "version": current.version,
            "priority": current.priority,
            "withdrawal_candidate": current.withdrawal_candidate,
            "withdrawal_reasons": current.withdrawal_reasons,
            "notes": current.notes,
        }
    form = PrioritisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.prioritisation_save(
                partnership.pk,
                data["priority"],
                data["withdrawal_candidate"],
                data["withdrawal_reasons"],
                data["notes"],
                seen_version=data["version"],
                actor=request.user,
            )
        except services.StaleEdit:
            form.add_error(
                None,
                "Someone changed this priority since you opened it: open it again to see "
                "their changes",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The priority of {partnership.name} has been saved")
            return redirect("reports:priorities")
    return render(
        request,
        "reports/prioritise.html",
        {"partnership": partnership, "form": form, "current": current},
    )


# V4 ----------------------------------------------------------------------------------------


def _chosen_year(request):
    """The financial year asked for (?year=2026 for 2026/27), or the current one."""
    current = FinancialYear.current()
    try:
        start = int(request.GET.get("year", current.start_year))
    except ValueError:
        return current
    if not 2000 <= start <= current.start_year + 1:
        return current
    return FinancialYear(start)


@require_safe
def summary(request):
    require_reader(request.user)
    year = _chosen_year(request)
    found = smt_summary(year)
    current = FinancialYear.current().start_year
    return render(
        request,
        "reports/summary.html",
        {
            "summary": found,
            "years": [FinancialYear(y) for y in range(current + 1, current - 6, -1)],
            **summary_charts(found),
        },
    )


@require_safe
def summary_pdf(request):
    require_reader(request.user)
    found = smt_summary(_chosen_year(request))
    return pdf_response(
        smt_summary_pdf(found), smt_summary_filename(Policy.for_request(request), found)
    )


# V5 ----------------------------------------------------------------------------------------


@require_safe
def cabinet_reports(request):
    require_cabinet_report_reader(request.user)
    reports = CabinetReport.objects.select_related("opened_by", "closed_by").annotate(
        entry_count=Count("entries"),
        written_count=Count("entries", filter=Q(entries__written_at__isnull=False)),
    )
    return render(
        request,
        "reports/cabinet_reports.html",
        {
            "reports": reports,
            "can_keep": can_keep_reports(request.user),
            "report_months": Policy.for_request(request).performance_report_months,
            "key_count": services.key_partnerships().count(),
        },
    )


def cabinet_open(request):
    require_keeper(request.user)
    months = Policy.for_request(request).performance_report_months
    previous = CabinetReport.objects.first()
    start, end = next_report_period(previous.period_end if previous else None, months or 6)
    form = CabinetReportForm(
        request.POST or None, initial={"period_start": start, "period_end": end}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.cabinet_report_open(
                data["period_start"], data["period_end"], data["introduction"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The report is open: lead officers can write their entries")
            return redirect(report)
    return render(
        request,
        "reports/cabinet_open.html",
        {
            "form": form,
            "report_months": months,
            "key_count": services.key_partnerships().count(),
        },
    )


@require_safe
def cabinet_report(request, pk):
    report = get_cabinet_report_for_user(request, pk)
    entries = cabinet_entries(report)
    route = Route.objects.of(report, services.ROUTE_KIND)
    return render(
        request,
        "reports/cabinet_report.html",
        {
            "report": report,
            "entries": entries,
            "written": sum(1 for entry in entries if entry.is_written),
            "can_keep": can_keep_reports(request.user) and report.is_open,
            **committee_status(
                route,
                request.user,
                reverse("reports:cabinet_send_again", args=[report.pk])
                if can_keep_reports(request.user)
                else None,
            ),
        },
    )


def cabinet_send_again(request, pk):
    """The keeper amends a report the members' body returned and sends it to them again."""
    report = get_cabinet_report_for_user(request, pk, write=True)
    route = Route.objects.of(report, services.ROUTE_KIND)
    if route is None or route.state != RouteState.RETURNED:
        messages.info(request, "The report has not been returned, so there is nothing to send")
        return redirect(report)
    form = CabinetSendAgainForm(request.POST or None, initial={"introduction": report.introduction})
    if request.method == "POST" and form.is_valid():
        try:
            services.cabinet_report_send_again(
                report.pk, form.cleaned_data["introduction"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The report has been amended and sent again")
            return redirect(report)
    return render(
        request,
        "reports/cabinet_send_again.html",
        {
            "form": form,
            "report": report,
            "returned": route.decisions.filter(round=route.round).last(),
            "page_title": f"Amend and send the report again, {report.period_label}",
        },
    )


def cabinet_entry(request, pk):
    entry = get_cabinet_entry_for_user(request, pk, write=True)
    form = CabinetEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data.get(name) for name in services.ENTRY_FIELDS}
        try:
            services.cabinet_entry_save(
                entry.pk, form.cleaned_data["version"], **fields, actor=request.user
            )
        except services.StaleEdit:
            form.add_error(
                None,
                "Someone changed this entry since you opened it: open it again to see their "
                "changes",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The entry for {entry.partnership.name} has been saved")
            if can_keep_reports(request.user):
                return redirect(entry.report)
            return redirect("home")
    return render(
        request,
        "reports/cabinet_entry.html",
        {
            "entry": entry,
            "form": form,
            "report": entry.report,
            "can_keep": can_keep_reports(request.user),
        },
    )


def cabinet_close(request, pk):
    report = get_cabinet_report_for_user(request, pk, write=True)
    if not report.is_open:
        return redirect(report)
    entries = cabinet_entries(report)
    waiting = [entry for entry in entries if not entry.is_written]
    error = None
    if request.method == "POST":
        try:
            services.cabinet_report_close(report.pk, actor=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request,
                f"The report is closed and ready for {Policy.for_request(request).members_body}",
            )
            return redirect(report)
    return render(
        request,
        "reports/cabinet_close.html",
        {"report": report, "waiting": waiting, "error": error},
    )


@require_safe
def cabinet_pdf(request, pk):
    report = get_cabinet_report_for_user(request, pk)
    return pdf_response(
        cabinet_report_pdf(report), cabinet_report_filename(Policy.for_request(request), report)
    )
