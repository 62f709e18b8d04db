from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
]
