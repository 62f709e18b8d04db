from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from accounts.policy import FORM_PURPOSES, Policy
from approvals.models import Route
from approvals.services import may_decide
from partnerships.access import can_maintain_register, get_partnership_for_user

from . import services
from .access import get_form_for_user
from .action_forms import ActionForm
from .models import Action, QuestionnaireTemplate
from .scoring import prompts_for_action, scores_for
from .section_forms import SectionForm


def can_see_templates(user):
    return can_maintain_register(user) or user.has_role("auditor")


# A council-wide self-assessment is the council's own, completed on its own pages
# (self_assessment), never on a partnership.
COUNCIL_WIDE_PURPOSES = {"self_assessment"}


def purposes_of(policy, on_a_partnership=False):
    """{form key: what the policy uses it for}, each form under its first purpose; with
    on_a_partnership, only the forms completed against a partnership."""
    named = {}
    for purpose, keys in policy.forms_by_purpose().items():
        if on_a_partnership and purpose in COUNCIL_WIDE_PURPOSES:
            continue
        for key in keys:
            named.setdefault(key, FORM_PURPOSES[purpose])
    return named


@require_safe
def templates(request):
    """The policy's forms, and the forms of an earlier policy that were completed here: their
    answers are kept as they were asked. Another council's forms, never used here, are not
    offered."""
    if not can_see_templates(request.user):
        raise PermissionDenied
    policy = Policy.for_request(request)
    named = purposes_of(policy)
    found = QuestionnaireTemplate.objects.defer("definition")
    own, earlier = [], []
    for template in found.filter(key__in=named):
        template.purpose = named[template.key]
        own.append(template)
    earlier = found.exclude(key__in=named).filter(completed_forms__isnull=False).distinct()
    order = list(named)
    own.sort(key=lambda t: (order.index(t.key), -t.version))
    return render(request, "assessments/templates.html", {"templates": own, "earlier": earlier})


@require_safe
def template(request, key, version):
    if not can_see_templates(request.user):
        raise PermissionDenied
    found = get_object_or_404(QuestionnaireTemplate, key=key, version=version)
    return render(request, "assessments/template.html", {"template": found})


def start(request, pk):
    partnership = get_partnership_for_user(request, pk, write=True)
    # Only the policy's own forms (A2-A7), in the order of their purposes.
    named = purposes_of(Policy.for_request(request), on_a_partnership=True)
    latest = {}
    for found in (
        QuestionnaireTemplate.objects.defer("definition")
        .filter(key__in=named)
        .order_by("key", "-version")
    ):
        found.purpose = named[found.key]
        latest.setdefault(found.key, found)
    latest = {key: latest[key] for key in named if key in latest}
    error = None
    if request.method == "POST":
        key = request.POST.get("template", "")
        if key not in latest:
            error = "Select the form to complete"
        else:
            form = services.form_start(
                partnership, key, copy_last=request.POST.get("copy") == "yes", actor=request.user
            )
            return redirect("assessments:section", form.pk, 1)
    return render(
        request,
        "assessments/start.html",
        {
            "partnership": partnership,
            "choices": latest.values(),
            "error": error,
            "selected": request.POST.get("template") or request.GET.get("template", ""),
        },
    )


def section(request, pk, index):
    completed = get_form_for_user(request, pk, write=True)
    sections = completed.template.sections
    if not 1 <= index <= len(sections):
        raise Http404
    current = sections[index - 1]
    page = SectionForm(
        request.POST or None,
        section=current,
        scales=completed.template.scales,
        answers=completed.answers,
        documents=completed.partnership.documents.all(),
    )
    if "later" not in request.POST:
        page.require_answers()
    if request.method == "POST" and page.is_valid():
        services.form_save_answers(completed.pk, page.answers(), actor=request.user)
        low = [q for q in prompts_for_action(completed.template, page.answers())]
        for question in low:
            messages.success(
                request,
                f"‘{question['text']}’ was rated {question['rated']}, and a rating of "
                f"{question['triggers']} needs an action: add an action for it to the action "
                "plan.",
            )
        if "later" in request.POST:
            return redirect(completed)
        if index < len(sections):
            return redirect("assessments:section", completed.pk, index + 1)
        return redirect("assessments:check", completed.pk)
    return render(
        request,
        "assessments/section.html",
        {
            "completed": completed,
            "form": page,
            "section": current,
            "index": index,
            "count": len(sections),
            "page_title": current["title"],
        },
    )


def check(request, pk):
    completed = get_form_for_user(request, pk, write=True)
    numbers = {id(section): n for n, section in enumerate(completed.template.sections, start=1)}
    missing = [
        {"section": numbers[id(section)], "question": question}
        for section, question in services.missing_answers(completed)
    ]
    if request.method == "POST":
        try:
            services.form_submit(completed.pk, actor=request.user)
        except ValidationError as error:
            messages.success(request, " ".join(error.messages))
        else:
            messages.success(request, "The form has been submitted for sign-off")
            return redirect(completed)
    return render(
        request,
        "assessments/check.html",
        {"completed": completed, "missing": missing, "rows": answer_rows(completed)},
    )


@require_safe
def form_detail(request, pk):
    completed = get_form_for_user(request, pk)
    route = Route.objects.of(completed)
    scores = completed.scores or scores_for(completed.template, completed.answers)
    previous = completed.previous_completed()
    return render(
        request,
        "assessments/form.html",
        {
            "completed": completed,
            "rows": completed.compare_with(answer_rows(completed), previous),
            "gaps": completed.gaps(),
            "scores": scores,
            "previous": previous,
            "chart": chart_rows(scores),
            "chart_height": BAR_HEIGHT * len(scores.get("groups", [])),
            "route": route,
            "decisions": route.decisions.all() if route else [],
            "can_decide": route is not None and may_decide(request.user, route),
            "can_edit": not completed.is_locked
            and services.can_complete(request.user, completed.partnership),
            "actions": completed.actions.select_related("owner"),
            "prompted": prompts_for_action(completed.template, completed.answers),
            "may_plan": services.can_complete(request.user, completed.partnership),
        },
    )


def answer_rows(completed):
    return completed.answer_rows()


BAR_HEIGHT = 30
BAR_START = 260
BAR_LENGTH = 300


def chart_rows(scores):
    """The profile chart's bars (A3, A4): each area as a share of the most it could score,
    with the coordinates the SVG needs, so the template only places them."""
    rows = []
    for position, group in enumerate(scores.get("groups", [])):
        percent = round(100 * group["score"] / group["maximum"]) if group["maximum"] else 0
        width = BAR_LENGTH * percent // 100
        rows.append(
            {
                **group,
                "percent": percent,
                "y": position * BAR_HEIGHT,
                "text_y": position * BAR_HEIGHT + 20,
                "width": width,
                "value_x": BAR_START + width + 6,
            }
        )
    return rows


def action_form(request, pk, item=None):
    """Adds an action to the form's action plan (A5), or changes one: its owner may update
    its status too."""
    completed = get_form_for_user(request, pk)
    action = get_object_or_404(Action, pk=item, form=completed) if item else None
    may_edit = services.can_complete(request.user, completed.partnership)
    if not (may_edit or (action is not None and action.owner_id == request.user.pk)):
        raise PermissionDenied
    question = request.GET.get("question", "")
    page = ActionForm(
        request.POST or None,
        instance=action,
        initial={"description": f"For ‘{question}’: " if question else ""},
    )
    if request.method == "POST" and page.is_valid():
        services.action_save(completed.pk, page.save(commit=False), actor=request.user)
        messages.success(request, "The action plan has been updated")
        return redirect(f"{completed.get_absolute_url()}#actions")
    return render(
        request,
        "assessments/action_form.html",
        {
            "completed": completed,
            "form": page,
            "page_title": "Change the action" if action else "Add an action",
        },
    )
