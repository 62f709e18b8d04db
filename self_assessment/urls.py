from django.urls import path

from . import views

app_name = "self_assessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("self-assessment.pdf", views.pdf, name="pdf"),
    path("start/", views.start, name="start"),
    path("<int:pk>/<int:index>/", views.section, name="section"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("plan/make/", views.plan_create, name="plan_create"),
    path("plan/<int:pk>/", views.action, name="action"),
]
