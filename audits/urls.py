from django.urls import path

from . import finding_views, pdf, views

app_name = "audits"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.draw, name="draw"),
    path("<int:pk>/", views.spot_check, name="spot_check"),
    path("<int:pk>/redraw/", views.redraw, name="redraw"),
    path("<int:pk>/pdf/", pdf.spot_check_pdf, name="pdf"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/sample/<int:sampled>/", views.checklist, name="checklist"),
    path("<int:pk>/findings/add/", finding_views.finding_add, name="finding_add"),
    path(
        "<int:pk>/findings/<int:finding>/edit/",
        finding_views.finding_edit,
        name="finding_edit",
    ),
    path(
        "<int:pk>/findings/<int:finding>/actions/add/",
        finding_views.action_add,
        name="action_add",
    ),
    path("actions/<int:pk>/", finding_views.action, name="action"),
]
