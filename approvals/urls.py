from django.urls import path

from . import views

app_name = "approvals"

urlpatterns = [
    path("routes/<int:pk>/decide/", views.decide, name="decide"),
]
