"""The register keeper changes the council's policy: choose, see what would change, apply."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.policy import Policy
from core.forms import add_service_errors
from partnerships.access import can_maintain_register

from .forms import ApplyForm, PresetForm
from .services import policy_change_apply, policy_change_preview


def _keeper_only(request):
    if not can_maintain_register(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def change(request):
    _keeper_only(request)
    current = Policy.for_request(request)
    form = PresetForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        return redirect(f"{request.path}preview/?preset={form.cleaned_data['preset']}")
    return render(request, "policy_changes/change.html", {"form": form, "current": current})


@require_http_methods(["GET", "POST"])
def preview(request):
    _keeper_only(request)
    current = Policy.for_request(request)
    preset = request.POST.get("preset") or request.GET.get("preset", "")
    if preset not in dict(PresetForm(current=current).fields["preset"].choices):
        return redirect("policy_changes:change")
    found = policy_change_preview(preset)
    form = ApplyForm(request.POST or None, ask_reason=bool(found.excluded),
                     initial={"preset": preset})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            policy_change_apply(preset, form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"The register now follows {found.proposed.council_name}'s policy"
            )
            return redirect("policy_changes:change")
    return render(
        request,
        "policy_changes/preview.html",
        {"form": form, "preview": found, "current": current},
    )
