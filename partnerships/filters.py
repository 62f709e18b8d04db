"""The register's search, filters and sort (R10), shared by the list page and its exports."""

from functools import lru_cache

import django_filters
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from accounts.models import Service

from .models import CURRENT_STATUSES, Kind, Partnership, Status, Tier, kind_choices
from .providers import register_columns

CURRENT = "current"
ALL = "all"
STATUS_CHOICES = [
    (CURRENT, "Current (active or exiting)"),
    *Status.choices,
    (ALL, "All, including excluded, rejected and ceased"),
]

SORTS = {
    "register": ("Register order (statutory first)", None),
    "name": ("Name", ["name", "pk"]),
    "reference": ("Reference", ["reference"]),
    "service": ("Lead service", ["lead_service__name", "name", "pk"]),
    "updated": ("Recently changed", ["-updated_at", "pk"]),
}


# The filters' labels where the model's own would not read well on a tag.
LABELS = {"q": "Search", "lead_service": "Lead service", "statutory": "Statutory"}
# And above their select boxes.
SELECT_LABELS = {"sort": "Sort by", "lead_service": "Lead service"}


def options_html(choices, chosen):
    """A select box's options, escaped, the chosen one selected: one string rather than a
    template loop over every service the council has."""
    offered = tuple((str(value), label, hasattr(label, "__html__")) for value, label in choices)
    return mark_safe(  # noqa: S308
        "".join(
            f'<option value="{value}"{" selected" if key == chosen else ""}>{label}</option>'
            for key, value, label in _escaped(offered)
        )
    )


@lru_cache(maxsize=64)
def _escaped(offered):
    # Keyed by the choices themselves (a label already safe HTML apart), so a renamed service
    # or a new policy's labels are escaped afresh: only the escaping is kept.
    return tuple(
        (value, conditional_escape(value), conditional_escape(label)) for value, label, _ in offered
    )


class RegisterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search")
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="by_status", empty_label=None
    )
    kind = django_filters.ChoiceFilter(choices=Kind.choices, empty_label="Any kind")
    tier = django_filters.ChoiceFilter(choices=Tier.choices, empty_label="Any tier")
    statutory = django_filters.ChoiceFilter(
        choices=[("yes", "Statutory"), ("no", "Not statutory")],
        method="by_statutory",
        empty_label="Statutory or not",
    )
    lead_service = django_filters.ChoiceFilter(
        choices=[],  # filled in per request, below
        empty_label="Any service",
        method="by_lead_service",
    )
    sort = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="sort_by",
        empty_label=None,
    )

    class Meta:
        model = Partnership
        fields = [
            "q", "status", "kind", "tier", "statutory", "lead_service", "sort"
        ]  # fmt: skip

    def __init__(self, data=None, *args, policy=None, **kwargs):
        data = data.copy() if data is not None else {}
        # Defaults that apply when the form is first shown, so links can stay short.
        data.setdefault("status", CURRENT)
        data.setdefault("sort", "register")
        super().__init__(data, *args, **kwargs)
        # Other apps' columns (latest score, next review) filter just before the sort.
        sort = self.filters.pop("sort")
        for column in register_columns():
            self.filters[column.key] = column.make_filter()
            self.filters[column.key].model = Partnership
            self.filters[column.key].parent = self
        self.filters["sort"] = sort
        if policy is not None:
            self.filters["tier"].extra["choices"] = [
                (tier.value, policy.tier_label(tier)) for tier in Tier
            ]
            self.filters["kind"].extra["choices"] = kind_choices(policy)
        # One query for the list; a model choice field would count the services first.
        self.filters["lead_service"].extra["choices"] = [
            (str(pk), name) for pk, name in Service.objects.values_list("pk", "name")
        ]

    def service_names(self):
        """Each service's name by its id, as read for the lead service filter: the register's
        rows name their service from it rather than joining every row to its service."""
        return {int(pk): name for pk, name in self.filters["lead_service"].extra["choices"]}

    # Its form's class, built from the filters, is the same for every request that offers
    # the same choices: built once for each set of choices and kept, keyed by the choices
    # themselves (the services read for this request, the policy's labels), so that a new
    # service or policy is never offered from a stale form. Each request's form is still
    # its own instance, with its own copy of the fields.
    _form_classes = {}

    def get_form_class(self):
        offered = tuple(
            (name, tuple(map(tuple, f.extra["choices"])))
            for name, f in self.filters.items()
            if "choices" in f.extra and not callable(f.extra["choices"])
        )
        key = (type(self), tuple(self.filters), offered)
        form_class = self._form_classes.get(key)
        if form_class is None:
            form_class = super().get_form_class()
            for field in form_class.base_fields.values():
                field.required = False
            if len(self._form_classes) > 32:
                self._form_classes.clear()
            self._form_classes[key] = form_class
        return form_class

    def selects(self):
        """Every filter but the search, as the page draws its select box: the options are
        worked out here once, not by the template asking the field its value per option."""
        selects = []
        for field in self.form:
            if field.name == "q":
                continue
            chosen = str(field.value())
            selects.append(
                {
                    "name": field.html_name,
                    "id": field.id_for_label,
                    "label": SELECT_LABELS.get(field.name, field.label),
                    "errors": field.errors,
                    "options": options_html(field.field.choices, chosen),
                }
            )
        return selects

    def chosen(self, query):
        """The filters in force, as the "Selected filters" tags show them: the label, the
        choice, and the query that removes just that one (MoJ "filter a list")."""
        if not self.is_valid():
            return []
        tags = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if name == "sort" or value in (None, "") or (name == "status" and value == CURRENT):
                continue
            choices = dict((str(key), label) for key, label in getattr(field, "choices", []))
            rest = query.copy()
            rest.pop(name, None)
            rest.pop("page", None)
            tags.append(
                {
                    "label": LABELS.get(name, field.label),
                    "value": choices.get(str(value), value),
                    "remove": rest.urlencode(),
                }
            )
        return tags

    def search(self, queryset, name, value):
        return queryset.search(value[:200])

    def by_status(self, queryset, name, value):
        if value == CURRENT:
            return queryset.filter(status__in=CURRENT_STATUSES)
        if value == ALL:
            return queryset
        return queryset.filter(status=value)

    def by_lead_service(self, queryset, name, value):
        return queryset.filter(lead_service_id=value)

    def by_statutory(self, queryset, name, value):
        return queryset.filter(statutory=value == "yes")

    def sort_by(self, queryset, name, value):
        # Ordering is applied in .qs so that it always comes last.
        return queryset

    @property
    def qs(self):
        queryset = super().qs.with_register_group()
        order = SORTS.get(self.form.cleaned_data.get("sort") or "register", SORTS["register"])[1]
        if order is None:
            return queryset.order_by("register_group", "name", "pk")
        return queryset.order_by(*order)

    def active_filters(self):
        """The filters in force, for the 'Selected filters' summary."""
        data = getattr(self.form, "cleaned_data", {})
        chosen = []
        names = ["kind", "tier", "statutory", "lead_service", *(c.key for c in register_columns())]
        for name in names:
            value = data.get(name)
            if value not in (None, ""):
                field = self.form.fields[name]
                label = dict(field.choices).get(value, value)
                chosen.append((field.label or name, label))
        return chosen
