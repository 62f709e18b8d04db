from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your administrator.",
        "sso_only": "Sign in with your council account, using the button on this page.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = FormHelper()
        # The template holds the <form>; crispy's own would nest a form inside it.
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("username", field_width=20, autocomplete="username", spellcheck="false"),
            Field.text("password", field_width=20, autocomplete="current-password"),
            Button("submit", "Sign in"),
        )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # With single sign-on on, passwords may be kept for break-glass accounts only.
        if (
            settings.OIDC_ENABLED
            and settings.LOCAL_PASSWORDS == "break-glass"
            and user.username not in settings.BREAK_GLASS_USERNAMES
        ):
            raise forms.ValidationError(self.error_messages["sso_only"], code="sso_only")


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Confirm your new password"
        self.helper = FormHelper()
        # The template holds the <form>; crispy's own would nest a form inside it.
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("old_password", field_width=20, autocomplete="current-password"),
            Field.text("new_password1", field_width=20, autocomplete="new-password"),
            Field.text("new_password2", field_width=20, autocomplete="new-password"),
            Button("submit", "Change password"),
        )


class CodeForm(forms.Form):
    """One code: from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=32,
        error_messages={"required": "Enter the code"},
    )

    def __init__(self, *args, hint, button, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = hint
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text(
                "code",
                field_width=10,
                autocomplete="one-time-code",
                spellcheck="false",
                inputmode="text",
            ),
            Button("submit", button),
        )

    def wrong(self, message):
        self.add_error("code", message)
