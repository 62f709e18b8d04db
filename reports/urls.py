from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("priorities/", views.priorities, name="priorities"),
    path("priorities/<int:pk>/", views.prioritise, name="prioritise"),
    path("smt-summary/", views.summary, name="summary"),
    path("smt-summary/pdf/", views.summary_pdf, name="summary_pdf"),
    path("cabinet/", views.cabinet_reports, name="cabinet_reports"),
    path("cabinet/new/", views.cabinet_open, name="cabinet_open"),
    path("cabinet/<int:pk>/", views.cabinet_report, name="cabinet_report"),
    path("cabinet/<int:pk>/close/", views.cabinet_close, name="cabinet_close"),
    path("cabinet/<int:pk>/pdf/", views.cabinet_pdf, name="cabinet_pdf"),
    path("cabinet/<int:pk>/send-again/", views.cabinet_send_again, name="cabinet_send_again"),
    path("cabinet/entries/<int:pk>/", views.cabinet_entry, name="cabinet_entry"),
]
