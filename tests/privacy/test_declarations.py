"""Declarations of interest are read only by the register keeper, Internal Audit, the
partnership's lead officer and the representative (UK GDPR; ASVS V8.2, V14.2)."""

from datetime import date

import pytest

from accounts.roles import Role
from partnerships.models import Declaration
from tests.factories import PartnershipFactory, RepresentativeFactory, UserFactory

SECRET = "Director of Acme Waste Ltd; member of Unison"


@pytest.fixture
def record(db):
    lead = UserFactory(username="lead", role=Role.OFFICER)
    linked = UserFactory(username="represented", role=Role.MEMBER)
    partnership = PartnershipFactory(lead_officer=lead)
    rep = RepresentativeFactory(partnership=partnership, name="Cllr Priya Shah", user=linked)
    Declaration.objects.create(representative=rep, declared_on=date(2026, 5, 1), interests=SECRET)
    return partnership


@pytest.mark.parametrize(
    ("who", "role", "reads"),
    [
        ("keeper", Role.REGISTER_KEEPER, True),
        ("auditor", Role.AUDITOR, True),
        ("lead", None, True),
        ("represented", None, True),
        ("officer", Role.OFFICER, False),
        ("member", Role.MEMBER, False),
        ("smt", Role.SMT, False),
        ("head", Role.HEAD_OF_SERVICE, False),
        ("clerk", Role.CLERK, False),
        ("admin", Role.ADMIN, False),
    ],
)
def test_it_shows_a_declaration_only_to_those_who_may_read_it(client, record, who, role, reads):
    user = UserFactory(username=who, role=role) if role else UserFactory(username=who)
    client.force_login(user)
    body = client.get(record.get_absolute_url()).content.decode()
    assert "Cllr Priya Shah" in body
    assert (SECRET in body) is reads
    if not reads:
        assert "Seen only by those who keep, audit or lead the partnership" in body


def test_it_shows_nobody_the_interests_in_the_register_exports(client, record):
    client.force_login(UserFactory(username="keeper", role=Role.REGISTER_KEEPER))
    csv = b"".join(client.get("/register/export.csv").streaming_content).decode()
    assert "Acme Waste" not in csv
