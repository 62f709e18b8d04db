from django.urls import path

from . import oidc, views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/code/", views.mfa_verify, name="mfa_verify"),
    path("sign-in/council/", oidc.StartView.as_view(), name="oidc_start"),
    path("sign-in/council/callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("account/authenticator/", views.mfa_setup, name="mfa_setup"),
    path("account/password/", views.ChangePasswordView.as_view(), name="password_change"),
    path(
        "account/password/done/",
        views.ChangePasswordDoneView.as_view(),
        name="password_change_done",
    ),
    path("account/stay-signed-in/", views.stay_signed_in, name="stay_signed_in"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
