"""Deciding a step of an approval route (P3, P4, P7)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from .forms import DecisionForm
from .models import Route
from .services import (
    AlreadyDecided,
    barred_from_step,
    holds_step,
    outside_post,
    route_decide,
)


def decide(request, pk):
    route = get_object_or_404(Route, pk=pk)
    subject = route.subject
    earlier = _already_decided(request, route)
    if earlier is not None:
        # A double click, or a second decider a moment late: say who decided, record nothing.
        messages.success(request, f"This step has already been decided by {earlier.decider_name}")
        return redirect(subject)
    if route.step is None:
        messages.success(request, "This has already been decided")
        return redirect(subject)
    by_post = not holds_step(request.user, route)
    if by_post:
        reason = outside_post(request.user, route)
        if not reason:
            raise PermissionDenied
    else:
        reason = barred_from_step(request.user, route)
    if reason:
        # Their role holds the step, so say why they may not take it rather than a bare
        # refusal.
        context = {"route": route, "subject": subject, "reason": reason, "by_post": by_post,
                   "decisions": route.decisions.all()}  # fmt: skip
        return render(request, "approvals/barred.html", context, status=403)
    # What the committee's minutes may be linked from: the subject's own documents.
    documents = subject.route_minutes()
    form = DecisionForm(
        request.POST or None,
        step=route.step,
        documents=documents,
        initial={"step_index": route.current_step},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            route_decide(
                route.pk,
                data["step_index"],
                data["outcome"],
                data["comment"],
                meeting_date=data.get("meeting_date"),
                minute_reference=data.get("minute_reference", ""),
                minutes=data.get("minutes"),
                actor=request.user,
            )
        except AlreadyDecided as already:
            # A double click, or someone else at the same moment: say so, record nothing.
            messages.success(request, str(already))
            return redirect(subject)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your decision has been recorded")
            return redirect(subject)
    return render(
        request,
        "approvals/decide.html",
        {
            "route": route,
            "subject": subject,
            "form": form,
            "decisions": route.decisions.select_related("minutes"),
            "page_title": route.step["label"],
        },
    )


def _already_decided(request, route):
    """The decision already taken at the step this person's form was for, if any."""
    posted = request.POST.get("step_index", "")
    if request.method != "POST" or not posted.isdigit():
        return None
    index = int(posted)
    if index >= len(route.steps) or not request.user.has_role(route.steps[index]["holder"]):
        return None
    return route.decisions.filter(round=route.round, step_index=index).first()
