from django.urls import path

from . import views

app_name = "policy_changes"

urlpatterns = [
    path("", views.change, name="change"),
    path("preview/", views.preview, name="preview"),
]
