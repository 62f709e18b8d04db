from django.urls import path

from . import views

app_name = "register_review"

urlpatterns = [
    path("", views.index, name="index"),
    path("open/", views.review_open, name="open"),
    path("<int:pk>/", views.review_detail, name="review"),
    path("<int:pk>/chase/", views.review_chase, name="chase"),
    path("<int:pk>/close/", views.review_close, name="close"),
    path("reports/", views.reports, name="reports"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/send-again/", views.send_again, name="send_again"),
    path("your-entries/", views.mine, name="mine"),
    path("your-entries/<int:pk>/", views.confirm, name="confirm"),
]
