from django.urls import path

from . import views

app_name = "changes"

urlpatterns = [
    path("changes/", views.change_list, name="list"),
    path("changes/<int:pk>/", views.change_detail, name="change"),
    path("changes/<int:pk>/decide/", views.change_decide, name="decide"),
]
