"""Creating and editing a partnership through the services (R1, R11): one history record for a
partnership created with its strategic objectives, and every check full_clean makes, less
the re-reading of records the service was given (issue 13: importing 1,000 rows)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from partnerships.models import Kind, Partnership
from partnerships.services import partnership_create, partnership_update
from tests.factories import PartnershipFactory, ServiceFactory, StrategicObjectiveFactory

pytestmark = pytest.mark.django_db


def create(keeper, **fields):
    fields = {
        "name": "Waste Partnership",
        "kind": Kind.PARTNERSHIP,
        "lead_service": ServiceFactory(name="Streetscene"),
        "remit": "To collect waste together.",
        **fields,
    }
    return partnership_create(**fields, actor=keeper)


def test_it_keeps_one_history_record_of_a_partnership_created_with_its_objectives(keeper):
    objectives = [StrategicObjectiveFactory(name="Clean"), StrategicObjectiveFactory(name="Green")]
    partnership = create(keeper, strategic_objectives=objectives)
    records = list(partnership.history.all())
    assert len(records) == 1
    assert records[0].history_type == "+" and records[0].history_user == keeper
    linked = records[0].strategic_objectives.values_list("strategicobjective__name", flat=True)
    assert sorted(linked) == ["Clean", "Green"]
    assert sorted(o.name for o in partnership.strategic_objectives.all()) == ["Clean", "Green"]


def test_it_keeps_one_history_record_of_a_partnership_created_without_objectives(keeper):
    partnership = create(keeper)
    assert [r.history_type for r in partnership.history.all()] == ["+"]


def test_it_refuses_a_second_partnership_of_one_name_in_one_service(keeper):
    create(keeper)
    with pytest.raises(ValidationError) as refused:
        create(keeper)
    assert "already" in str(refused.value).lower()
    assert Partnership.objects.count() == 1


def test_it_refuses_a_lead_service_that_does_not_exist(keeper):
    with pytest.raises(ValidationError) as refused:
        create(keeper, lead_service=None, lead_service_id=987654)
    assert "lead_service" in refused.value.message_dict
    assert not Partnership.objects.exists()


def test_it_refuses_an_edit_to_a_lead_officer_who_does_not_exist(keeper):
    partnership = PartnershipFactory()
    with pytest.raises(ValidationError) as refused:
        partnership_update(
            partnership.pk, partnership.version, lead_officer_id=987654, actor=keeper
        )
    assert "lead_officer" in refused.value.message_dict
    partnership.refresh_from_db()
    assert partnership.version == 1 and partnership.lead_officer_id is None


def test_it_does_not_read_again_the_records_it_was_given(keeper, make_user):
    officer = make_user(Role.OFFICER, username="lead")
    service = ServiceFactory(name="Streetscene")
    with CaptureQueriesContext(connection) as captured:
        create(keeper, lead_service=service, lead_officer=officer)
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT 1 AS")]
    assert not [sql for sql in reads if '"accounts_service"' in sql or '"accounts_user"' in sql]
    # Uniqueness is still checked: the reference, and the name within the service.
    assert len([sql for sql in reads if '"partnerships_partnership"' in sql]) == 2


def test_it_reads_an_edited_partnership_once_and_keeps_its_objectives_in_the_history(keeper):
    objectives = [StrategicObjectiveFactory(name="Clean"), StrategicObjectiveFactory(name="Green")]
    partnership = create(keeper, strategic_objectives=objectives)
    with CaptureQueriesContext(connection) as captured:
        partnership_update(
            partnership.pk, partnership.version, remit="To recycle together.", actor=keeper
        )
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    # The row read under lock, and nothing else: the inbox does not read the row again, nor
    # the history the links on their own, and a name and reference left as they were are
    # not looked for in the rest of the register.
    assert len(selects) == 1 and 'FROM "partnerships_partnership" WHERE' in selects[0]
    latest, first = partnership.history.order_by("-history_id")[:2]
    assert latest.remit == "To recycle together." and latest.history_user == keeper
    for record in (latest, first):
        linked = record.strategic_objectives.values_list("strategicobjective__name", flat=True)
        assert sorted(linked) == ["Clean", "Green"]
    assert first.strategic_objectives.first().id == latest.strategic_objectives.first().id


def test_it_keeps_no_links_in_the_history_of_a_partnership_without_objectives(keeper):
    partnership = create(keeper)
    partnership_update(partnership.pk, partnership.version, remit="Changed.", actor=keeper)
    assert [r.strategic_objectives.count() for r in partnership.history.all()] == [0, 0]


def test_it_refuses_an_edit_that_takes_another_partnerships_name_or_reference(keeper):
    first = create(keeper)
    same_service = create(keeper, name="Recycling Board", lead_service=first.lead_service)
    elsewhere = create(keeper, name="Leisure Trust", lead_service=ServiceFactory(name="Leisure"))
    # Its name in another service is allowed; then the move into the first one's service,
    # the name left as it was, is refused, as are the name alone and the reference.
    elsewhere = partnership_update(elsewhere.pk, elsewhere.version, name=first.name, actor=keeper)
    edits = [
        (elsewhere, {"lead_service": first.lead_service}),
        (same_service, {"name": first.name}),
        (same_service, {"reference": first.reference}),
    ]
    for partnership, edit in edits:
        with pytest.raises(ValidationError) as refused:
            partnership_update(partnership.pk, partnership.version, **edit, actor=keeper)
        assert "already" in str(refused.value).lower()
    assert Partnership.objects.filter(lead_service=first.lead_service).count() == 2
    assert Partnership.objects.filter(reference=first.reference).count() == 1
