"""Findings of a spot check and their follow-up actions (V6); an action's owner reports its
progress here, from their inbox, without seeing the rest of the audit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from . import services
from .access import get_action_for_user, get_spot_check_for_user
from .forms import ActionForm, ActionProgressForm, FindingForm
from .views import posted, refuse_if_completed


def finding_add(request, pk):
    return _finding_form(request, pk)


def finding_edit(request, pk, finding):
    return _finding_form(request, pk, finding)


def _finding_form(request, pk, finding_id=None):
    spot_check = get_spot_check_for_user(request, pk, write=True)
    if (refused := refuse_if_completed(request, spot_check)) is not None:
        return refused
    finding = None
    initial = {}
    if finding_id is not None:
        finding = get_object_or_404(spot_check.findings, pk=finding_id)
        initial = {
            "partnership": str(finding.partnership_id or ""),
            "description": finding.description,
            "risk_rating": finding.risk_rating,
        }
    sampled = spot_check.sampled.select_related("partnership")
    form = FindingForm(posted(request), sampled=sampled, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if finding is None:
                services.finding_add(
                    spot_check.pk,
                    data["description"],
                    data["risk_rating"],
                    partnership=data["partnership"],
                    actor=request.user,
                )
            else:
                services.finding_update(
                    finding.pk,
                    data["description"],
                    data["risk_rating"],
                    partnership=data["partnership"],
                    actor=request.user,
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = "recorded" if finding is None else "changed"
            messages.success(request, f"The finding has been {done}")
            return redirect(f"{spot_check.get_absolute_url()}#findings")
    return render(
        request,
        "audits/finding_form.html",
        {
            "form": form,
            "spot_check": spot_check,
            "page_title": "Record a finding" if finding is None else "Change the finding",
        },
    )


def action_add(request, pk, finding):
    spot_check = get_spot_check_for_user(request, pk, write=True)
    if (refused := refuse_if_completed(request, spot_check)) is not None:
        return refused
    finding = get_object_or_404(spot_check.findings.select_related("partnership"), pk=finding)
    form = ActionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(finding.pk, **form.cleaned_data, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The follow-up action has been added")
            return redirect(f"{spot_check.get_absolute_url()}#findings")
    return render(
        request,
        "audits/action_form.html",
        {
            "form": form,
            "spot_check": spot_check,
            "finding": finding,
            "page_title": "Add a follow-up action",
        },
    )


def action(request, pk):
    """The action's owner (or its auditor) records its status and progress."""
    action = get_action_for_user(request, pk)
    form = ActionProgressForm(
        posted(request), initial={"status": action.status, "progress": action.progress}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                action.pk,
                form.cleaned_data["status"],
                form.cleaned_data["progress"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The progress of the action has been saved")
            return redirect(action)
    return render(
        request,
        "audits/action.html",
        {
            "form": form,
            "action": action,
            "finding": action.finding,
            "spot_check": action.finding.spot_check,
            "page_title": "Follow-up action from an internal audit",
        },
    )
