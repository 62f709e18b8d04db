from functools import update_wrapper

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from .roles import Role


class PortalAdminSite(AdminSite):
    site_header = "Partnership register administration"
    site_title = "Partnership register administration"

    def has_permission(self, request):
        # Only administrators, whatever flags an account carries.
        user = request.user
        return user.is_active and user.is_staff and user.role == Role.ADMIN

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            # A signed-in officer is told plainly they may not, not sent to another sign-in.
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request, extra_context=None):
        # One sign-in page for the whole portal, with its lockout and session rules.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
