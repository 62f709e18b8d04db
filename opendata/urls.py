from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.register, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("register.json", views.register_json, name="register_json"),
    path("settings/", views.configure, name="settings"),
]
