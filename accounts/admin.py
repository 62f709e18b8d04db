from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .mfa import mfa_reset
from .models import Policy, Service, User
from .services import user_sign_out_everywhere


@admin.register(User)
class PortalUserAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "role", "service", "is_active"]
    list_filter = ["role", "service", "is_active"]
    actions = ["sign_out_everywhere", "reset_authenticator"]
    fieldsets = UserAdmin.fieldsets + (
        ("Role in the portal", {"fields": ["role", "service", "job_title"]}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Role in the portal", {"fields": ["first_name", "last_name", "email", "role", "service"]}),
    )

    @admin.action(description="Sign out everywhere")
    def sign_out_everywhere(self, request, queryset):
        ended = sum(
            user_sign_out_everywhere(user, actor=request.user, request=request) for user in queryset
        )
        self.message_user(
            request, f"Signed out {len(queryset)} people: {ended} sessions ended.", messages.SUCCESS
        )

    @admin.action(description="Reset authenticator app (MFA)")
    def reset_authenticator(self, request, queryset):
        for user in queryset:
            mfa_reset(user, actor=request.user, request=request)
        self.message_user(
            request,
            f"Reset the authenticator app of {len(queryset)} people; they set it up again "
            "at their next sign-in.",
            messages.SUCCESS,
        )


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


@admin.register(Policy)
class PolicyAdmin(SimpleHistoryAdmin):
    list_display = ["council_name", "preset", "updated_at"]

    def has_add_permission(self, request):
        # One policy per installation: change it, or apply another preset.
        return not Policy.objects.exists()
