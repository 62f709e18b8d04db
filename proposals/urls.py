from django.urls import path, re_path

from . import pdf, views

app_name = "proposals"

urlpatterns = [
    path("proposals/new/", views.start, name="start"),
    path("proposals/<int:pk>/check/", views.check, name="check"),
    re_path(views.QUESTION_PATH, views.question, name="page"),
    path("proposals/<int:pk>/pdf/", pdf.proposal_pdf, name="pdf"),
    path("proposals/<int:pk>/", views.proposal, name="proposal"),
]
