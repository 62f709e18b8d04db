from django.urls import path, re_path, register_converter

from . import (
    change_views,
    document_views,
    import_views,
    proposal_pdf,
    proposal_views,
    route_views,
    views,
    withdrawal_pdf,
    withdrawal_views,
)


class PartConverter:
    """The parts of a partnership's record that are edited one item at a time."""

    regex = "partners|representatives|resources|risks"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PartConverter, "part")

app_name = "partnerships"

urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/tier/", views.tier, name="tier"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/<part:part>/add/", views.part_form, name="part_add"),
    path("<int:pk>/<part:part>/<int:item>/edit/", views.part_form, name="part_edit"),
    path("<int:pk>/<part:part>/<int:item>/delete/", views.part_delete, name="part_delete"),
    path(
        "<int:pk>/representatives/<int:item>/replace/",
        views.representative_replace,
        name="representative_replace",
    ),
    path(
        "<int:pk>/representatives/<int:item>/declarations/add/",
        views.declaration_add,
        name="declaration_add",
    ),
    path("objectives/", views.objectives, name="objectives"),
    path("objectives/<int:item>/edit/", views.objective_edit, name="objective_edit"),
    # Proposals (proposal_views.py).
    path("proposals/new/", proposal_views.start, name="proposal_start"),
    path("proposals/<int:pk>/check/", proposal_views.check, name="proposal_check"),
    re_path(proposal_views.QUESTION_PATH, proposal_views.question, name="proposal_page"),
    path("proposals/<int:pk>/pdf/", proposal_pdf.proposal_pdf, name="proposal_pdf"),
    path("proposals/<int:pk>/", proposal_views.proposal, name="proposal"),
    # Decisions along approval routes (route_views.py).
    path("routes/<int:pk>/decide/", route_views.decide, name="route_decide"),
    # Significant changes (change_views.py).
    path("changes/", change_views.change_list, name="changes"),
    path("changes/<int:pk>/", change_views.change_detail, name="change"),
    path("changes/<int:pk>/decide/", change_views.change_decide, name="change_decide"),
    # Leaving a partnership (withdrawal_views.py).
    path("<int:pk>/leave/", withdrawal_views.start, name="withdrawal_start"),
    path("withdrawals/<int:pk>/", withdrawal_views.withdrawal, name="withdrawal"),
    path("withdrawals/<int:pk>/edit/", withdrawal_views.edit, name="withdrawal_edit"),
    path("withdrawals/<int:pk>/pdf/", withdrawal_pdf.withdrawal_pdf, name="withdrawal_pdf"),
    # Spreadsheet import and export (import_views.py).
    path("export.csv", import_views.export_csv, name="export_csv"),
    path("export.xlsx", import_views.export_xlsx, name="export_xlsx"),
    path("import/", import_views.import_upload, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("import/<int:pk>/", import_views.import_review, name="import_review"),
    # Documents (document_views.py).
    path("<int:pk>/documents/add/", document_views.document_add, name="document_add"),
    path(
        "<int:pk>/documents/<int:doc>/",
        document_views.document_download,
        name="document_download",
    ),
    path(
        "<int:pk>/documents/<int:doc>/delete/",
        document_views.document_delete,
        name="document_delete",
    ),
]
