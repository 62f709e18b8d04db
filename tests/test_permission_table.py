"""Every URL, every role, the status it must get (U2).

A URL that is not in the table fails the build: adding a page means deciding who may use it.
The Django admin is one row: its own views are all behind the same site-wide check.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role

from .factories import PartnershipFactory, UserFactory

ANONYMOUS = "anonymous"
EVERYONE = [ANONYMOUS, *Role]


def expect(default, **overrides):
    """Statuses by role: `default` for everyone signed in, with named exceptions."""
    statuses = {role: default for role in Role}
    statuses[ANONYMOUS] = 302  # sent to the sign-in page
    for role, status in overrides.items():
        statuses[role] = status
    return statuses


# name -> (method, url arguments, statuses by role)
TABLE = {
    "home": ("get", None, expect(200)),
    "login": ("get", None, expect(302, anonymous=200)),
    "logout": ("post", None, expect(200)),
    "password_change": ("get", None, expect(200)),
    "password_change_done": ("get", None, expect(200)),
    "accessibility": ("get", None, expect(200, anonymous=200)),
    "partnerships:register": ("get", None, expect(200)),
    "partnerships:detail": ("get", "partnership", expect(200)),
    "admin:index": ("get", None, expect(403, admin=200)),
}


def url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                yield "admin:index"
                continue
            yield from url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_is_in_the_table():
    assert set(url_names()) == set(TABLE)


@pytest.fixture
def objects(db):
    return {"partnership": PartnershipFactory()}


CASES = [(name, role) for name in TABLE for role in EVERYONE]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_each_role_gets_the_expected_status(client, objects, name, role):
    method, arg, statuses = TABLE[name]
    if role != ANONYMOUS:
        client.force_login(UserFactory(username=f"table-{role}", role=role))
    url = reverse(name, args=[objects[arg].pk] if arg else None)
    response = getattr(client, method)(url)
    assert response.status_code == statuses[role], f"{method.upper()} {url} as {role}"
