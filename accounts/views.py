from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST, require_safe

from .accessibility import (
    AXE_CORE_VERSION,
    LAST_TESTED,
    STATEMENT_PREPARED,
    STATEMENT_REVIEWED,
    TESTED_JOURNEYS,
    WCAG_TAGS,
)
from .forms import ChangePasswordForm, SignInForm
from .middleware import session_ends_in


@require_safe
def home(request):
    return render(request, "accounts/home.html")


@login_not_required
@require_safe
def accessibility(request):
    return render(
        request,
        "accessibility.html",
        {
            "prepared": STATEMENT_PREPARED,
            "reviewed": STATEMENT_REVIEWED,
            "tested": LAST_TESTED,
            "axe_version": AXE_CORE_VERSION,
            "wcag_tags": WCAG_TAGS,
            "journeys": TESTED_JOURNEYS,
        },
    )


@require_POST
def stay_signed_in(request):
    """The time-out warning's "Stay signed in": the session middleware counts any POST as
    activity, so arriving here is enough to restart the idle time."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"ends_in": session_ends_in(request)})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = "home"
    return redirect(next_url)


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timed_out"] = self.request.session.pop("signed_out_reason", None) == "timeout"
        return context


class SignOutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


class ChangePasswordView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm


class ChangePasswordDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


# Error pages render through the same layout as every other page and never show internals.
@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # No context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
