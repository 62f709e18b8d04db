"""Proposing a partnership as GOV.UK question pages (P1), checking and submitting it (P2), and
the proposal's own page with its route (P3)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.dateformat import format as date_format
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from approvals.models import Outcome, Route
from approvals.services import may_decide
from core.forms import entered, save_what_was_entered
from partnerships.models import PartnerOrganisation, Resource, Risk
from partnerships.services import part_delete, part_save

from . import forms as proposal_forms
from .access import can_see_proposal, lock_for_editing
from .models import Proposal, ProposalState
from .services import (
    can_edit_proposal,
    can_propose,
    missing_answers,
    proposal_hold_item,
    proposal_save,
    proposal_start,
    proposal_submit,
)

DUPLICATE_NAME = "The lead service already has a partnership of that name: give this one another"


# The question pages ------------------------------------------------------------------------


def _partner_cells(item, policy):
    return [
        item.name,
        item.get_sector_display() or "Not recorded",
        item.get_agreed_to_participate_display(),
    ]


def _resource_cells(item, policy):
    what = item.get_kind_display() + (f": {item.description}" if item.description else "")
    amount = f"£{item.amount:,.2f}" if item.amount is not None else ""
    hours = f"{item.hours} hours a year" if item.hours is not None else ""
    funding = "Within existing budgets" if item.within_budget else "Additional funds needed"
    return [item.financial_year, what, ", ".join(filter(None, [amount, hours])), funding]


def _risk_cells(item, policy):
    rating = policy.risk_rating(item.score)
    return [
        item.description,
        f"{item.score}, {rating} ({item.likelihood} × {item.impact})",
        item.owner,
    ]


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    form: type
    intro: str = ""
    # A page that lists parts of the record, added one at a time.
    part: type | None = None
    related: str = ""
    noun: str = ""
    columns: tuple = ()
    cells: object = None

    def title_for(self, policy):
        return self.title.format(significant=policy.significant_name)


PAGES = [
    Page("about", "About the proposal", proposal_forms.AboutForm),
    Page(
        "purpose",
        "Purpose and accountable body",
        proposal_forms.PurposeForm,
        "What the partnership is for, who it answers to and how long it is expected to last.",
    ),
    Page(
        "alternatives",
        "Alternatives considered",
        proposal_forms.AlternativesForm,
        "A partnership is not always the best way to do something. Say why each of these "
        "would not do instead.",
    ),
    Page(
        "members",
        "Partner organisations",
        proposal_forms.PartnerAddForm,
        "The other organisations that are, or will be, members of the partnership.",
        part=PartnerOrganisation,
        related="partner_organisations",
        noun="organisation",
        columns=("Organisation", "Sector", "Agreed to take part"),
        cells=_partner_cells,
    ),
    Page("objectives", "The council's strategic objectives", proposal_forms.ObjectivesForm),
    Page(
        "resources",
        "Council resources",
        proposal_forms.ResourceAddForm,
        "What the council will put in, year by year: money, officer or Member time, premises "
        "or help in kind. Add one line for each kind of resource in each financial year.",
        part=Resource,
        related="resources",
        noun="resource",
        columns=("Year", "What", "Amount", "Funding"),
        cells=_resource_cells,
    ),
    Page("meetings", "Meetings", proposal_forms.MeetingsForm),
    Page(
        "risks",
        "Risks to the council",
        proposal_forms.RiskAddForm,
        "What could go wrong for the council by taking part, scored on the council's risk "
        "matrix: likelihood times impact.",
        part=Risk,
        related="risks",
        noun="risk",
        columns=("Risk", "Score", "Owner"),
        cells=_risk_cells,
    ),
    Page("agreement", "Partnership agreement", proposal_forms.AgreementForm),
    Page(
        "tier",
        "Is it a {significant}?",
        proposal_forms.TierPageForm,
        "If the answer to any of these is yes, it is a {significant}{consequences}.",
    ),
    Page("authority", "Authority for the council's representatives", proposal_forms.AuthorityForm),
    Page("additional", "Additional information", proposal_forms.AdditionalForm),
]
PAGES_BY_SLUG = {page.slug: page for page in PAGES}
# Only the pages' own names, so that the proposal's other addresses (pdf/, ...) stay theirs.
QUESTION_PATH = rf"^proposals/(?P<pk>[0-9]+)/(?P<slug>{'|'.join(PAGES_BY_SLUG)})/$"


def _posted(request):
    # An empty POST is still an answer (every question left blank), and must be checked.
    return request.POST if request.method == "POST" else None


def _page_url(proposal, page, check=False):
    url = reverse("proposals:page", args=[proposal.pk, page.slug])
    return f"{url}?check=1" if check else url


def _editable(request, pk):
    proposal = get_object_or_404(
        Proposal.objects.select_related("partnership__lead_service"), pk=pk
    )
    if not can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    return proposal


def start(request):
    """Who may propose names it and says what it is; the draft starts with the first page."""
    if not can_propose(request.user):
        raise PermissionDenied
    policy = Policy.for_request(request)
    form = proposal_forms.AboutForm(
        _posted(request), policy=policy, initial={"lead_service": request.user.service_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_start(**form.cleaned_data, actor=request.user)
        except (ValidationError, IntegrityError):
            # Someone else took the name a moment ago.
            form.add_error("name", DUPLICATE_NAME)
        else:
            return redirect(_page_url(proposal, PAGES[1]))
    return render(
        request,
        "proposals/proposal_start.html",
        {"form": form, "page_title": "Propose a partnership"},
    )


def question(request, pk, slug):
    """One question page of a draft or returned proposal."""
    page = PAGES_BY_SLUG.get(slug)
    if page is None:
        raise Http404
    proposal = _editable(request, pk)
    policy = Policy.for_request(request)
    if page.part:
        return _list_page(request, proposal, page, policy)
    form = page.form(_posted(request), proposal=proposal, policy=policy)
    later = request.POST.get("action") == "later"
    if later:
        save_what_was_entered(form)
    if request.method == "POST" and form.is_valid():
        try:
            answers = form.answers()
            proposal_save(
                proposal.pk, **(entered(answers) if later else answers), actor=request.user
            )
        except IntegrityError:
            # Only the name can clash: someone else took it since the form was checked.
            form.add_error("name" if "name" in form.fields else None, DUPLICATE_NAME)
        else:
            return _onward(request, proposal, page)
    return _render_page(request, proposal, page, policy, form)


def _list_page(request, proposal, page, policy):
    """A page of items (partner organisations, resources, risks): each is added or removed
    here. "Save and continue" also adds what was typed, if anything was, and checks it first;
    "Save and come back later" adds it if it is complete, or else keeps it as typed (never as
    an item that fails its checks) and puts it back in the form next time."""
    action = request.POST.get("action")
    if action == "remove":
        return _remove(request, proposal, page)
    held = proposal.unfinished_items.get(page.slug)
    if request.method != "POST":
        form = _form_as_held(page.form(proposal=proposal, policy=policy), held)
        return _render_page(request, proposal, page, policy, form, held=held)
    form = page.form(request.POST, proposal=proposal, policy=policy)
    typed = action == "add" or _something_typed(form)
    if typed and form.is_valid() and _added(request, proposal, page, form):
        if action == "add":
            return redirect(request.get_full_path())
        return _onward(request, proposal, page)
    if typed and action == "later":
        typed_so_far = {
            name: values for name, values in request.POST.lists() if name in _names(form)
        }
        proposal_hold_item(proposal.pk, page.slug, page.noun, typed_so_far, actor=request.user)
        return _onward(request, proposal, page)
    if not typed:
        # Emptied of what was kept, or never started: there is nothing to add.
        proposal_hold_item(proposal.pk, page.slug, actor=request.user)
        return _onward(request, proposal, page)
    return _render_page(request, proposal, page, policy, form, held=held)


def _something_typed(form):
    """Whether the person typed or chose anything, beyond what the empty form already shows."""
    for name in form.changed_data:
        value = form[name].data
        values = value if isinstance(value, (list, tuple)) else [value]
        if any(v not in (None, "", False) for v in values):
            return True
    return False


def _names(form):
    """The names the form's inputs post under: a date's day, month and year have their own."""
    names = set()
    for name, field in form.fields.items():
        widgets = getattr(field.widget, "widgets_names", None)
        base = form.add_prefix(name)
        names.update([base + suffix for suffix in widgets] if widgets else [base])
    return names


def _form_as_held(form, held):
    """The empty form, filled in with what was kept of an item when it was left half-typed."""
    if held:
        typed = MultiValueDict(held["typed"])
        for name, field in form.fields.items():
            value = field.widget.value_from_datadict(typed, {}, form.add_prefix(name))
            if value not in (None, [], False):
                form.initial[name] = value
    return form


def _added(request, proposal, page, form):
    item = form.save(commit=False)
    try:
        with transaction.atomic():
            lock_for_editing(request.user, proposal.pk)
            part_save(proposal.partnership_id, item, actor=request.user)
            proposal_hold_item(proposal.pk, page.slug, actor=request.user)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, f"Added: {item}")
    return True


def _remove(request, proposal, page):
    number = request.POST.get("item", "")
    # Anything but a plausible id matches nothing, rather than failing in the database.
    pk = int(number) if number.isdigit() and len(number) < 19 else None
    item = page.part.objects.filter(pk=pk, partnership_id=proposal.partnership_id).first()
    # Gone already (a double click): nothing more to do.
    if item is not None:
        with transaction.atomic():
            lock_for_editing(request.user, proposal.pk)
            part_delete(proposal.partnership_id, item, actor=request.user)
        messages.success(request, f"Removed: {item}")
    return redirect(request.get_full_path())


def _onward(request, proposal, page):
    if request.POST.get("action") == "later":
        messages.success(
            request,
            "Your answers have been saved. Come back to this page to carry on with the proposal.",
        )
        return redirect(proposal)
    position = PAGES.index(page)
    if request.GET.get("check") or position + 1 == len(PAGES):
        return redirect("proposals:check", proposal.pk)
    return redirect(_page_url(proposal, PAGES[position + 1]))


def _render_page(request, proposal, page, policy, form, held=None):
    position = PAGES.index(page)
    checking = bool(request.GET.get("check"))
    if checking:
        back = reverse("proposals:check", args=[proposal.pk])
    elif position:
        back = _page_url(proposal, PAGES[position - 1])
    else:
        back = proposal.get_absolute_url()
    items = []
    if page.part:
        items = [
            {"pk": item.pk, "label": str(item), "cells": page.cells(item, policy)}
            for item in getattr(proposal.partnership, page.related).all()
        ]
    return render(
        request,
        "proposals/proposal_page.html",
        {
            "proposal": proposal,
            "partnership": proposal.partnership,
            "page": page,
            "page_title": page.title_for(policy),
            "intro": page.intro.format(
                significant=policy.significant_name,
                consequences=f": {said}" if (said := policy.tier_consequences()) else "",
            ),
            "form": form,
            "items": items,
            "held": held,
            "back_url": back,
        },
    )


# Checking, submitting and following a proposal ----------------------------------------------


def route_of(proposal):
    return Route.objects.of(proposal, "proposal")


def _returned_by(proposal, decisions):
    """The decision that sent a returned proposal back: what the proposer must address."""
    if proposal.state != ProposalState.RETURNED:
        return None
    returned = [d for d in decisions if d.outcome == Outcome.RETURNED]
    return returned[-1] if returned else None


def _answers(proposal, policy):
    """Every page's answers, as the check page and the proposal's page show them."""
    partnership = proposal.partnership
    yes_no = lambda value: "Yes" if value else "No"  # noqa: E731
    day = lambda value: date_format(value, "j F Y") if value else ""  # noqa: E731
    kind = partnership.get_kind_display()
    if not policy.holds_kind(partnership.kind):
        kind += " (not held in the register)"
    tier_answers = partnership.tier_answers.get("answers", [])
    rows = {
        "about": [
            ("Name", partnership.name),
            ("New or existing", proposal.get_joining_display()),
            ("Kind of arrangement", kind),
            ("Lead service", str(partnership.lead_service)),
        ],
        "purpose": [
            ("Main purpose", partnership.remit),
            (
                "Accountable body",
                f"The council ({policy.council_name})"
                if partnership.council_is_accountable_body
                else partnership.accountable_body,
            ),
            (
                policy.sponsor_label(),
                partnership.sponsor.display_name if partnership.sponsor else "",
            ),
            ("Statutory, or membership mandatory", yes_no(partnership.statutory)),
            ("Date formed", day(partnership.date_formed)),
            ("Proposed end date", day(partnership.proposed_end_date)),
        ],
        "alternatives": [
            (Proposal._meta.get_field(name).verbose_name, getattr(proposal, name))
            for name in proposal_forms.AlternativesForm.proposal_fields
        ],
        "objectives": [
            (
                "Strategic objectives",
                "\n".join(str(o) for o in partnership.strategic_objectives.all()),
            ),
            ("How it will contribute", partnership.objectives_contribution),
        ],
        "meetings": [
            ("Where", partnership.meeting_location),
            ("How often", partnership.meeting_frequency),
        ],
        "agreement": [("Partnership agreement", yes_no(partnership.has_agreement))],
        "tier": [(a["question"], yes_no(a["answer"])) for a in tier_answers]
        + [("Tier", policy.tier_label(partnership.tier) if tier_answers else "")],
        "authority": [
            ("Authority beyond the constitution needed", yes_no(proposal.needs_extra_authority))
        ],
        "additional": [("Additional information", partnership.additional_information)],
    }
    # A description or a reason is asked for only after a yes.
    if partnership.has_agreement:
        rows["agreement"].append(("The agreement", partnership.agreement_description))
    if proposal.needs_extra_authority:
        rows["authority"].append(("What and why", proposal.extra_authority_reason))
    sections = []
    for page in PAGES:
        section = {
            "title": page.title_for(policy),
            "url": _page_url(proposal, page, check=True),
            "rows": rows.get(page.slug, []),
        }
        if page.part:
            section["columns"] = page.columns
            section["items"] = [
                page.cells(item, policy) for item in getattr(partnership, page.related).all()
            ]
        sections.append(section)
    return sections


def check(request, pk):
    """Check your answers, then submit; a returned proposal is resubmitted the same way."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("partnership__lead_service"), pk=pk
    )
    if (
        request.method == "POST"
        and proposal.proposer_id == request.user.pk
        and proposal.state == ProposalState.SUBMITTED
    ):
        # A second click of Submit: it has gone, which is what they wanted.
        messages.success(request, "Your proposal has been submitted")
        return redirect(proposal)
    if not can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    policy = Policy.for_request(request)
    route = route_of(proposal)
    problems = []
    if request.method == "POST":
        try:
            proposal_submit(proposal.pk, actor=request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            route = route_of(proposal)
            messages.success(request, f"Your proposal has been submitted to {route.step['label']}")
            return redirect(proposal)
    missing = [
        {"message": message, "url": _missing_url(proposal, slug)}
        for slug, message in missing_answers(proposal)
    ]
    if problems:
        links = {m["message"]: m["url"] for m in missing}
        problems = [{"message": p, "url": links.get(p, "#submit")} for p in problems]
    decisions = list(route.decisions.all()) if route else []
    return render(
        request,
        "proposals/proposal_check.html",
        {
            "proposal": proposal,
            "partnership": proposal.partnership,
            "sections": _answers(proposal, policy),
            "can_change": True,
            "missing": missing,
            "problems": problems,
            "returned_by": _returned_by(proposal, decisions),
            "next_steps": _next_steps(proposal, policy),
        },
    )


def _next_steps(proposal, policy):
    """The route it will take when submitted, once its tier is known."""
    partnership = proposal.partnership
    if not partnership.tier_answers.get("answers"):
        return []
    try:
        steps = policy.route_steps(
            "proposal", partnership.tier, extra_council=proposal.needs_extra_authority
        )
    except KeyError:
        return []
    return [step["label"] for step in steps]


@require_safe
def proposal(request, pk):
    """The proposal's own page: what it is, where it has got to and every decision on it."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("partnership__lead_service", "proposer"), pk=pk
    )
    route = route_of(proposal)
    if not can_see_proposal(request.user, proposal, route):
        raise PermissionDenied
    policy = Policy.for_request(request)
    decisions = list(route.decisions.all()) if route else []
    return render(
        request,
        "proposals/proposal.html",
        {
            "proposal": proposal,
            "partnership": proposal.partnership,
            "tier_label": policy.tier_label(proposal.partnership.tier),
            "sections": _answers(proposal, policy),
            "route": route,
            "decisions": decisions,
            "returned_by": _returned_by(proposal, decisions),
            "can_edit": can_edit_proposal(request.user, proposal),
            "can_decide": route is not None and may_decide(request.user, route),
        },
    )


def _missing_url(proposal, slug):
    """Where to answer what is missing: a question page, or a checklist to complete (P2)."""
    if slug.startswith("checklist:"):
        start = reverse("assessments:start", args=[proposal.partnership_id])
        return f"{start}?template={slug.removeprefix('checklist:')}"
    return _page_url(proposal, PAGES_BY_SLUG.get(slug, PAGES[0]), True)
