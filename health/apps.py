from django.apps import AppConfig


class HealthConfig(AppConfig):
    """The top layer: what a load balancer and monitoring ask of each web host."""

    name = "health"
    verbose_name = "Health checks"
