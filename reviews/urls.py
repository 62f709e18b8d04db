from django.urls import path

from . import report_views, views

app_name = "reviews"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/bring-forward/", views.bring_forward, name="bring_forward"),
    path("<int:pk>/send-again/", views.send_again, name="send_again"),
    # An officer representative's annual report to a committee (Northamptonshire's CMT).
    path("annual-reports/new/<int:partnership_pk>/", report_views.report_new, name="report_new"),
    path("annual-reports/<int:pk>/", report_views.report, name="report"),
    path("annual-reports/<int:pk>/edit/", report_views.report_edit, name="report_edit"),
    path("annual-reports/<int:pk>/send/", report_views.report_send, name="report_send"),
    path(
        "annual-reports/<int:pk>/send-again/",
        report_views.report_send_again,
        name="report_send_again",
    ),
    path("annual-reports/<int:pk>/pdf/", report_views.report_pdf, name="report_pdf"),
]
