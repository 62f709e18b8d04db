"""Two people saving the same partnership at the same moment (lost updates). Row locks are
only meaningful on a real database server, so this runs on PostgreSQL (CI runs it there)."""

import threading

import pytest
from django.db import connection, connections

from accounts.roles import Role
from partnerships import services
from partnerships.models import Partnership
from tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs this there"
)
def test_two_simultaneous_saves_of_the_same_version_keep_exactly_one():
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    other_keeper = UserFactory(username="keeper2", role=Role.REGISTER_KEEPER)
    partnership = PartnershipFactory(remit="Original")
    start = threading.Barrier(2)
    outcomes = []

    def save(actor, remit):
        start.wait()
        try:
            services.partnership_update(partnership.pk, 1, remit=remit, actor=actor)
            outcomes.append(("saved", remit))
        except services.StaleEdit:
            outcomes.append(("refused", remit))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(keeper, "First")),
        threading.Thread(target=save, args=(other_keeper, "Second")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(kind for kind, _ in outcomes) == ["refused", "saved"]
    saved = next(remit for kind, remit in outcomes if kind == "saved")
    partnership = Partnership.objects.get(pk=partnership.pk)
    assert partnership.remit == saved
    assert partnership.version == 2
    assert partnership.history.count() == 2
