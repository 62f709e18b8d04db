"""Saving a record so that its history says who changed it."""

from typing import TYPE_CHECKING

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, models, router, transaction
from simple_history import utils
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


def save_with_history(
    instance: models.Model, *, actor: "AbstractBaseUser | None", **save_options
) -> models.Model:
    """Saves `instance` with `actor` as the history's user (django-simple-history reads
    `_history_user`), so every service records who made the change the same way."""
    instance._history_user = actor
    instance.save(**save_options)
    return instance


class LinkedHistoricalRecords(HistoricalRecords):
    """History of a model with many-to-many links kept in its history, that lets a service
    write one record for a row created together with its links (create_with_links)."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        sender._linked_history = self

    def create_historical_record_m2ms(self, history_instance, instance):
        # Each history record keeps its own copy of the links as they are: one statement
        # copies them, where reading them and writing them back took two a save, felt when
        # importing a thousand rows.
        for field in history_instance._history_m2m_fields:
            through = getattr(instance, field.name).through
            copy = self.m2m_models[field]
            names = [f.name for f in through._meta.concrete_fields]
            connection = connections[router.db_for_write(copy, instance=instance)]
            quote = connection.ops.quote_name
            into = [copy._meta.get_field(name).column for name in names]
            into = ", ".join(map(quote, [*into, copy._meta.get_field("history").column]))
            source = ", ".join(quote(through._meta.get_field(name).column) for name in names)
            owner = quote(through._meta.get_field(utils.get_m2m_field_name(field)).column)
            # Only the models' own table and column names are put in the statement.
            statement = (
                f"INSERT INTO {quote(copy._meta.db_table)} ({into}) "  # noqa: S608
                f"SELECT {source}, %s FROM {quote(through._meta.db_table)} WHERE {owner} = %s"
            )
            with connection.cursor() as cursor:
                cursor.execute(statement, [history_instance.pk, instance.pk])


def _link_rows(instance, field, records):
    """The rows of `field`'s link table joining `instance` to each of `records` once."""
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    ids = dict.fromkeys(getattr(record, "pk", record) for record in records)
    return [through(**{source: instance.pk, target: pk}) for pk in ids]


def create_with_links(instance: models.Model, links: dict, *, actor: "AbstractBaseUser | None"):
    """Creates `instance` and sets its many-to-many `links` ({field name: records}) with one
    history record of the whole: saved first and linked after, the history would hold the
    record without its links and a second record adding them, and cost twice the writes."""
    instance._history_user = actor
    instance.skip_history_when_saving = True
    try:
        instance.save()
        for name, records in links.items():
            # A new row has no links to compare with, so they are written in one statement,
            # where the related manager's set() reads the links there are and the records
            # given before writing (three statements a row, felt importing a thousand).
            field = instance._meta.get_field(name)
            field.remote_field.through.objects.bulk_create(_link_rows(instance, field, records))
    finally:
        del instance.skip_history_when_saving
    type(instance)._linked_history.create_historical_record(instance, "+")
    return instance


@transaction.atomic
def create_many_with_links(
    instances: list, links: list[dict], *, actor: "AbstractBaseUser | None"
) -> list:
    """create_with_links for many new rows of one model at once (links[i] are instances[i]'s),
    in a few statements whatever their number, where one at a time took eight a row: an
    import of a thousand. No signals are sent for the rows, so it is only for a model whose
    listeners have nothing to do for a row just made."""
    if not instances:
        return []
    model = type(instances[0])
    connection = connections[router.db_for_write(model)]
    if not connection.features.can_return_rows_from_bulk_insert:
        # Without the new rows' ids the links and history cannot be written in bulk.
        return [
            create_with_links(instance, linked, actor=actor)
            for instance, linked in zip(instances, links, strict=True)
        ]
    model.objects.bulk_create(instances)
    linked_rows = {}
    for name in {name for linked in links for name in linked}:
        field = model._meta.get_field(name)
        rows = [
            _link_rows(instance, field, linked.get(name, ()))
            for instance, linked in zip(instances, links, strict=True)
        ]
        field.remote_field.through.objects.bulk_create([row for own in rows for row in own])
        linked_rows[field] = rows
    kept = model._linked_history
    # No reason given, as a record saved one at a time has none.
    history = getattr(model, kept.manager_name).bulk_history_create(
        instances, default_user=actor, default_change_reason=None
    )
    for field, rows in linked_rows.items():
        # Each history record keeps its own copy of the links it tracks, as one does made by
        # create_with_links.
        copy = kept.m2m_models.get(field)
        if copy is None:
            continue
        through = field.remote_field.through
        pairs = [
            (copy._meta.get_field(f.name).attname, f.attname) for f in through._meta.concrete_fields
        ]
        copy.objects.bulk_create(
            [
                copy(**{into: getattr(row, out) for into, out in pairs}, history=record)
                for record, own in zip(history, rows, strict=True)
                for row in own
            ]
        )
    return instances


def _settled(model, unchanged):
    """The fields of `model` every uniqueness rule on which covers only `unchanged` fields:
    the row as read already keeps those rules, and the database's constraints hold them.
    None where a rule's reach is not plain (a condition, an expression, a date rule, other
    constraints or a parent model), so that every check is then made."""
    meta = model._meta
    rules = [{f.name} for f in meta.concrete_fields if f.unique and not f.primary_key]
    rules += [set(names) for names in meta.unique_together]
    for constraint in meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
            return set()
        if constraint.condition is not None or constraint.expressions:
            return set()
        rules.append(set(constraint.fields))
    dated = any(f.unique_for_date or f.unique_for_month or f.unique_for_year for f in meta.fields)
    if meta.all_parents or dated:
        return set()
    named = set().union(*rules) & set(unchanged)
    return {name for name in named if all(rule <= set(unchanged) for rule in rules if name in rule)}


def full_clean_reading_once(instance: models.Model, unchanged=(), unique_apart=()):
    """full_clean, less the check that a foreign key's record still exists where it was
    given as a record already read, or is `unchanged` since the row was read under lock in
    this transaction, and less the uniqueness checks on fields all `unchanged`: the
    database's own constraints hold those, and importing a thousand rows read each lead
    service and officer, and the register for each name and reference, again for every
    row. Every other check is made. The uniqueness rules on `unique_apart` fields are left
    to the caller, which checks them for many rows in one read."""
    given = [
        field.name
        for field in instance._meta.concrete_fields
        if field.is_relation
        and field.value_from_object(instance)
        and (field.is_cached(instance) or field.name in unchanged)
    ]
    errors = {}
    try:
        instance.clean_fields(exclude=given)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    # As full_clean: uniqueness and constraints only for the fields that passed.
    failed = {name for name in errors if name != NON_FIELD_ERRORS}
    settled = _settled(type(instance), unchanged) | set(unique_apart)
    for check in (instance.validate_unique, instance.validate_constraints):
        try:
            check(exclude=failed | settled)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        failed = {name for name in errors if name != NON_FIELD_ERRORS}
    if errors:
        raise ValidationError(errors)
