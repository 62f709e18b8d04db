from dataclasses import dataclass
from functools import cache

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from core.paging import page_links
from core.prepared import KeptList, KeptReads

from . import record, services
from .access import (
    can_edit_partnership,
    can_maintain_register,
    can_read_declarations,
    can_see_history,
    can_see_partnership,
    get_partnership_for_user,
    partnerships_for_user,
)
from .filters import RegisterFilter
from .forms import (
    ClassifyForm,
    DeclarationForm,
    PartnerOrganisationForm,
    PartnershipForm,
    ReplacementForm,
    RepresentativeForm,
    ResourceForm,
    RiskForm,
    StrategicObjectiveForm,
    TierForm,
)
from .history import partnership_history
from .models import (
    Kind,
    PartnerOrganisation,
    Partnership,
    Representative,
    Resource,
    Risk,
    Status,
    StrategicObjective,
    Tier,
    kind_label,
)
from .providers import record_edits, record_sections, register_columns

PAGE_SIZE = 25


# What the register list shows; reading only these keeps its page query light.
LIST_COLUMNS = ["reference", "name", "kind", "status", "tier", "statutory", "lead_service"]


@cache
def with_register_columns():
    """Every partnership with what other apps' columns add (latest score, next review), as
    subqueries. Built once in each process and copied for each request (as a generic view's
    `queryset` is): it holds SQL, not data, and building it again was a tenth of the page."""
    queryset = Partnership.objects.all()
    for column in register_columns():
        queryset = column.annotate(queryset)
    return queryset


def register_filter(request, queryset=None):
    """The register as this user asked for it: used by the list and by its exports."""
    policy = Policy.for_request(request)
    if queryset is None:
        queryset = partnerships_for_user(request.user, with_register_columns())
    return RegisterFilter(request.GET, queryset=queryset, policy=policy)


@require_safe
def register(request):
    policy = Policy.for_request(request)
    listed = partnerships_for_user(request.user, with_register_columns())
    listed = listed.select_related(None)
    filterset = register_filter(request, listed.only(*LIST_COLUMNS))
    valid = filterset.is_valid()
    if valid:
        key = _register_key(request, filterset)
        partnerships = KeptList(_register_reads, key, lambda: filterset.qs)
    else:
        partnerships = filterset.queryset.none()
    page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    by_group = valid and filterset.form.cleaned_data.get("sort") == "register"
    return render(
        request,
        "partnerships/register.html",
        {
            "page": page,
            "table_body": register_table_body(
                register_rows(
                    page.object_list, policy, grouped=by_group, services=filterset.service_names()
                ),
                grouped=by_group,
                width=5 + len(register_columns()),
            ),
            "form": filterset.form,
            "selects": filterset.selects(),
            "query": filterset.form.cleaned_data.get("q", "") if valid else "",
            "query_string": query_string.urlencode(),
            "chosen": filterset.chosen(request.GET),
            "page_links": page_links(page),
            "can_maintain": can_maintain_register(request.user),
            "columns": register_columns(),
            "register_url": reverse("partnerships:register"),
        },
    )


# Writing the register's SQL was a sixth of the page: it is kept for each set of filters,
# sort and page a reader asks for, under the inputs it is built from.
_register_reads = KeptReads()


def _register_key(request, filterset):
    """Everything the register's SQL is built from: who reads (drafts are their lead
    officer's), the day (the review filter's dates) and the filters as cleaned."""
    chosen = tuple(
        sorted((name, _as_key(value)) for name, value in filterset.form.cleaned_data.items())
    )
    return (request.user.pk, timezone.localdate(), chosen)


def _as_key(value):
    # A record chosen by a filter is keyed by its id: two records can print alike.
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    if isinstance(value, (list, tuple, set, frozenset, QuerySet)):
        return tuple(_as_key(item) for item in value)
    return repr(value)


def register_rows(partnerships, policy, grouped, services):
    """The page's rows as the table shows them, worked out here once rather than by the
    template for each cell: the rows of a page of 25 were a third of the page's time."""
    today = timezone.localdate()
    columns = register_columns()
    significant, standard = policy.tier_label(Tier.SIGNIFICANT), policy.tier_label(Tier.STANDARD)
    kinds = {**dict(Kind.choices), **policy.register_kind_labels}
    statuses = dict(Status.choices)
    # Reversed once: every record's address differs from the first only by its number.
    record_url = reverse("partnerships:detail", args=[0]).removesuffix("0/")
    groups = []
    for partnership in partnerships:
        label = partnership.register_group_label if grouped else ""
        if not groups or groups[-1]["label"] != label:
            groups.append({"label": label, "rows": []})
        groups[-1]["rows"].append(
            {
                "url": f"{record_url}{partnership.pk}/",
                "name": partnership.name,
                "reference": partnership.reference,
                # A service added since its list was read is read itself.
                "lead_service": services.get(partnership.lead_service_id)
                or partnership.lead_service.name,
                "kind": kinds.get(partnership.kind, partnership.kind),
                "tier": significant if partnership.tier == Tier.SIGNIFICANT else standard,
                "status": statuses.get(partnership.status, partnership.status),
                "status_colour": partnership.status_colour,
                "cells": [column.cell(partnership, today) for column in columns],
            }
        )
    return groups


def register_table_body(groups, grouped, width):
    """The table's bodies as HTML. Written here rather than by the template's loops: 25 rows
    of ten cells are some 600 template nodes, each resolved, escaped and rendered on its
    own, and they were a fifth of the register's time. Every value is escaped; a column's
    cell is HTML its column made safe."""
    esc = conditional_escape
    html = []
    for group in groups:
        html.append('<tbody class="govuk-table__body">')
        if grouped:
            html.append(
                f'<tr class="govuk-table__row"><th scope="colgroup" colspan="{width}"'
                f' class="govuk-table__header app-register-group">{esc(group["label"])}</th></tr>'
            )
        for row in group["rows"]:
            cells = [row["lead_service"], row["kind"], row["tier"]]
            status = (
                f'<strong class="govuk-tag govuk-tag--{esc(row["status_colour"])}">'
                f"{esc(row['status'])}</strong>"
            )
            tds = "".join(
                f'<td class="govuk-table__cell">{cell}</td>'
                for cell in [*map(esc, cells), status, *map(esc, row["cells"])]
            )
            html.append(
                '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
                f'<a class="govuk-link" href="{esc(row["url"])}">{esc(row["name"])}</a> '
                f'<span class="govuk-body-s app-secondary">{esc(row["reference"])}</span></th>'
                f"{tds}</tr>"
            )
        html.append("</tbody>")
    return mark_safe("\n".join(html))  # noqa: S308


@require_safe
def detail(request, pk):
    # Read as a prepared read, not through partnerships_for_user: writing the SQL of the
    # record with its service and people was a sixth of the page.
    partnership = record.partnership_of(pk)
    if partnership is None or not can_see_partnership(request.user, partnership):
        raise Http404
    policy = Policy.for_request(request)
    risks = record.risks_of(partnership.pk)
    for risk in risks:
        risk.rating = policy.risk_rating(risk.score)
    resources = record.resources_of(partnership.pk)
    return render(
        request,
        "partnerships/detail.html",
        {
            "partnership": partnership,
            "tier_label": policy.tier_label(partnership.tier),
            "kind_label": kind_label(policy, partnership.kind),
            "objectives": record.objectives_of(partnership.pk),
            "partners": record.partners_of(partnership.pk),
            "representatives": _with_declaration_access(request.user, partnership),
            "resources": resources,
            "resource_years": resource_totals(resources),
            "risks": risks,
            "documents": record.documents_with_names(partnership.pk),
            "can_edit": can_edit_partnership(request.user, partnership),
            "can_remove": can_maintain_register(request.user),
            "can_see_history": can_see_history(request.user),
            # Its reviews, forms, changes waiting and leaving, from the apps that own them.
            "sections": record_sections(request, partnership),
        },
    )


def _with_declaration_access(user, partnership):
    representatives = record.representatives_of(partnership.pk)
    for representative in representatives:
        representative.partnership = partnership
        representative.declarations_readable = can_read_declarations(
            user, partnership, representative
        )
    return representatives


def resource_totals(resources):
    """Money committed each financial year, and whether any of it needs new funds."""
    years = {}
    for resource in resources:
        year = years.setdefault(
            resource.financial_year,
            {"year": resource.financial_year, "amount": 0, "hours": 0, "additional": False},
        )
        year["amount"] += resource.amount or 0
        year["hours"] += resource.hours or 0
        year["additional"] = year["additional"] or not resource.within_budget
    return sorted(years.values(), key=lambda y: y["year"], reverse=True)


# Adding and editing the record -----------------------------------------------------------


def create(request):
    """R1: classify first; an arrangement the register does not hold is kept as excluded."""
    if not can_maintain_register(request.user):
        raise PermissionDenied
    policy = Policy.for_request(request)
    form = ClassifyForm(request.POST or None, policy=policy)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_create(**form.cleaned_data, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if partnership.status == Status.EXCLUDED:
                messages.success(request, f"{partnership.name} is recorded as excluded")
            else:
                messages.success(
                    request, f"{partnership.name} is in the register. Now complete its record."
                )
            return redirect(partnership)
    return render(
        request,
        "partnerships/create.html",
        {"form": form, "page_title": "Add an arrangement to the register"},
    )


def _next_or(request, fallback):
    """Where the page that sent someone here asked them to go back to (the register review's
    confirm page, say), if it is this portal's own address; otherwise `fallback`."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def edit(request, pk):
    partnership = get_partnership_for_user(request, pk, write=True)
    form = PartnershipForm(
        request.POST or None, instance=partnership, initial={"version": partnership.version}
    )
    # R13: a lead officer's change to the purpose or the council's role waits for approval.
    record_edits().ask_reason(request, form, partnership)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            held = record_edits().update_record(
                partnership.pk, form.cleaned_data["version"], **data, actor=request.user
            )
        except services.StaleEdit as error:
            stale = error
            # Show what changed; their entries stay on screen, and saving again knowingly
            # replaces the other person's changes.
            current = Partnership.objects.get(pk=partnership.pk)
            form.data = form.data.copy()
            form.data["version"] = current.version
            form.add_error(
                None,
                "Someone else changed this partnership since you opened it. Nothing has been "
                "saved. Check their changes below; if you save again, your entries replace them.",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            record_edits().tell(request, held, "Your changes have been saved")
            return redirect(_next_or(request, partnership))
    return render(
        request,
        "partnerships/edit.html",
        {
            "form": form,
            "partnership": partnership,
            "stale": stale,
            "page_title": "Change the record",
        },
    )


def tier(request, pk):
    """R3: the policy's test decides the tier; the answers are kept with it."""
    partnership = get_partnership_for_user(request, pk, write=True)
    policy = Policy.for_request(request)
    saved = {a["key"]: a["answer"] for a in partnership.tier_answers.get("answers", [])}
    form = TierForm(request.POST or None, policy=policy, answers=saved)
    record_edits().ask_reason(request, form, partnership)  # R13: a new tier may wait
    if request.method == "POST" and form.is_valid():
        try:
            partnership, held = record_edits().decide_tier(
                partnership.pk, form.cleaned_data, actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            tier = policy.tier_label(partnership.tier).lower()
            record_edits().tell(request, held, f"{partnership.name} is a {tier}")
            return redirect(partnership)
    page_title = f"Is it a {policy.tier_label('significant').lower()}?"
    return render(
        request,
        "partnerships/tier.html",
        {"form": form, "partnership": partnership, "page_title": page_title},
    )


@require_safe
def history(request, pk):
    if not can_see_history(request.user):
        raise PermissionDenied
    partnership = get_partnership_for_user(request, pk)
    page = Paginator(partnership_history(partnership), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/history.html",
        {
            "partnership": partnership,
            "page": page,
            "page_links": page_links(page),
            "query_string": "",
        },
    )


# The parts of the record, one item at a time ----------------------------------------------


@dataclass
class Part:
    model: type
    form: type
    noun: str
    anchor: str
    needs_policy: bool = False


PARTS = {
    "partners": Part(
        PartnerOrganisation, PartnerOrganisationForm, "partner organisation", "partners"
    ),
    "representatives": Part(Representative, RepresentativeForm, "representative", "people"),
    "resources": Part(Resource, ResourceForm, "resource", "resources"),
    "risks": Part(Risk, RiskForm, "risk", "risks", needs_policy=True),
}


def _part_form(request, part, instance=None):
    kwargs = {"instance": instance}
    if part.needs_policy:
        kwargs["policy"] = Policy.for_request(request)
    return part.form(request.POST or None, **kwargs)


def _back_to(partnership, part):
    return redirect(f"{partnership.get_absolute_url()}#{part.anchor}")


def part_form(request, pk, part, item=None):
    """Adds a part to the record, or changes one (item)."""
    partnership = get_partnership_for_user(request, pk, write=True)
    part = PARTS[part]
    instance = None
    if item is not None:
        instance = get_object_or_404(part.model, pk=item, partnership=partnership)
    form = _part_form(request, part, instance)
    record_edits().ask_reason(request, form, partnership)  # R13: funding changes may wait
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data.get("change_reason", "")
        try:
            held = record_edits().save_part(
                partnership.pk, form.save(commit=False), change_reason=reason, actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = f"The {part.noun} has been {'changed' if item else 'added'}"
            record_edits().tell(request, held, done)
            return _back_to(partnership, part)
    title = f"Change the {part.noun}" if item else f"Add a {part.noun}"
    return render(
        request,
        "partnerships/part_form.html",
        {"form": form, "partnership": partnership, "page_title": title},
    )


def part_delete(request, pk, part, item):
    partnership = get_partnership_for_user(request, pk, write=True)
    part = PARTS[part]
    instance = get_object_or_404(part.model, pk=item, partnership=partnership)
    if record_edits().removal_waits(partnership, instance, actor=request.user):
        return record_edits().remove_funding(request, partnership, instance)  # R13
    if request.method == "POST":
        services.part_delete(partnership.pk, instance, actor=request.user)
        messages.success(request, f"The {part.noun} has been removed")
        return _back_to(partnership, part)
    return render(
        request,
        "partnerships/part_confirm_delete.html",
        {"partnership": partnership, "part": part, "item": instance},
    )


def representative_replace(request, pk, item):
    """R5: one representative replaces another, with the handover recorded."""
    partnership = get_partnership_for_user(request, pk, write=True)
    outgoing = get_object_or_404(
        Representative, pk=item, partnership=partnership, finished_on__isnull=True
    )
    form = ReplacementForm(request.POST or None, outgoing=outgoing)
    if request.method == "POST" and form.is_valid():
        services.representative_replace(
            partnership.pk, outgoing, form.save(commit=False), actor=request.user
        )
        messages.success(
            request,
            f"{form.cleaned_data['name']} has replaced {outgoing.name}. A change of "
            "representative is a good time to review the partnership.",
        )
        return redirect(f"{partnership.get_absolute_url()}#people")
    return render(
        request,
        "partnerships/representative_replace.html",
        {
            "form": form,
            "partnership": partnership,
            "outgoing": outgoing,
            "page_title": f"Replace {outgoing.name}",
        },
    )


def declaration_add(request, pk, item):
    """R9: declarations of interest and outside-body checks for a representative."""
    partnership = get_partnership_for_user(request, pk, write=True)
    representative = get_object_or_404(Representative, pk=item, partnership=partnership)
    form = DeclarationForm(request.POST or None, policy=Policy.for_request(request))
    if request.method == "POST" and form.is_valid():
        declaration = form.save(commit=False)
        declaration.representative = representative
        services.part_save(partnership.pk, declaration, actor=request.user)
        messages.success(request, f"The declaration for {representative.name} has been recorded")
        return redirect(f"{partnership.get_absolute_url()}#people")
    return render(
        request,
        "partnerships/declaration_form.html",
        {
            "form": form,
            "partnership": partnership,
            "representative": representative,
            "page_title": "Record a declaration",
        },
    )


# The strategic objectives list -------------------------------------------------------------


def objectives(request):
    """The council's strategic objectives, a list the register keeper maintains (R2)."""
    if not can_maintain_register(request.user):
        raise PermissionDenied
    form = StrategicObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.objective_save(form.save(commit=False), actor=request.user)
        messages.success(request, "The strategic objective has been added")
        return redirect("partnerships:objectives")
    return render(
        request,
        "partnerships/objectives.html",
        {"form": form, "objectives": StrategicObjective.objects.all()},
    )


def objective_edit(request, item):
    if not can_maintain_register(request.user):
        raise PermissionDenied
    objective = get_object_or_404(StrategicObjective, pk=item)
    form = StrategicObjectiveForm(request.POST or None, instance=objective)
    if request.method == "POST" and form.is_valid():
        services.objective_save(form.save(commit=False), actor=request.user)
        messages.success(request, "The strategic objective has been changed")
        return redirect("partnerships:objectives")
    return render(
        request,
        "partnerships/objective_form.html",
        {"form": form, "objective": objective, "page_title": "Change a strategic objective"},
    )
