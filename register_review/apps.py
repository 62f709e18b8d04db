from django.apps import AppConfig


class RegisterReviewConfig(AppConfig):
    name = "register_review"
    verbose_name = "Annual register review"
