"""Permission table rows for the register as open data: public once the register keeper
publishes it (as here), 404 before (tests/opendata)."""

from accounts.roles import Role
from opendata.services import open_data_configure

from ..factories import UserFactory
from . import KEEPER_ONLY, expect

PUBLIC = expect(200, anonymous=200)

ROWS = {
    "opendata:register": ("get", None, PUBLIC),
    "opendata:register_csv": ("get", None, PUBLIC),
    "opendata:register_json": ("get", None, PUBLIC),
    "opendata:settings": ("get", None, KEEPER_ONLY),
}


def objects(made):
    keeper = UserFactory(username="table-open-data-keeper", role=Role.REGISTER_KEEPER)
    open_data_configure(actor=keeper, published=True, fields=["name", "kind"])
    return {}
