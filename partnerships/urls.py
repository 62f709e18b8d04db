from django.urls import path, register_converter

from . import views


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
    # TODO-WIP path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    # TODO-WIP path("<int:pk>/edit/", views.edit, name="edit"),
    # TODO-WIP path("<int:pk>/tier/", views.tier, name="tier"),
    # TODO-WIP path("<int:pk>/history/", views.history, name="history"),
    # TODO-WIP path("<int:pk>/<part:part>/add/", views.part_add, name="part_add"),
    # TODO-WIP path("<int:pk>/<part:part>/<int:item>/edit/", views.part_edit, name="part_edit"),
    # TODO-WIP path("<int:pk>/<part:part>/<int:item>/delete/", views.part_delete,
    #   name="part_delete"),
    # TODO-WIP path(
    # TODO-WIP     "<int:pk>/representatives/<int:item>/replace/",
    # TODO-WIP     views.representative_replace,
    # TODO-WIP     name="representative_replace",
    # TODO-WIP ),
    # TODO-WIP path(
    # TODO-WIP     "<int:pk>/representatives/<int:item>/declarations/add/",
    # TODO-WIP     views.declaration_add,
    # TODO-WIP     name="declaration_add",
    # TODO-WIP ),
    # TODO-WIP path("objectives/", views.objectives, name="objectives"),
    # TODO-WIP path("objectives/<int:item>/edit/", views.objective_edit, name="objective_edit"),
    # Spreadsheet import and export (import_views.py).
    # Documents (document_views.py).
]
