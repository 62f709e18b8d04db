"""The Administrator issues and revokes API tokens here. The secret is shown on the page
that follows issuing, once; only its digest is kept."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken
from .services import check_token, token_issue, token_revoke


class IssueForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "role", "service"]

    def clean(self):
        data = super().clean()
        if not self.errors:
            check_token(data.get("name"), data.get("role"), data.get("service"))
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = ["name", "role", "service", "prefix", "created_at", "last_used", "revoked_at"]
    list_filter = ["role", "revoked_at"]
    form = IssueForm
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        # A token's role is what it was issued for: issue another rather than change it.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, not deleted, so that its history and log lines still match

    def save_model(self, request, obj, form, change):
        token, secret = token_issue(
            actor=request.user, name=obj.name, role=obj.role, service=obj.service
        )
        obj.pk = token.pk
        request._api_token_secret = secret

    def save_form(self, request, form, change):
        # The service checks and saves; the admin's own save is replaced by it.
        return form.save(commit=False)

    def response_add(self, request, obj, post_url_continue=None):
        return TemplateResponse(
            request,
            "admin/api/apitoken/issued.html",
            {
                **self.admin_site.each_context(request),
                "title": "API token issued",
                "token": ApiToken.objects.get(pk=obj.pk),
                "secret": request._api_token_secret,
                "opts": self.model._meta,
            },
        )

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        revoked = 0
        for token in queryset:
            try:
                token_revoke(actor=request.user, token_id=token.pk)
                revoked += 1
            except ValidationError:
                pass  # already revoked
        self.message_user(request, f"{revoked} token(s) revoked", messages.SUCCESS)
