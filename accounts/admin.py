from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Policy, Service, User


@admin.register(User)
class PortalUserAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "role", "service", "is_active"]
    list_filter = ["role", "service", "is_active"]
    fieldsets = UserAdmin.fieldsets + (
        ("Role in the portal", {"fields": ["role", "service", "job_title"]}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Role in the portal", {"fields": ["first_name", "last_name", "email", "role", "service"]}),
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
