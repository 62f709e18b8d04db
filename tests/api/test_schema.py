"""schemathesis drives the API from its own OpenAPI document: no request may get a 500, and
every response must match what the document says."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from accounts.roles import Role
from api.api import api
from reviews.services import review_plan
from tests.factories import (
    PartnerOrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    RiskFactory,
)

# The document as /api/openapi.json serves it (test_endpoints checks that it does); the
# requests go to the whole portal, in this process.
# Generated requests only (the coverage phase would add a few hundred edge cases per run).
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
schema.app = get_wsgi_application()


@pytest.fixture
def smt_secret(db, issue):
    # Within the test's transaction, as Django's own test client does it, the connection
    # stays open between requests.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    partnership = PartnershipFactory(pk=1)
    PartnerOrganisationFactory(partnership=partnership)
    RepresentativeFactory(partnership=partnership)
    RiskFactory(partnership=partnership)
    review_plan(PartnershipFactory(pk=2))
    yield issue(Role.SMT)
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
# A few dozen requests in all, the same on every run, and nothing written to disk.
@settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_it_answers_every_request_as_its_document_says(case, smt_secret):
    case.call_and_validate(headers={"Authorization": f"Bearer {smt_secret}"})
