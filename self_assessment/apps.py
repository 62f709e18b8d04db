from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "self_assessment"
    verbose_name = "Council-wide self-assessment and improvement plan"
