from django.urls import path

from . import views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("account/password/", views.ChangePasswordView.as_view(), name="password_change"),
    path(
        "account/password/done/",
        views.ChangePasswordDoneView.as_view(),
        name="password_change_done",
    ),
    path("account/stay-signed-in/", views.stay_signed_in, name="stay_signed_in"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
