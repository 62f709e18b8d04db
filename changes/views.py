"""Significant changes (R13): the register keeper's list and decision, the change itself, and
the pieces the record's own edit pages use to hold a lead officer's change."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from accounts.roles import Role
from approvals.services import may_decide
from partnerships.forms import PartnershipForm, ResourceForm, TierForm

from . import services as changes

PAGE_SIZE = 50

# What each edit page can change that needs approval, for the hint beside the reason.
HELD_BY_FORM = {
    PartnershipForm: "Changes to the main purpose or remit and to the council's role",
    TierForm: "A change of tier",
    ResourceForm: "Changes to funding",
}


def _keeper_label(request):
    return Policy.for_request(request).role_label(Role.REGISTER_KEEPER)


def ask_reason(request, form, partnership):
    """Adds "Why is the change needed?" to an edit page whose significant changes would wait
    for the register keeper, who reads the answer."""
    held = next((text for cls, text in HELD_BY_FORM.items() if isinstance(form, cls)), None)
    if held is None or not changes.must_wait(partnership, actor=request.user):
        return form
    form.fields["change_reason"] = forms.CharField(
        label="Why is the change needed?",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text=f"{held} wait for approval by the {_keeper_label(request)}, who reads this. "
        "Leave it blank if you are not making such a change.",
    )
    # Just above the button, after the fields it is about.
    form.helper.layout.insert(len(form.helper.layout) - 1, Field.textarea("change_reason", rows=3))
    return form


def tell(request, held, done):
    """The message after saving: `done`, or what is waiting for the register keeper."""
    if held is None:
        messages.success(request, done)
        return
    text = (
        f"{held.summary[:1].upper()}{held.summary[1:]} is waiting for approval by the "
        f"{_keeper_label(request)}. Until then the register shows the record as it was."
    )
    if "tier" not in held.after and held.kind == changes.ChangeKind.RECORD:
        text += " Your other changes have been saved."
    messages.success(request, text)


class ReasonForm(forms.Form):
    change_reason = forms.CharField(
        label="Why is the funding being removed?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter why the funding is being removed"},
    )

    def __init__(self, *args, keeper_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "change_reason"
        ].help_text = f"Removing funding waits for approval by the {keeper_label}, who reads this."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("change_reason", rows=3),
            Button("submit", "Ask for it to be removed"),
        )


def remove_funding(request, partnership, resource):
    """A lead officer asks for funding to be removed (the record's part_delete hands over)."""
    data = request.POST if request.method == "POST" else None
    form = ReasonForm(data, keeper_label=_keeper_label(request))
    if request.method == "POST" and form.is_valid():
        try:
            held = changes.part_delete_or_hold(
                partnership.pk, resource, form.cleaned_data["change_reason"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            tell(request, held, "The resource has been removed")
            return redirect(f"{partnership.get_absolute_url()}#resources")
    return render(
        request,
        "changes/change_remove.html",
        {
            "form": form,
            "partnership": partnership,
            "resource": resource,
            "page_title": "Remove this funding?",
        },
    )


# The register keeper's list and the change itself ------------------------------------------


def change_list(request):
    """The significant changes not yet decided, oldest first."""
    if not changes.can_decide_change(request.user):
        raise PermissionDenied
    from core.paging import page_links

    waiting = (
        changes.SignificantChange.objects.open()
        .select_related("partnership", "proposed_by")
        .order_by("proposed_at", "pk")
    )
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "changes/change_list.html",
        {"page": page, "page_links": page_links(page), "query_string": ""},
    )


def _get_change(request, pk):
    change = get_object_or_404(
        changes.SignificantChange.objects.select_related(
            "partnership", "proposed_by", "decided_by", "resource"
        ),
        pk=pk,
    )
    if not changes.can_see_change(request.user, change):
        raise PermissionDenied
    return change


def _change_context(request, change):
    policy = Policy.for_request(request)
    return {
        "change": change,
        "partnership": change.partnership,
        "rows": change.rows(policy),
        "changed_since": change.changed_since() if change.awaits_keeper else [],
    }


@require_safe
def change_detail(request, pk):
    change = _get_change(request, pk)
    route = changes.route_for(change)
    return render(
        request,
        "changes/change_detail.html",
        {
            **_change_context(request, change),
            "route": route,
            "decisions": list(route.decisions.all()) if route else [],
            "may_decide_route": route is not None and may_decide(request.user, route),
            "can_decide": changes.can_decide_change(request.user) and change.awaits_keeper,
        },
    )


class ChangeDecisionForm(forms.Form):
    APPLY, SEND, DECLINE = "apply", "send", "decline"

    decision = forms.ChoiceField(
        label="What do you want to do with this change?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what to do with the change"},
    )
    comment = forms.CharField(
        label="Reason or comment",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        help_text="Needed if you decline it: the person who asked is told why. Otherwise "
        "optional; it is kept with the decision.",
    )

    def __init__(self, *args, change, steps, **kwargs):
        super().__init__(*args, **kwargs)
        committee = " then ".join(step["label"] for step in steps)
        choices = []
        if change.state == changes.ChangeState.WAITING:
            choices.append((self.APPLY, "Apply it now"))
        if steps:
            again = " again" if change.state == changes.ChangeState.RETURNED else ""
            choices.append((self.SEND, f"Send it to the {committee}{again} to decide"))
        choices.append((self.DECLINE, "Decline it"))
        self.fields["decision"].choices = choices
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("comment", rows=3),
            Button("submit", "Save the decision"),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.DECLINE and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Enter why you are declining the change")
        return cleaned


DONE = {
    ChangeDecisionForm.APPLY: "The change has been applied to the record",
    ChangeDecisionForm.SEND: "The change has been sent for a decision",
    ChangeDecisionForm.DECLINE: "The change has been declined",
}


def change_decide(request, pk):
    """The register keeper applies the change, sends it to SMT, or declines it (R13)."""
    if not changes.can_decide_change(request.user):
        raise PermissionDenied
    change = _get_change(request, pk)
    if not change.awaits_keeper:
        messages.success(request, "This change has already been decided")
        return redirect(change)
    steps = changes.route_steps(Policy.for_request(request), change.partnership)
    data = request.POST if request.method == "POST" else None
    form = ChangeDecisionForm(data, change=change, steps=steps)
    if request.method == "POST" and form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        try:
            if decision == form.APPLY:
                changes.change_apply(change.pk, comment, actor=request.user)
            elif decision == form.SEND:
                changes.change_send(change.pk, comment, actor=request.user)
            else:
                changes.change_decline(change.pk, comment, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, DONE[decision])
            return redirect(change)
    return render(
        request,
        "changes/change_decide.html",
        {
            **_change_context(request, change),
            "form": form,
            "page_title": "Decide on the change",
        },
    )
