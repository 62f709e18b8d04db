"""Evaluations accepted along the evaluation route (A6), published to every officer with
their lessons learnt: "A copy of the evaluation report will be circulated to SMT and made
available on the intranet" (South Derbyshire, Review and Evaluation)."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.views.decorators.http import require_safe

from approvals.models import Route, RouteState
from core.paging import page_links

from .models import CompletedForm, FormState

PAGE_SIZE = 25


def accepted_evaluations():
    """Forms whose evaluation route was approved, newest first. Asking the route, not the
    policy's form key, keeps those accepted under an earlier policy."""
    accepted = Route.objects.filter(
        subject_type=ContentType.objects.get_for_model(CompletedForm),
        subject_id=OuterRef("pk"),
        kind="evaluation",
        state=RouteState.APPROVED,
    )
    return (
        CompletedForm.objects.filter(Exists(accepted), state=FormState.SIGNED_OFF)
        .select_related("template", "partnership", "started_by")
        .order_by("-signed_off_at", "-pk")
    )


def lessons(completed):
    """The evaluation's summary, its first section: why it was done, what worked well and
    what could have been better. These are the lessons learnt the list shows."""
    sections = completed.template.sections
    if not sections:
        return []
    return [
        (question["text"], (completed.answers.get(question["key"]) or {}).get("value"))
        for question in sections[0].get("questions", [])
    ]


@require_safe
def evaluations(request):
    page = Paginator(accepted_evaluations(), PAGE_SIZE).get_page(request.GET.get("page"))
    for completed in page:
        completed.lessons = lessons(completed)
    return render(
        request,
        "assessments/evaluations.html",
        {"page": page, "page_links": page_links(page), "query_string": ""},
    )
