"""Checking a sheet's rows against the register (R11): every problem of every row at once,
and a plan of what the import would create and update."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q, TextField
from django.db.models.functions import Lower

from accounts.models import Service, User
from accounts.policy import Policy, lower_first
from core.text import check_text

from ..models import (
    Engagement,
    Kind,
    Partnership,
    Status,
    StrategicObjective,
    kind_choices,
    kind_label,
)
from ..rules import record_problems
from .columns import BY_HEADING, DATE_FORMATS, HEADING_OF, NO, OBJECTIVE_SEPARATOR, YES


@dataclass
class RowPlan:
    row: int
    action: str  # "create", "update" or "unchanged"
    name: str
    service_name: str
    reference: str = ""
    partnership: Partnership | None = None
    fields: dict = field(default_factory=dict)
    changed: list = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # {"row", "column", "message"}

    @property
    def creates(self):
        return [r for r in self.rows if r.action == "create"]

    @property
    def updates(self):
        return [r for r in self.rows if r.action == "update"]

    @property
    def unchanged(self):
        return [r for r in self.rows if r.action == "unchanged"]


class _RowError(Exception):
    def __init__(self, column, message):
        self.column = column
        self.message = message


def _key(text):
    return " ".join(text.split()).casefold()


class _Register:
    """What the rows are checked against, read in a few queries for the whole file."""

    def __init__(self, sheet, lock):
        self.policy = Policy.current()
        self.services = {_key(s.name): s for s in Service.objects.all()}
        self.objectives = {_key(o.name): o for o in StrategicObjective.objects.all()}
        self.users_by_login = {}
        self.users_by_name = {}
        for user in User.objects.only("username", "email", "first_name", "last_name"):
            self.users_by_login[user.username.casefold()] = user
            if user.email:
                self.users_by_login.setdefault(user.email.casefold(), user)
            self.users_by_name.setdefault(_key(user.get_full_name()), []).append(user)
        references = {_key(v["reference"]) for _, v in sheet.rows if v.get("reference")}
        names = {_key(v["name"]) for _, v in sheet.rows if v.get("name")}
        matches = Partnership.objects.annotate(
            ref_key=Lower("reference"), name_key=Lower("name")
        ).filter(Q(ref_key__in=references) | Q(name_key__in=names))
        if lock:
            # The real run: no one may change these rows between the check and the write.
            matches = matches.select_for_update()
        self.by_reference = {}
        self.by_name = {}
        for partnership in matches:
            self.by_reference[_key(partnership.reference)] = partnership
            self.by_name[(_key(partnership.name), partnership.lead_service_id)] = partnership
        through = Partnership.strategic_objectives.through
        self.objectives_of = {}
        for partnership_id, objective_id in through.objects.filter(
            partnership_id__in=[p.pk for p in self.by_reference.values()]
        ).values_list("partnership_id", "strategicobjective_id"):
            self.objectives_of.setdefault(partnership_id, set()).add(objective_id)


def _choice(column, text, policy=None):
    if not text:
        if column.choices is Engagement:
            return Engagement.FULL
        if column.required:
            raise _RowError(column, f"Enter the {column.heading.lower()}")
        return ""
    wanted = _key(text)
    choices = column.choices.choices
    if column.choices is Kind and policy is not None:
        # The kinds this council offers, in its own words as the export wrote them or in the
        # general ones.
        choices = kind_choices(policy)
        for value, label in choices:
            if wanted in (_key(label), _key(Kind(value).label), value):
                return value
    for value, label in choices:
        if wanted in (_key(label), value):
            return value
    allowed = "; ".join(label for _, label in choices)
    raise _RowError(column, f"‘{text}’ is not one of the allowed values: {allowed}")


def _yes_no(column, text):
    answer = text.casefold()
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise _RowError(column, f"Enter Yes or No, not ‘{text}’")


def _date(column, text):
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _RowError(column, f"‘{text}’ is not a real date: enter it like 31/03/2026")


def _rank(column, text):
    if not text:
        return None
    if text not in {"1", "2", "3", "4"}:
        raise _RowError(column, f"Enter a rank from 1 to 4, not ‘{text}’")
    return int(text)


def _text(column, text):
    model_field = Partnership._meta.get_field(column.field)
    # The record's form refuses control characters in every text answer; a cell must too.
    try:
        check_text(text, "This cell", multiline=isinstance(model_field, TextField))
    except ValidationError as refused:
        raise _RowError(column, refused.messages[0]) from refused
    limit = model_field.max_length
    if limit and len(text) > limit:
        raise _RowError(column, f"Must be {limit} characters or fewer")
    if column.required and not text:
        raise _RowError(column, f"Enter the {column.heading.lower()}")
    return text


def _service(column, text, register):
    if not text:
        raise _RowError(column, "Enter the lead service")
    service = register.services.get(_key(text))
    if service is None:
        raise _RowError(
            column,
            f"The register has no service called ‘{text}’. Use a service's name as the "
            "register gives it, or ask the administrator to add the service first",
        )
    return service


def _officer(column, text, register):
    if not text:
        return None
    user = register.users_by_login.get(text.casefold())
    if user is not None:
        return user
    named = register.users_by_name.get(_key(text), [])
    if len(named) == 1:
        return named[0]
    if named:
        raise _RowError(column, f"More than one person is called ‘{text}’: give their username")
    raise _RowError(column, f"No one with an account is called ‘{text}’")


def _objectives(column, text, register):
    chosen = []
    for part in OBJECTIVE_SEPARATOR.split(text):
        if not part.strip():
            continue
        objective = register.objectives.get(_key(part))
        if objective is None:
            raise _RowError(column, f"The register has no strategic objective ‘{part.strip()}’")
        chosen.append(objective)
    return chosen


def _parse(column, text, register):
    match column.kind:
        case "choice" | "status":
            return _choice(column, text, register.policy)
        case "yes_no":
            return _yes_no(column, text)
        case "date":
            return _date(column, text)
        case "rank":
            return _rank(column, text)
        case "service":
            return _service(column, text, register)
        case "officer":
            return _officer(column, text, register)
        case "objectives":
            return _objectives(column, text, register)
        case "reference":
            if len(text) > Partnership._meta.get_field("reference").max_length:
                raise _RowError(column, "Must be 20 characters or fewer")
            return text
        case _:
            return _text(column, text)


def _classify(values, existing, register, fail):
    """R1 for a row: a kind the policy does not hold is kept as excluded, with its reason,
    as partnership_create does for the form."""
    kind = values.get("kind", existing.kind if existing else Kind.PARTNERSHIP)
    reason = values.get("exclusion_reason", existing.exclusion_reason if existing else "")
    status = values.get("status") or None
    if not register.policy.holds_kind(kind):
        if not reason.strip():
            fail(
                BY_HEADING["exclusion reason"],
                f"The council's register does not hold a "
                f"{lower_first(kind_label(register.policy, kind))}: give "
                "the reason it is recorded but excluded",
            )
        if status not in (None, Status.EXCLUDED):
            fail(
                BY_HEADING["status"],
                f"A {lower_first(kind_label(register.policy, kind))} is excluded from this "
                "register: leave the "
                "status blank or make it Excluded from the register",
            )
        values["status"] = Status.EXCLUDED
    else:
        if status == Status.EXCLUDED:
            fail(
                BY_HEADING["status"],
                "Only a kind of arrangement the register does not hold can be excluded",
            )
        if status is None:
            kept = existing.status if existing else Status.ACTIVE
            status = Status.ACTIVE if kept == Status.EXCLUDED else kept
        values["status"] = status
        values["exclusion_reason"] = ""


def _current(partnership, name, register):
    if name == "strategic_objectives":
        return register.objectives_of.get(partnership.pk, set())
    field_ = Partnership._meta.get_field(name)
    return getattr(partnership, field_.attname)


def _comparable(name, value):
    if name == "strategic_objectives":
        return {o.pk for o in value}
    if hasattr(value, "pk"):
        return value.pk
    return value


def _check_row(number, cells, columns, register, seen, plan):
    """Every problem of one row: a cell that cannot be read does not hide the row's other
    problems, only the checks that need that cell's value."""
    errors = []

    def fail(column, message):
        errors.append({"row": number, "column": column.heading, "message": message})

    values = {}
    unread = set()
    for column in columns:
        try:
            values[column.field] = _parse(column, cells.get(column.field, ""), register)
        except _RowError as error:
            fail(error.column, error.message)
            unread.add(column.field)

    reference = values.pop("reference", "")
    service = values.get("lead_service")
    name = values.get("name")
    identified = service is not None and name is not None and "reference" not in unread
    existing = None
    if identified:
        existing = _identify(reference, name, service, register, seen, number, fail)
    elif reference:
        existing = register.by_reference.get(_key(reference))

    if "kind" not in unread and "exclusion_reason" not in unread and "status" not in unread:
        _classify(values, existing, register, fail)

    if existing is None:
        if reference:
            values["reference"] = reference
        if not values.get("strategic_objectives"):
            values.pop("strategic_objectives", None)  # nothing to set on a new record
        candidate = Partnership(**{k: v for k, v in values.items() if k != "strategic_objectives"})
        action, changed = "create", []
        # What the file does not give a new record is left to the model's defaults.
        given = set(values) | {"status", "exclusion_reason"}
        missing = {f.name for f in Partnership._meta.concrete_fields} - given
    else:
        changed = [
            name
            for name, value in values.items()
            if _comparable(name, value) != _current(existing, name, register)
        ]
        values = {name: values[name] for name in changed}
        candidate = Partnership(
            **{f.attname: getattr(existing, f.attname) for f in Partnership._meta.concrete_fields}
        )
        for name, value in values.items():
            if name != "strategic_objectives":
                setattr(candidate, name, value)
        action = "update" if changed else "unchanged"
        missing = set()

    # The model's rules, as the forms apply them, on every cell that could be read;
    # uniqueness is checked above, and the services check it again on the real run.
    exclude = {"lead_service", "lead_officer", "sponsor"} | unread | missing
    if not candidate.reference:
        exclude.add("reference")
    try:
        candidate.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            for message in messages:
                errors.append(
                    {"row": number, "column": HEADING_OF.get(field_name, ""), "message": message}
                )
    # The rules across fields that the record's form applies, from the same definition.
    readable = {
        f.name: getattr(candidate, f.attname)
        for f in Partnership._meta.concrete_fields
        if f.name not in unread and f.name not in missing
    }
    for field_name, message in record_problems(readable):
        errors.append({"row": number, "column": HEADING_OF.get(field_name, ""), "message": message})

    if errors:
        plan.errors.extend(errors)
        return
    if not identified:
        return  # a column the row needs is missing from the file, which says so
    plan.rows.append(
        RowPlan(
            row=number,
            action=action,
            name=candidate.name,
            service_name=service.name,
            reference=existing.reference if existing else reference,
            partnership=existing,
            fields=values,
            changed=[HEADING_OF[name] for name in changed],
        )
    )


def _identify(reference, name, service, register, seen, number, fail):
    """The partnership a row is about, if the register has it, and the checks that a row
    names one partnership once and unambiguously."""
    name_key = (_key(name), service.pk)
    existing = None
    if reference:
        existing = register.by_reference.get(_key(reference))
        same_name = register.by_name.get(name_key)
        if existing is None and same_name is not None:
            fail(
                BY_HEADING["reference"],
                f"The register has no partnership {reference}, but already has "
                f"‘{same_name.name}’ led by {service.name}, as {same_name.reference}: use "
                "that reference, or leave the reference blank",
            )
    else:
        existing = register.by_name.get(name_key)
    other = register.by_name.get(name_key)
    if existing is not None and other is not None and other.pk != existing.pk:
        fail(
            BY_HEADING["name"],
            f"Another partnership, {other.reference}, already has this name and lead service",
        )

    # Two rows for one partnership would leave the register depending on their order.
    keys = [("name", name_key)]
    if reference:
        keys.append(("reference", _key(reference)))
    if existing is not None:
        keys.append(("pk", existing.pk))
    earlier = next((seen[key] for key in keys if key in seen), None)
    if earlier is not None:
        fail(
            BY_HEADING["name"],
            f"Row {earlier} is the same partnership: each partnership may be in a file once",
        )
    for key in keys:
        seen.setdefault(key, number)
    return existing


def check_sheet(sheet, lock=False):
    """The dry run: what each row would do to the register, or what is wrong with it."""
    register = _Register(sheet, lock)
    plan = ImportPlan(errors=[{"row": "", "column": "", "message": m} for m in sheet.problems])
    seen = {}
    for number, cells in sheet.rows:
        _check_row(number, cells, sheet.columns, register, seen, plan)
    return plan
