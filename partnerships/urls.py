from django.urls import path, register_converter

from . import document_views, import_views, views


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
