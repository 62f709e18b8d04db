"""The annual register review's pages (V3): the keeper's reviews by year, opening, progress,
chasing and closing; a lead officer's entries and their confirmation; the closed report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from approvals.models import Route, RouteState
from approvals.status import committee_status
from core.forms import add_service_errors
from core.pdf import pdf_filename, pdf_response

from . import services
from .access import (
    can_have_entries,
    can_read_report,
    can_run_review,
    get_entry_for_user,
    get_report_for_user,
    get_review_for_user,
)
from .forms import ChaseForm, CloseForm, ConfirmForm, OpenForm, SendAgainForm
from .models import Entry, Outcome, RegisterReview
from .report import printed_report, progress_by_service

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
SHOW = {"outstanding": Outcome.OUTSTANDING, "confirmed": Outcome.CONFIRMED,
        "updated": Outcome.UPDATED}  # fmt: skip


def index(request):
    """The reviews by year, newest first."""
    if not can_run_review(request.user):
        raise PermissionDenied
    reviews = RegisterReview.objects.annotate(
        total=Count("entries"),
        outstanding=Count("entries", filter=Q(entries__outcome=Outcome.OUTSTANDING)),
    )
    month = Policy.for_request(request).annual_register_review_month
    return render(
        request,
        "register_review/index.html",
        {
            "reviews": reviews,
            "usual_month": MONTHS[month - 1] if month else "",
            "has_open": any(review.is_open for review in reviews),
        },
    )


def review_open(request):
    if not can_run_review(request.user):
        raise PermissionDenied
    form = OpenForm(
        request.POST if request.method == "POST" else None,
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_open(
                form.cleaned_data["year"], form.cleaned_data["confirm_by"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The {review.year} register review is open")
            return redirect(review)
    return render(
        request,
        "register_review/open.html",
        {"form": form, "page_title": "Open the annual register review"},
    )


def review_detail(request, pk):
    """Progress by service, and the entries, for the keeper."""
    review = get_review_for_user(request, pk)
    show = request.GET.get("show", "")
    entries = review.entries.select_related(
        "partnership__lead_service", "partnership__lead_officer", "confirmed_by"
    ).order_by("partnership__lead_service__name", "partnership__name", "pk")
    if show in SHOW:
        entries = entries.filter(outcome=SHOW[show])
    services_progress, totals = progress_by_service(review.entries.all())
    return render(
        request,
        "register_review/review.html",
        {
            "review": review,
            "services": services_progress,
            "totals": totals,
            "entries": entries,
            "show": show if show in SHOW else "",
            "filters": [("", "All"), *[(key, value.label) for key, value in SHOW.items()]],
            "chases": list(review.chases.select_related("chased_by")),
        },
    )


def review_chase(request, pk):
    review = get_review_for_user(request, pk)
    if not review.is_open:
        return redirect(review)
    form = ChaseForm(request.POST if request.method == "POST" else None)
    waiting = (
        review.entries.outstanding()
        .filter(partnership__lead_officer__isnull=False)
        .aggregate(entries=Count("pk"), officers=Count("partnership__lead_officer", distinct=True))
    )
    if request.method == "POST" and form.is_valid():
        try:
            chase = services.review_chase(review.pk, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{chase.officers} lead officer{'s' if chase.officers != 1 else ''} "
                f"emailed about {chase.entries} outstanding "
                f"entr{'ies' if chase.entries != 1 else 'y'}",
            )
            return redirect(review)
    return render(
        request,
        "register_review/chase.html",
        {
            "form": form,
            "review": review,
            "waiting": waiting,
            "page_title": "Chase the lead officers",
        },
    )


def review_close(request, pk):
    review = get_review_for_user(request, pk)
    if not review.is_open:
        return redirect("register_review:report", review.pk)
    outstanding = review.entries.outstanding().count()
    form = CloseForm(request.POST if request.method == "POST" else None, outstanding=outstanding)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_close(
                review.pk, form.cleaned_data.get("accept_outstanding", False), actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The {review.year} register review is closed")
            return redirect("register_review:report", review.pk)
    return render(
        request,
        "register_review/close.html",
        {
            "form": form,
            "review": review,
            "outstanding": outstanding,
            "page_title": f"Close the {review.year} register review",
        },
    )


@require_safe
def reports(request):
    """The closed reviews' reports, for SMT, Leading Members and the others who read them."""
    if not can_read_report(request.user):
        raise PermissionDenied
    return render(
        request,
        "register_review/reports.html",
        {"reviews": RegisterReview.objects.closed().select_related("closed_by")},
    )


@require_safe
def report(request, pk):
    review = get_report_for_user(request, pk)
    route = Route.objects.of(review, services.ROUTE_KIND)
    return render(
        request,
        "register_review/report.html",
        {
            "review": review,
            "report": review.report,
            "can_run": can_run_review(request.user),
            **committee_status(
                route,
                request.user,
                reverse("register_review:send_again", args=[review.pk])
                if can_run_review(request.user)
                else None,
            ),
        },
    )


def send_again(request, pk):
    """The keeper sends a report a committee returned again, taken from the register now."""
    if not can_run_review(request.user):
        raise PermissionDenied
    review = get_report_for_user(request, pk)
    route = Route.objects.of(review, services.ROUTE_KIND)
    if route is None or route.state != RouteState.RETURNED:
        messages.info(request, "The report has not been returned, so there is nothing to send")
        return redirect(review)
    form = SendAgainForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_send_again(review.pk, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The report has been taken again and sent")
            return redirect(review)
    return render(
        request,
        "register_review/send_again.html",
        {
            "form": form,
            "review": review,
            "returned": route.decisions.filter(round=route.round).last(),
            "page_title": f"Send the {review.year} register review report again",
        },
    )


@require_safe
def report_pdf(request, pk):
    review = get_report_for_user(request, pk)
    policy = Policy.for_request(request)
    pdf = printed_report(review, policy)
    name = pdf_filename(policy.council_name, "register review", review.year)
    return pdf_response(pdf, name)


def mine(request):
    """The entries this person confirms in the open review: outstanding first."""
    if not can_have_entries(request.user):
        raise PermissionDenied
    review = RegisterReview.objects.open().first()
    entries = []
    if review:
        entries = (
            Entry.objects.filter(review=review)
            .for_confirmer(request.user)
            .select_related("partnership__lead_service", "confirmed_by")
            .order_by("partnership__name", "pk")
        )
        # What still needs an answer comes first.
        entries = sorted(entries, key=lambda entry: not entry.is_outstanding)
    return render(request, "register_review/mine.html", {"review": review, "entries": entries})


def confirm(request, pk):
    entry = get_entry_for_user(request, pk)
    # A second POST (a double click) goes on to the service, which says what happened first.
    if request.method != "POST" and not (entry.review.is_open and entry.is_outstanding):
        return render(request, "register_review/confirmed.html", {"entry": entry})
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_confirm(
                entry.pk,
                form.cleaned_data["outcome"],
                form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            # Confirmed a moment ago, in another tab or by a double click: say so plainly.
            messages.success(request, error.messages[0])
            return redirect("register_review:mine")
        messages.success(request, f"{entry.partnership.name}: thank you, your answer is recorded")
        return redirect("register_review:mine")
    policy = Policy.for_request(request)
    return render(
        request,
        "register_review/confirm.html",
        {
            "form": form,
            "entry": entry,
            "partnership": entry.partnership,
            "tier_label": policy.tier_label(entry.partnership.tier),
            "page_title": "Is this entry current?",
        },
    )
