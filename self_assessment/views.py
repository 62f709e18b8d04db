"""The council's self-assessment and improvement plan: the standards as last rated with the
plan below them, rating the council section by section, and keeping the plan's actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from accounts.roles import Role
from assessments.section_forms import SectionForm
from core.forms import add_service_errors
from core.pdf import pdf_filename, pdf_response, render_pdf

from . import services
from .access import can_keep, can_read
from .forms import ActionForm, ConfirmForm
from .models import ImprovementAction, SelfAssessment, State


def posted(request):
    # An empty POST is still a POST: a form bound to it shows its errors.
    return request.POST if request.method == "POST" else None


def _require_reader(request):
    if not can_read(request.user):
        raise PermissionDenied


def _require_keeper(request):
    if not can_keep(request.user):
        raise PermissionDenied


def _overview(request):
    """What the page and its PDF show. A council whose policy has no self-assessment has
    no page, unless one was kept under an earlier policy: that stays readable."""
    policy = Policy.for_request(request)
    kept = list(
        SelfAssessment.objects.select_related("template", "owner", "completed_by").order_by(
            "-completed_at", "-pk"
        )
    )
    draft = next((found for found in kept if found.is_draft), None)
    completed = [found for found in kept if not found.is_draft]
    actions = list(ImprovementAction.objects.select_related("owner"))
    if not (policy.self_assessment_form or kept or actions):
        raise Http404("The council's policy has no self-assessment")
    # Readers see the standards as last completed; one in progress shows only until then.
    shown = completed[0] if completed else draft
    return {
        "policy": policy,
        "keeper": policy.role_label(Role.REGISTER_KEEPER),
        "assessment": shown,
        "draft": draft,
        "earlier": completed[1:],
        "rows": shown.answer_rows() if shown else [],
        "actions": actions,
        "may_start": bool(policy.self_assessment_form),
        "may_plan": bool(policy.improvement_plan) and not actions,
    }


@require_safe
def index(request):
    _require_reader(request)
    context = _overview(request)
    context["can_keep"] = can_keep(request.user)
    return render(request, "self_assessment/index.html", context)


@require_safe
def pdf(request):
    _require_reader(request)
    context = _overview(request)
    policy = context["policy"]
    name = pdf_filename(policy.council_name, "self-assessment and improvement plan")
    return pdf_response(render_pdf("self_assessment/pdf/report.html", context), name)


def start(request):
    """Starts a self-assessment, or goes on with the one in progress."""
    _require_keeper(request)
    if not Policy.for_request(request).self_assessment_form:
        raise Http404("The council's policy has no self-assessment form")
    draft = SelfAssessment.objects.filter(state=State.DRAFT).first()
    if draft is not None:
        return redirect("self_assessment:section", draft.pk, 1)
    form = ConfirmForm(posted(request), submit="Start the self-assessment")
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("self_assessment:section", assessment.pk, 1)
    last = SelfAssessment.objects.filter(state=State.COMPLETED).first()
    return render(
        request,
        "self_assessment/start.html",
        {"form": form, "last": last, "page_title": "Start a self-assessment"},
    )


def _draft_for_keeper(request, pk):
    _require_keeper(request)
    return get_object_or_404(SelfAssessment.objects.select_related("template"), pk=pk)


def section(request, pk, index):
    assessment = _draft_for_keeper(request, pk)
    if not assessment.is_draft:
        return redirect("self_assessment:index")
    sections = assessment.template.sections
    if not 1 <= index <= len(sections):
        raise Http404
    current = sections[index - 1]
    page = SectionForm(
        posted(request),
        section=current,
        scales=assessment.template.scales,
        answers=assessment.answers,
    )
    if "later" not in request.POST:
        page.require_answers()
    if request.method == "POST" and page.is_valid():
        services.assessment_save_answers(assessment.pk, page.answers(), actor=request.user)
        if "later" in request.POST:
            messages.success(request, "Your answers have been saved")
            return redirect("self_assessment:index")
        if index < len(sections):
            return redirect("self_assessment:section", assessment.pk, index + 1)
        return redirect("self_assessment:complete", assessment.pk)
    return render(
        request,
        "self_assessment/section.html",
        {
            "assessment": assessment,
            "form": page,
            "section": current,
            "index": index,
            "count": len(sections),
            "page_title": current["title"],
        },
    )


def complete(request, pk):
    assessment = _draft_for_keeper(request, pk)
    if not assessment.is_draft:
        return redirect("self_assessment:index")
    numbers = {id(s): n for n, s in enumerate(assessment.template.sections, start=1)}
    missing = [
        {"section": numbers[id(section)], "question": question}
        for section, question in assessment.unanswered()
    ]
    form = ConfirmForm(posted(request), submit="Complete the self-assessment")
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_complete(assessment.pk, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The self-assessment has been completed")
            return redirect("self_assessment:index")
    return render(
        request,
        "self_assessment/complete.html",
        {
            "assessment": assessment,
            "form": form,
            "missing": missing,
            "rows": assessment.answer_rows(),
            "page_title": "Check and complete the self-assessment",
        },
    )


def plan_create(request):
    """Takes on the policy's recommendations as the improvement plan, once."""
    _require_keeper(request)
    policy = Policy.for_request(request)
    if not policy.improvement_plan:
        raise Http404("The council's policy makes no recommendations for a plan")
    if ImprovementAction.objects.exists():
        return redirect("self_assessment:index")
    form = ConfirmForm(posted(request), submit="Make the improvement plan")
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_create(actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "The improvement plan has been made: give each action its owner and date"
            )
            return redirect("self_assessment:index")
    return render(
        request,
        "self_assessment/plan_create.html",
        {
            "form": form,
            "recommendations": policy.improvement_plan,
            "page_title": "Make the improvement plan",
        },
    )


def action(request, pk):
    _require_keeper(request)
    found = get_object_or_404(ImprovementAction.objects.select_related("owner"), pk=pk)
    form = ActionForm(
        posted(request),
        initial={
            "owner": found.owner_id,
            "due_date": found.due_date,
            "status": found.status,
            "note": found.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(found.pk, **form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The action has been updated")
            return redirect(f"{reverse('self_assessment:index')}#plan")
    return render(
        request,
        "self_assessment/action.html",
        {"form": form, "action": found, "page_title": "Update the action"},
    )
