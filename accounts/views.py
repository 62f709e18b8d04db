from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.paging import page_links

from . import mfa, oidc
from .accessibility import (
    MANUAL_CHECKED,
    STATEMENT_PREPARED,
    STATEMENT_REVIEWED,
    WCAG_TAGS,
    recorded_run,
    run_section,
)
from .forms import ChangePasswordForm, CodeForm, SignInForm
from .inbox import tasks_for
from .middleware import session_ends_in
from .security_log import log_event

# A long inbox (a keeper's after a holiday) pages rather than growing without end.
TASKS_PER_PAGE = 50


@require_safe
def home(request):
    page = Paginator(tasks_for(request.user), TASKS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/home.html",
        {"tasks": list(page), "page": page, "page_links": page_links(page), "query_string": ""},
    )


@login_not_required
@require_safe
def accessibility(request):
    run = recorded_run()
    return render(
        request,
        "accessibility.html",
        {
            "prepared": STATEMENT_PREPARED,
            "reviewed": STATEMENT_REVIEWED,
            "manual_checked": MANUAL_CHECKED,
            "wcag_tags": WCAG_TAGS,
            "run": run,
            "run_section": run_section(run),
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
        context["sso"] = settings.OIDC_ENABLED
        context["sso_label"] = settings.OIDC_BUTTON_LABEL
        return context


class SignOutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"

    def post(self, request, *args, **kwargs):
        # Read before the session ends: only a single sign-on is offered the provider's
        # sign-out as well.
        self.provider_sign_out = (
            oidc.provider_sign_out_url(request)
            if request.session.get(mfa.SESSION_MFA) == "provider"
            else ""
        )
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["provider_sign_out"] = getattr(self, "provider_sign_out", "")
        return context


class ChangePasswordView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm

    def form_valid(self, form):
        # Saving the new password ends every session of the person (accounts.sessions);
        # this one carries on with a new key.
        response = super().form_valid(form)
        log_event("password_change", request=self.request)
        return response


class ChangePasswordDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def mfa_verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    if request.session.get(mfa.SESSION_MFA) != "verify":
        return redirect(_next(request))
    form = CodeForm(
        request.POST or None,
        hint="The 6-digit code from your authenticator app, or one of your recovery codes.",
        button="Continue",
    )
    if request.method == "POST" and form.is_valid():
        device, why = mfa.verify_code(request.user, form.cleaned_data["code"], request=request)
        if device is not None:
            mfa.complete(request, device)
            return redirect(_next(request))
        if why == "wait":
            form.wrong("Too many wrong codes. Wait a minute, then enter the newest code")
        else:
            form.wrong(
                "The code is not right. Enter the newest code from your app, or a recovery "
                "code you have not used"
            )
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next(request)})


@require_http_methods(["GET", "POST"])
def mfa_setup(request):
    """Set up an authenticator app: scan the code, enter what the app shows, and keep the
    recovery codes. Signed in with single sign-on, the council's provider does this."""
    if request.session.get(mfa.SESSION_MFA) in {"verify", "provider"}:
        return redirect(_next(request))
    key = request.session.get("mfa_new_key")
    if request.method == "GET" or not key:
        key = request.session["mfa_new_key"] = mfa.new_key()
    form = CodeForm(
        request.POST or None,
        hint="The 6-digit code your authenticator app shows for this portal.",
        button="Set up",
    )
    if request.method == "POST" and form.is_valid():
        codes = mfa.mfa_enrol(
            request.user, key, form.cleaned_data["code"], actor=request.user, request=request
        )
        if codes is not None:
            del request.session["mfa_new_key"]
            mfa.complete(request, mfa.TOTPDevice.objects.get(user=request.user))
            return render(
                request,
                "accounts/mfa_codes.html",
                {"codes": codes, "next": _next(request)},
            )
        form.wrong("The code is not right. Enter the code your app shows now")
    uri = mfa.provisioning_uri(request.user, key)
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_code": mfa.qr_code_svg_data_uri(uri),
            "secret": mfa.b32_secret(key),
            "required": request.session.get(mfa.SESSION_MFA) == "enrol",
            "has_app": mfa.has_app(request.user),
            "next": _next(request),
        },
    )


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
