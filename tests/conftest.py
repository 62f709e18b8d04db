import pytest

from accounts.roles import Role

from .factories import PASSWORD, ServiceFactory, UserFactory

ROLES = list(Role)


@pytest.fixture
def service():
    return ServiceFactory(name="Streetscene and Leisure Contracts")


@pytest.fixture
def make_user(db, service):
    def make(role=Role.OFFICER, **kwargs):
        kwargs.setdefault("username", str(role))
        kwargs.setdefault("service", service)
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def officer(make_user):
    return make_user(Role.OFFICER)


@pytest.fixture
def keeper(make_user):
    return make_user(Role.REGISTER_KEEPER)


@pytest.fixture
def auditor(make_user):
    return make_user(Role.AUDITOR)


@pytest.fixture
def signed_in(client):
    """Signs the test client in as the given user, through the real sign-in page."""

    def sign_in(user):
        response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, "sign-in failed"
        return client

    return sign_in


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow by design; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def object_store(tmp_path_factory):
    """One real S3-compatible server for the whole run, started only if a test asks for it."""
    from . import objectstore

    store = objectstore.start(tmp_path_factory.mktemp("object-store"))
    yield store
    objectstore.stop(store)


@pytest.fixture
def bucket_storage(object_store, settings):
    """The portal's files in a fresh private bucket of the object store, for one test."""
    bucket = object_store.new_bucket()
    settings.STORAGES = object_store.storages_setting(bucket)
    return bucket


@pytest.fixture(autouse=True)
def no_mfa_unless_a_test_asks(settings):
    # Most tests are about what a role may do once signed in; tests/accounts/test_mfa.py
    # switches MFA on for the roles it tests.
    settings.MFA_REQUIRED_ROLES = []


@pytest.fixture(scope="session")
def oidc_provider():
    """The real OpenID provider (tests/oidc), started once for the tests that use it."""
    from .oidc import Provider

    provider = Provider().start()
    yield provider
    provider.stop()


# Rows migrate writes for every model, which Django's flush would delete and write again, one
# commit at a time, after every transactional test.
MADE_BY_MIGRATE = {"django_content_type", "auth_permission"}


@pytest.fixture(scope="session", autouse=True)
def emptying_tables_quickly_on_postgresql():
    """After each transactional test (browser journeys, concurrency) the tables are emptied.
    Django TRUNCATEs some ninety tables, which takes PostgreSQL most of a second, then writes
    the content types and permissions back, a few hundred commits. Here the same tables are
    emptied by DELETE of their few rows, in one transaction with the foreign keys checked at
    its end (Django makes them all deferrable), and the content types and permissions, which
    no test changes, are left as migrate made them (flush's post-migrate step then finds them
    all there). The portal itself never empties tables, so nothing under test uses this."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        emptied = sorted(set(tables) - MADE_BY_MIGRATE)
        deletes = [f"{style.SQL_KEYWORD('DELETE FROM')} {self.quote_name(t)};" for t in emptied]
        return ["SET CONSTRAINTS ALL DEFERRED;", *deletes]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield
