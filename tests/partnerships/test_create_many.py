"""Adding and changing many partnerships at once, as an import does (R1, R11, issue 13): each
row checked (and a new one classified) as one at a time, each with its history record under
the actor's name and a copy of its strategic objectives; new rows in a few statements
whatever their number; nothing saved when one row cannot be."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from partnerships.models import Kind, Partnership, Status
from partnerships.services import (
    RowInvalid,
    StaleEdit,
    partnership_create,
    partnership_create_many,
    partnership_update_many,
)
from tests.factories import PartnershipFactory, ServiceFactory, StrategicObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def streetscene():
    return ServiceFactory(name="Streetscene")


def row(service, name, **fields):
    return {
        "name": name,
        "kind": Kind.PARTNERSHIP,
        "lead_service": service,
        "remit": "To collect waste together.",
        **fields,
    }


def linked(record):
    return sorted(record.strategic_objectives.values_list("strategicobjective__name", flat=True))


def test_it_adds_each_row_with_one_history_record_naming_the_actor(keeper, streetscene):
    clean = StrategicObjectiveFactory(name="Clean")
    green = StrategicObjectiveFactory(name="Green")
    rows = [
        row(streetscene, "Waste", strategic_objectives=[clean, green]),
        row(streetscene, "Recycling"),
        row(streetscene, "Litter", strategic_objectives=[green]),
    ]
    made = partnership_create_many(rows, actor=keeper)
    assert [p.name for p in made] == ["Waste", "Recycling", "Litter"]
    for partnership, names in zip(made, [["Clean", "Green"], [], ["Green"]], strict=True):
        stored = Partnership.objects.get(pk=partnership.pk)
        assert sorted(o.name for o in stored.strategic_objectives.all()) == names
        [record] = stored.history.all()
        assert record.history_type == "+" and record.history_user == keeper
        assert record.name == stored.name and record.reference == stored.reference
        assert linked(record) == names


def test_its_history_is_the_history_one_at_a_time_would_keep(keeper, streetscene):
    clean = StrategicObjectiveFactory(name="Clean")
    waste = row(streetscene, "Waste", strategic_objectives=[clean])
    one = partnership_create(**waste, actor=keeper)
    [many] = partnership_create_many(
        [row(streetscene, "Recycling", strategic_objectives=[clean])], actor=keeper
    )
    one_record, many_record = one.history.get(), many.history.get()
    own = {"history_id", "history_date", "id", "name", "reference", "created_at", "updated_at"}
    fields = [f.attname for f in type(one_record)._meta.concrete_fields if f.attname not in own]
    differ = [f for f in fields if getattr(one_record, f) != getattr(many_record, f)]
    assert differ == []
    assert linked(one_record) == linked(many_record) == ["Clean"]


def test_it_numbers_rows_without_a_reference_after_the_register_and_the_rows(keeper, streetscene):
    PartnershipFactory(reference="P0007")
    rows = [
        row(streetscene, "Waste"),
        row(streetscene, "Recycling", reference="P0020"),
        row(streetscene, "Litter"),
    ]
    made = partnership_create_many(rows, actor=keeper)
    assert [p.reference for p in made] == ["P0021", "P0020", "P0022"]


def test_it_classifies_each_row_by_the_policy(keeper, streetscene):
    rows = [
        row(streetscene, "Waste"),
        row(streetscene, "Supplier", kind=Kind.CONTRACT, exclusion_reason="A contract"),
    ]
    waste, supplier = partnership_create_many(rows, actor=keeper)
    assert waste.exclusion_reason == ""
    assert supplier.status == Status.EXCLUDED and supplier.exclusion_reason == "A contract"


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"kind": Kind.CONTRACT}, "Give the reason this arrangement is not in the register"),
        ({"remit": ""}, "This field cannot be blank."),
        ({"reference": "P0001"}, "Partnership with this Reference already exists."),
        ({"name": "Parks"}, "Partnership with this Name and Lead service already exists."),
    ],
)
def test_it_adds_none_when_a_row_cannot_be_added_and_says_which(keeper, streetscene, bad, message):
    PartnershipFactory(reference="P0001", name="Parks", lead_service=streetscene)
    rows = [row(streetscene, "Waste"), {**row(streetscene, "Recycling"), **bad}]
    with pytest.raises(RowInvalid) as refused:
        partnership_create_many(rows, actor=keeper)
    assert refused.value.index == 1
    assert message in refused.value.error.messages
    assert list(Partnership.objects.values_list("name", flat=True)) == ["Parks"]


def test_it_refuses_two_rows_of_one_name_in_one_service(keeper, streetscene):
    elsewhere = ServiceFactory(name="Leisure")
    rows = [row(streetscene, "Waste"), row(elsewhere, "Waste"), row(streetscene, "Waste")]
    with pytest.raises(RowInvalid) as refused:
        partnership_create_many(rows, actor=keeper)
    assert refused.value.index == 2
    assert not Partnership.objects.exists()


def test_it_refuses_an_officer_who_does_not_keep_the_register(make_user, streetscene):
    with pytest.raises(PermissionDenied):
        partnership_create_many([row(streetscene, "Waste")], actor=make_user(Role.OFFICER))
    assert not Partnership.objects.exists()


@pytest.mark.parametrize("size", [3, 30])
def test_it_makes_the_same_few_queries_for_any_number_of_rows(keeper, streetscene, size):
    clean = StrategicObjectiveFactory(name="Clean")
    rows = [row(streetscene, f"Waste {n}", strategic_objectives=[clean]) for n in range(size)]
    with CaptureQueriesContext(connection) as queries:
        partnership_create_many(rows, actor=keeper)
    writes = [q for q in queries if q["sql"].startswith(("INSERT", "SELECT", "UPDATE"))]
    assert len(writes) <= 8
    assert Partnership.history.filter(history_user=keeper).count() == size


def test_it_adds_them_one_by_one_where_the_database_cannot_give_new_ids(
    keeper, streetscene, monkeypatch
):
    monkeypatch.setattr(connection.features, "can_return_rows_from_bulk_insert", False)
    clean = StrategicObjectiveFactory(name="Clean")
    rows = [row(streetscene, "Waste", strategic_objectives=[clean]), row(streetscene, "Litter")]
    made = partnership_create_many(rows, actor=keeper)
    assert [linked(p.history.get()) for p in made] == [["Clean"], []]


# Many edits at once ------------------------------------------------------------------------


def test_it_saves_many_edits_each_with_its_history_naming_the_actor(keeper, streetscene):
    waste, litter = PartnershipFactory.create_batch(2, lead_service=streetscene)
    clean = StrategicObjectiveFactory(name="Clean")
    edits = [
        (waste.pk, waste.version, {"remit": "To collect less waste."}),
        (litter.pk, litter.version, {"strategic_objectives": [clean]}),
    ]
    partnership_update_many(edits, actor=keeper)
    waste.refresh_from_db()
    litter.refresh_from_db()
    assert waste.remit == "To collect less waste." and waste.version == 2
    assert [o.name for o in litter.strategic_objectives.all()] == ["Clean"]
    latest = waste.history.order_by("-history_date").first()
    assert latest.history_type == "~" and latest.history_user == keeper
    assert linked(litter.history.order_by("-history_date").first()) == ["Clean"]


@pytest.mark.parametrize("stale", [True, False])
def test_it_saves_no_edit_when_one_cannot_be_saved_and_says_which(keeper, streetscene, stale):
    waste, litter = PartnershipFactory.create_batch(2, lead_service=streetscene)
    if stale:
        bad = (litter.pk, litter.version - 1, {"remit": "Old"})
    else:
        bad = (litter.pk, litter.version, {"remit": ""})
    edits = [(waste.pk, waste.version, {"remit": "To collect less waste."}), bad]
    with pytest.raises(RowInvalid) as refused:
        partnership_update_many(edits, actor=keeper)
    assert refused.value.index == 1
    assert isinstance(refused.value.error, StaleEdit if stale else ValidationError)
    waste.refresh_from_db()
    assert waste.version == 1 and waste.remit != "To collect less waste."


def test_it_refuses_edits_by_an_officer_who_may_not_edit(make_user, streetscene):
    waste = PartnershipFactory(lead_service=streetscene)
    with pytest.raises(PermissionDenied):
        partnership_update_many(
            [(waste.pk, waste.version, {"remit": "Mine"})], actor=make_user(Role.OFFICER)
        )
    waste.refresh_from_db()
    assert waste.remit != "Mine"
