from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/bring-forward/", views.bring_forward, name="bring_forward"),
    path("<int:pk>/send-again/", views.send_again, name="send_again"),
]
