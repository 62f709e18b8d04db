"""What every signed-in page needs besides its own content (P6, issue 13): the person, their
inbox count and the policy in force come in the one query that loads the person, and a
policy changed by any host is what the next page shows."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Policy, Task
from accounts.roles import Role
from accounts.services import policy_apply_preset
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def reads_the_policy(sql):
    return sql.startswith("SELECT") and sql.split(" FROM ", 1)[1].startswith('"accounts_policy"')


def waiting(response):
    """The count beside Home."""
    found = re.search(r'<span class="app-count">(\d+)<', response.content.decode())
    return found and found.group(1)


def open_task(partnership, **holder):
    now = timezone.now()
    return Task.objects.create(
        kind="Decision",
        title=f"Decide on {partnership.name}",
        url=partnership.get_absolute_url(),
        since=now,
        subject_type=ContentType.objects.get_for_model(partnership),
        subject_id=partnership.pk,
        key=f"test-{len(holder)}-{sorted(holder)}",
        opened_at=now,
        **holder,
    )


def test_it_reads_the_policy_only_when_it_has_changed(signed_in, officer):
    policy_apply_preset("melton")
    client = signed_in(officer)
    client.get("/accessibility/")
    response, queries = queries_of(client, "/accessibility/")
    assert not any(map(reads_the_policy, queries))
    assert "Melton Borough Council" in response.content.decode()


def test_it_shows_a_policy_saved_since_the_last_page(signed_in, officer):
    policy_apply_preset("melton")
    client = signed_in(officer)
    client.get("/accessibility/")
    # As another host would: the row changes, not this process's copy.
    policy = Policy.objects.get()
    policy.council_name = "Melton Mowbray Borough Council"
    policy.save()
    response, queries = queries_of(client, "/accessibility/")
    assert any(map(reads_the_policy, queries))
    assert "Melton Mowbray Borough Council" in response.content.decode()


def test_it_shows_a_policy_updated_without_saving_the_row(signed_in, officer):
    policy_apply_preset("melton")
    client = signed_in(officer)
    client.get("/accessibility/")
    Policy.objects.update(council_name="Melton Town Council")
    response, _ = queries_of(client, "/accessibility/")
    assert "Melton Town Council" in response.content.decode()


def test_it_shows_another_preset_applied_since(signed_in, officer):
    policy_apply_preset("melton")
    client = signed_in(officer)
    client.get("/accessibility/")
    policy_apply_preset("chorley")
    body = client.get("/accessibility/").content.decode()
    assert "Chorley Council" in body and "Melton" not in body


def test_it_counts_the_inbox_with_the_person(signed_in, officer, make_user):
    partnership = PartnershipFactory()
    open_task(partnership, person=officer)
    open_task(partnership, role=Role.OFFICER, service=officer.service)
    open_task(partnership, role=Role.OFFICER)
    # Not the officer's: another role's, and a closed one.
    open_task(partnership, role=Role.HEAD_OF_SERVICE, service=officer.service)
    closed = open_task(partnership, person=make_user(Role.AUDITOR, username="auditor"))
    closed.closed_at = timezone.now()
    closed.save()
    client = signed_in(officer)
    client.get("/")
    response, queries = queries_of(client, "/accessibility/")
    assert waiting(response) == "3"
    assert not any('FROM "accounts_task"' in sql.split(" WHERE ")[0] for sql in queries[2:])
    assert len(queries) == 2  # the session, and the person with their count and policy stamp


def test_it_counts_a_person_without_a_service(signed_in, make_user):
    keeper = make_user(Role.REGISTER_KEEPER, service=None)
    partnership = PartnershipFactory()
    open_task(partnership, role=Role.REGISTER_KEEPER)
    open_task(partnership, role=Role.REGISTER_KEEPER, service=partnership.lead_service)
    client = signed_in(keeper)
    assert waiting(client.get("/accessibility/")) == "1"
