"""V6: a spot check completed at the moment a finding is added either has the finding or
refuses it; it never gains a finding after it was completed."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from audits import services
from audits.models import Finding, SpotCheck

from .conftest import confirm_all

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs this there"
)
@pytest.mark.parametrize("attempt", range(3))
def test_it_never_adds_a_finding_to_a_completed_spot_check(people, drawn, attempt):
    auditor = people["auditor"]
    spot_check = drawn(size=2)
    confirm_all(auditor, spot_check)
    start = threading.Barrier(2)
    outcomes = {}

    def run(name, work):
        start.wait()
        try:
            work()
            outcomes[name] = "done"
        except ValidationError:
            outcomes[name] = "refused"
        finally:
            connections.close_all()

    def complete():
        services.spot_check_complete(spot_check.pk, "Sound", actor=auditor)

    def add_finding():
        services.finding_add(spot_check.pk, "Late finding", "low", actor=auditor)

    threads = [
        threading.Thread(target=run, args=("complete", complete)),
        threading.Thread(target=run, args=("finding", add_finding)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    spot_check = SpotCheck.objects.get(pk=spot_check.pk)
    assert outcomes["complete"] == "done"
    assert spot_check.is_completed
    finding = Finding.objects.filter(spot_check=spot_check).first()
    if outcomes["finding"] == "done":
        assert finding.recorded_at < spot_check.completed_at
    else:
        assert finding is None
