"""Subject-access requests: find a person, then download everything that names them."""

import json
import logging

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from accounts.models import User
from accounts.policy import Policy
from accounts.roles import Role

from .forms import FindPersonForm
from .subject_access import find_people, subject_access_export

log = logging.getLogger("privacy")


def require_handler(user):
    """Subject-access requests are handled by the register keeper or an Administrator."""
    if not user.has_role(Role.REGISTER_KEEPER, Role.ADMIN):
        raise PermissionDenied


@require_safe
def subject_access(request):
    require_handler(request.user)
    form = FindPersonForm(request.GET or None)
    accounts, names = [], []
    if form.is_valid():
        accounts, names = find_people(form.cleaned_data["q"])
    return render(
        request,
        "privacy/subject_access.html",
        {
            "form": form,
            "searched": form.is_bound and form.is_valid(),
            "accounts": accounts,
            "names": names,
            "policy": Policy.for_request(request),
        },
    )


@require_safe
def subject_access_download(request):
    require_handler(request.user)
    user_pk, name = request.GET.get("user", ""), request.GET.get("name", "").strip()
    if user_pk.isdigit():
        subject = get_object_or_404(User, pk=int(user_pk))
        export = subject_access_export(user=subject, actor=request.user)
        label = subject.username
    elif name:
        export = subject_access_export(name=name, actor=request.user)
        label = name
    else:
        return redirect("privacy:subject_access")
    # Who asked for whose data is itself worth keeping (Article 30, and ASVS V16).
    log.info("subject access export by %s for %s", request.user.username, label)
    response = HttpResponse(
        json.dumps(export, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = f"subject-access-{slugify(label) or 'person'}-{timezone.localdate():%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response
