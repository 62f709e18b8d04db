from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = "Accounts and policy"

    def ready(self):
        from . import inbox, mfa, security_log, sessions  # noqa: F401 (connects their signals)

        sessions.connect(self.get_model("User"))
        security_log.connect()
        inbox.connect()


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "accounts.admin_site.PortalAdminSite"
