"""R12: every change to a partnership's record, told in words a person reads: who, when,
which part of the record, and each field before and after (labels, not column names)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from accounts.models import Service

from .models import (
    Declaration,
    Document,
    PartnerOrganisation,
    Partnership,
    Representative,
    Resource,
    Risk,
    StrategicObjective,
)

# Bookkeeping fields nobody needs to read about.
SKIPPED = {"id", "version", "created_at", "updated_at", "partnership", "representative"}
ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}


@dataclass
class Entry:
    when: object
    who: object
    part: str
    title: str
    action: str
    changes: list = field(default_factory=list)
    reason: str = ""


def _fields(model):
    return [f for f in model._meta.fields if f.name not in SKIPPED]


class _Describer:
    """Turns stored values into what a person reads: choice labels, names for ids."""

    def __init__(self):
        self.users = {}
        self.services = {}

    def collect(self, model, records):
        user_fields = [
            f.attname
            for f in _fields(model)
            if isinstance(f, models.ForeignKey) and f.related_model is get_user_model()
        ]
        service_fields = [
            f.attname
            for f in _fields(model)
            if isinstance(f, models.ForeignKey) and f.related_model is Service
        ]
        for record in records:
            for name in user_fields:
                if getattr(record, name):
                    self.users[getattr(record, name)] = None
            for name in service_fields:
                if getattr(record, name):
                    self.services[getattr(record, name)] = None

    def load(self):
        for user in get_user_model().objects.filter(pk__in=list(self.users)):
            self.users[user.pk] = user.display_name
        for service in Service.objects.filter(pk__in=list(self.services)):
            self.services[service.pk] = service.name

    def value(self, model_field, value):
        if value in (None, ""):
            return "(blank)"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.BooleanField):
            return "Yes" if value else "No"
        if isinstance(model_field, models.ForeignKey):
            names = self.users if model_field.related_model is get_user_model() else self.services
            return names.get(value) or f"#{value}"
        if isinstance(model_field, models.DateField):
            return value.strftime("%-d %B %Y")
        if isinstance(model_field, models.JSONField):
            answers = value.get("answers") if isinstance(value, dict) else None
            if answers:
                return "; ".join(
                    f"{a['question']} {'Yes' if a['answer'] else 'No'}" for a in answers
                )
            return str(value)
        return str(value)


def _label(model_field):
    return str(model_field.verbose_name)[:1].upper() + str(model_field.verbose_name)[1:]


def _entries_for(model, records, part, title_of, describer, extra_changes=None):
    """One entry per history record, each compared with the one before for that object."""
    entries = []
    previous = {}
    fields = [f for f in _fields(model) if f.name != "file"]
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        changes = []
        if record.history_type == "~" and before is not None:
            for f in fields:
                old, new = getattr(before, f.attname), getattr(record, f.attname)
                if old != new:
                    changes.append((_label(f), describer.value(f, old), describer.value(f, new)))
        elif record.history_type == "+":
            changes = [
                (_label(f), "", describer.value(f, getattr(record, f.attname)))
                for f in fields
                if getattr(record, f.attname) not in (None, "", False, {}, [])
            ]
        if extra_changes:
            changes.extend(extra_changes(record, before))
        previous[record.id] = record
        if record.history_type == "~" and not changes:
            continue  # a save that changed nothing a person would see (e.g. a version bump)
        entries.append(
            Entry(
                when=record.history_date,
                who=record.history_user,
                part=part,
                title=title_of(record),
                action=ACTIONS[record.history_type],
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return entries


def partnership_history(partnership):
    """Every change to the partnership and its parts, newest first. A fixed number of
    queries, however long the history."""
    pk = partnership.pk
    describer = _Describer()
    own = list(Partnership.history.filter(id=pk).select_related("history_user"))
    parts = [
        (PartnerOrganisation, "Partner organisation", lambda r: r.name),
        (Representative, "Representative", lambda r: r.name),
        (Resource, "Resource", lambda r: f"{r.get_kind_display()}, {r.financial_year}"),
        (Risk, "Risk", lambda r: r.description[:80]),
        (Document, "Document", lambda r: r.title),
    ]
    part_records = [
        (
            model,
            label,
            title,
            list(model.history.filter(partnership_id=pk).select_related("history_user")),
        )
        for model, label, title in parts
    ]
    declarations = list(
        Declaration.history.filter(representative__partnership_id=pk).select_related("history_user")
    )
    # Strategic objectives are a many-to-many link: compare the set each record holds.
    through = apps.get_model("partnerships", "HistoricalPartnership_strategic_objectives")
    links = defaultdict(set)
    for history_id, objective_id in through.objects.filter(partnership_id=pk).values_list(
        "history_id", "strategicobjective_id"
    ):
        links[history_id].add(objective_id)
    objective_names = dict(StrategicObjective.objects.values_list("pk", "name"))

    def objective_changes(record, before):
        now = links.get(record.history_id, set())
        was = links.get(before.history_id, set()) if before is not None else set()
        if now == was:
            return []
        name = lambda ids: ", ".join(sorted(objective_names.get(i, f"#{i}") for i in ids))  # noqa: E731
        return [("Strategic objectives", name(was) or "(none)", name(now) or "(none)")]

    describer.collect(Partnership, own)
    for model, _part, _title, records in part_records:
        describer.collect(model, records)
    describer.load()

    entries = _entries_for(
        Partnership, own, "Partnership", lambda r: r.name, describer, objective_changes
    )
    for model, label, title, records in part_records:
        entries += _entries_for(model, records, label, title, describer)
    entries += _entries_for(
        Declaration,
        declarations,
        "Declaration",
        lambda r: f"Declaration of {r.declared_on:%-d %B %Y}",
        describer,
    )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
