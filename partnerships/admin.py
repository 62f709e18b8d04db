from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Partnership


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "status", "tier", "lead_service"]
    list_filter = ["status", "kind", "tier", "statutory", "lead_service"]
    search_fields = ["name"]
