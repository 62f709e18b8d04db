import pytest

from accounts.roles import Role
from api.services import token_issue
from tests.factories import UserFactory


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role=Role.ADMIN)


@pytest.fixture
def issue(administrator):
    """A token's secret, for a role (and service)."""

    def make(role=Role.OFFICER, service=None, name="Dashboard"):
        _token, secret = token_issue(actor=administrator, name=name, role=role, service=service)
        return secret

    return make


@pytest.fixture
def bearer():
    return lambda secret: {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
