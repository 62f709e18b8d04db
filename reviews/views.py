"""The review timetable, one review, and completing or bringing forward a review (V1)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.policy import Policy, lower_first
from approvals.models import Route, RouteState
from approvals.status import committee_status
from assessments.services import can_complete
from core.forms import add_service_errors
from core.paging import page_links
from partnerships.access import can_maintain_register, partnerships_for_user

from . import services
from .access import can_manage_review, get_review_for_user
from .forms import BringForwardForm, CompleteForm, SendAgainForm
from .models import Requirement, Review, ReviewState

PAGE_SIZE = 50
SOON = timedelta(days=30)
AHEAD = timedelta(days=90)

# What the timetable can show: label and how to narrow the reviews to it.
SHOWS = {
    "overdue": ("Overdue", lambda reviews, today: reviews.open().filter(due__lt=today)),
    "due": ("Due in the next 90 days", lambda r, today: r.open().filter(due__lte=today + AHEAD)),
    "open": ("All planned", lambda reviews, today: reviews.open()),
    "completed": (
        "Completed",
        lambda reviews, today: reviews.filter(state=ReviewState.COMPLETED).order_by(
            "-completed_at", "-pk"
        ),
    ),
}


@require_safe
def index(request):
    """V1: the timetable of reviews that the register keeper coordinates; open to every
    officer, like the register, with 'mine' for a lead officer or sponsor."""
    today = timezone.localdate()
    show = request.GET.get("show") if request.GET.get("show") in SHOWS else "due"
    mine = request.GET.get("mine") == "yes"
    reviews = Review.objects.filter(partnership__in=partnerships_for_user(request.user))
    if mine:
        reviews = reviews.led_by(request.user)
    counts = reviews.open().aggregate(
        overdue=Count("pk", filter=Q(due__lt=today)),
        soon=Count("pk", filter=Q(due__gte=today, due__lte=today + SOON)),
        ahead=Count("pk", filter=Q(due__gte=today, due__lte=today + AHEAD)),
    )
    listed = SHOWS[show][1](reviews, today).select_related(
        "partnership__lead_officer", "partnership__lead_service"
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/index.html",
        {
            "page": page,
            "page_links": page_links(page),
            "query_string": urlencode({"show": show, **({"mine": "yes"} if mine else {})}),
            "shows": [(key, label) for key, (label, _) in SHOWS.items()],
            "show": show,
            "mine": mine,
            "counts": counts,
            "today": today,
            "soon": today + SOON,
            "is_keeper": can_maintain_register(request.user),
        },
    )


@require_safe
def review(request, pk):
    found = get_review_for_user(request, pk)
    policy = Policy.for_request(request)
    route = Route.objects.of(found, services.ROUTE_KIND)
    return render(
        request,
        "reviews/review.html",
        {
            "review": found,
            "partnership": found.partnership,
            "today": timezone.localdate(),
            "soon": timezone.localdate() + SOON,
            "can_manage": found.is_open and can_manage_review(request.user, found),
            # A sponsor manages the review but the lead officer or keeper completes its forms:
            # offer only what this person can do.
            "can_complete_forms": can_complete(request.user, found.partnership),
            "forms": {
                "assessment": policy.assessment_form,
                "evaluation": policy.evaluation_form,
            },
            "reminders": list(found.reminders.all()),
            **committee_status(
                route,
                request.user,
                reverse("reviews:send_again", args=[found.pk])
                if can_manage_review(request.user, found)
                else None,
            ),
        },
    )


def send_again(request, pk):
    """The lead officer amends a completed review the committee returned and sends it again."""
    found = get_review_for_user(request, pk, write=True)
    route = Route.objects.of(found, services.ROUTE_KIND)
    if route is None or route.state != RouteState.RETURNED:
        messages.info(request, "The review has not been returned, so there is nothing to send")
        return redirect(found)
    form = SendAgainForm(request.POST or None, initial={"conclusions": found.conclusions})
    if request.method == "POST" and form.is_valid():
        try:
            services.review_send_again(
                found.pk, form.cleaned_data["conclusions"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The review has been amended and sent again")
            return redirect(found)
    return render(
        request,
        "reviews/send_again.html",
        {
            "form": form,
            "review": found,
            "partnership": found.partnership,
            "returned": route.decisions.filter(round=route.round).last(),
            "page_title": f"Amend and send the {lower_first(found.label)} again",
        },
    )


def complete(request, pk):
    found = get_review_for_user(request, pk, write=True)
    if not found.is_open:
        messages.info(request, "This review has already been completed")
        return redirect(found)
    policy = Policy.for_request(request)
    candidates = {
        requirement: services.candidate_forms(found, requirement, policy)
        for requirement in (Requirement.ASSESSMENT, Requirement.EVALUATION)
    }
    form = CompleteForm(request.POST or None, review=found, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _, next_review = services.review_complete(
                found.pk,
                assessment=data.get("assessment"),
                evaluation=data.get("evaluation"),
                register_confirmed=data.get("register_confirmed", False),
                conclusions=data["conclusions"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Review completed. The next {lower_first(next_review.label)} is due by "
                f"{next_review.due:%-d %B %Y}."
                if next_review
                else "Review completed.",
            )
            return redirect(found.partnership)
    return render(
        request,
        "reviews/complete.html",
        {
            "form": form,
            "review": found,
            "partnership": found.partnership,
            "page_title": f"Complete the {lower_first(found.label)}",
            "missing": [
                (
                    requirement,
                    policy.assessment_form
                    if requirement == "assessment"
                    else policy.evaluation_form,
                )
                for requirement in (Requirement.ASSESSMENT, Requirement.EVALUATION)
                if requirement in found.requires and not candidates[requirement].exists()
            ],  # fmt: skip
        },
    )


def bring_forward(request, pk):
    found = get_review_for_user(request, pk, write=True)
    if not found.is_open:
        messages.info(request, "This review has already been completed")
        return redirect(found)
    form = BringForwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_bring_forward(
                found.pk, form.cleaned_data["due"], form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The review has been brought forward")
            return redirect(found)
    return render(
        request,
        "reviews/bring_forward.html",
        {
            "form": form,
            "review": found,
            "partnership": found.partnership,
            "page_title": f"Bring the {lower_first(found.label)} forward",
        },
    )
