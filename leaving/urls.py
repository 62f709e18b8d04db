from django.urls import path

from . import pdf, views

app_name = "leaving"

urlpatterns = [
    path("<int:pk>/leave/", views.start, name="start"),
    path("withdrawals/<int:pk>/", views.withdrawal, name="withdrawal"),
    path("withdrawals/<int:pk>/edit/", views.edit, name="edit"),
    path("withdrawals/<int:pk>/pdf/", pdf.withdrawal_pdf, name="pdf"),
]
