from django.apps import AppConfig


class PolicyChangesConfig(AppConfig):
    name = "policy_changes"
    verbose_name = "Changes of policy on a live register"
