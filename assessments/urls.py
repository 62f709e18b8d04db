from django.urls import path

from . import evaluation_views, form_pdf, views

app_name = "assessments"

urlpatterns = [
    path("evaluations/", evaluation_views.evaluations, name="evaluations"),
    path("templates/", views.templates, name="templates"),
    path("templates/<slug:key>/<int:version>/", views.template, name="template"),
    path("partnership/<int:pk>/new/", views.start, name="start"),
    path("forms/<int:pk>/", views.form_detail, name="form"),
    path("forms/<int:pk>/pdf/", form_pdf.form_pdf, name="form_pdf"),
    path("forms/<int:pk>/check/", views.check, name="check"),
    path("forms/<int:pk>/<int:index>/", views.section, name="section"),
    path("forms/<int:pk>/actions/add/", views.action_form, name="action_add"),
    path("forms/<int:pk>/actions/<int:item>/", views.action_form, name="action_edit"),
]
