from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views

handler403 = "accounts.views.permission_denied"
handler404 = "accounts.views.page_not_found"
handler500 = "accounts.views.server_error"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("", include("accounts.urls")),
    # Proposals, decisions, significant changes and leaving keep the register's addresses,
    # the ones in people's emails and bookmarks, though each is an app of its own.
    path("register/", include("partnerships.urls")),
    path("register/", include("proposals.urls")),
    path("register/", include("approvals.urls")),
    path("register/", include("changes.urls")),
    path("register/", include("leaving.urls")),
    path("assessments/", include("assessments.urls")),
    path("reviews/", include("reviews.urls")),
    path("register-review/", include("register_review.urls")),
    path("reports/", include("reports.urls")),
    path("audit/", include("audits.urls")),
    path("policy/change/", include("policy_changes.urls")),
    path("self-assessment/", include("self_assessment.urls")),
    path("health/", include("health.urls")),
    path("api/", include("api.urls")),
    path("open-data/", include("opendata.urls")),
    path("data-protection/", include("privacy.urls")),
    path("admin/", admin.site.urls),
]
