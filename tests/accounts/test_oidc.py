"""Single sign-on against a real OpenID provider (tests/oidc): the happy path and each
refusal. The provider's pages are walked with plain HTTP; the portal is the test client."""

from urllib.parse import parse_qs, urlencode, urlparse, urlunparse

import pytest

from accounts.models import User
from accounts.roles import Role
from accounts.services import policy_apply_preset
from tests.factories import PASSWORD, ServiceFactory, UserFactory
from tests.oidc import SIGN_IN_POLICY, sign_in_at_provider

CALLBACK = "http://testserver/sign-in/council/callback/"


@pytest.fixture
def sso(settings, oidc_provider, db):
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    ServiceFactory(name="Corporate Services")
    policy = policy_apply_preset("south-derbyshire")
    policy.sign_in = dict(SIGN_IN_POLICY)
    policy.save()
    return oidc_provider


def start(client, next_url=None):
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    response = client.get(f"/sign-in/council/{query}")
    assert response.status_code == 302
    return response["Location"]


def come_back(client, callback_url):
    parts = urlparse(callback_url)
    return client.get(parts.path, parse_qs(parts.query))


def sign_in(client, account, next_url=None):
    return come_back(client, sign_in_at_provider(start(client, next_url), account, CALLBACK))


@pytest.fixture
def kim(db):
    # The administrator made the account; the provider's mapping decides its role.
    return UserFactory(username="kkeeper", email="kim.keeper@council.example", role=Role.OFFICER)


def test_it_signs_in_through_the_provider_with_the_mapped_role_and_service(
    client, sso, kim, security_log
):
    response = sign_in(client, "kim.keeper", next_url="/register/")
    assert response.status_code == 302
    assert response["Location"] == "/register/"
    user = User.objects.get(sso_subject="00000000-0000-4000-8000-0000000000b2")
    assert user.pk == kim.pk
    assert user.role == Role.REGISTER_KEEPER
    assert user.service.name == "Corporate Services"
    assert client.get("/register/").status_code == 200
    (line,) = security_log.events("sign_in", method="sso")
    assert line["user_id"] == kim.pk
    assert line["role"] == "register_keeper"


def test_it_finds_an_existing_account_by_verified_email_then_by_its_stable_id(client, sso):
    existing = UserFactory(
        username="a.admin", email="alex.admin@council.example", role=Role.OFFICER
    )
    sign_in(client, "alex.admin")
    existing.refresh_from_db()
    assert existing.sso_subject == "00000000-0000-4000-8000-0000000000a1"
    # The mapping's role wins over the one the account had.
    assert existing.role == Role.ADMIN
    existing.email = "renamed@council.example"
    existing.save()
    client.post("/sign-out/")
    sign_in(client, "alex.admin")
    assert client.get("/").context["user"].pk == existing.pk


def test_it_refuses_a_person_the_mapping_does_not_know_with_a_clear_page(client, sso, security_log):
    response = sign_in(client, "sam.stranger")
    assert response.status_code == 400
    assert "not set up for this portal" in response.content.decode()
    assert not User.objects.filter(sso_subject__isnull=False).exists()
    assert client.get("/register/").status_code == 302
    assert security_log.events("oidc", outcome="failure", reason="unmapped")


def test_it_creates_an_unknown_person_only_when_the_council_chooses(client, sso):
    from accounts.policy import Policy

    policy = Policy.current()
    policy.sign_in["sso_create"] = True
    policy.save()
    sign_in(client, "kim.keeper")
    created = User.objects.get(username="kim.keeper@council.example")
    assert created.role == Role.REGISTER_KEEPER
    assert not created.has_usable_password()


def test_it_creates_someone_the_mapping_does_not_know_without_rights_when_chosen(
    client, sso, security_log
):
    from accounts.policy import Policy

    policy = Policy.current()
    policy.sign_in["sso_create"] = True
    policy.save()
    response = sign_in(client, "sam.stranger")
    assert response.status_code == 400
    assert "without access yet" in response.content.decode()
    created = User.objects.get(sso_subject="00000000-0000-4000-8000-0000000000c3")
    assert not created.is_active
    assert security_log.events("oidc", outcome="failure", reason="pending")
    assert client.get("/register/").status_code == 302


def test_it_refuses_a_tampered_state(client, sso, kim, security_log):
    callback = sign_in_at_provider(start(client), "kim.keeper", CALLBACK)
    parts = urlparse(callback)
    query = parse_qs(parts.query)
    query["state"] = ["tampered" + query["state"][0]]
    response = come_back(client, urlunparse(parts._replace(query=urlencode(query, doseq=True))))
    assert response.status_code == 400
    assert "could not be matched to this browser" in response.content.decode()
    assert client.get("/register/").status_code == 302
    assert security_log.events("oidc", outcome="failure", reason="state")


def test_it_refuses_a_tampered_nonce(client, sso, kim, security_log):
    authorize = start(client)
    # As if the code had been injected from another browser's sign-in.
    session = client.session
    for state in session["oidc_states"].values():
        state["nonce"] = "another-browsers-nonce"
    session.save()
    response = come_back(client, sign_in_at_provider(authorize, "kim.keeper", CALLBACK))
    assert response.status_code == 400
    assert "could not be matched to this browser" in response.content.decode()
    assert client.get("/register/").status_code == 302
    assert security_log.events("oidc", outcome="failure", reason="nonce")


def test_it_refuses_a_token_from_another_issuer(client, sso, kim, settings, security_log):
    # The portal trusts one tenant; this provider is not it.
    settings.OIDC_OP_ISSUER = "https://login.microsoftonline.com/another-tenant/v2.0"
    response = sign_in(client, "kim.keeper")
    assert response.status_code == 400
    assert "identity provider this portal does not trust" in response.content.decode()
    assert security_log.events("oidc", outcome="failure", reason="issuer")


def test_it_refuses_a_token_issued_for_another_application(
    client, sso, kim, settings, security_log
):
    # The provider issues the token to the client "portal"; the portal is registered as
    # another application, so the token is not meant for it.
    settings.OIDC_AUDIENCE = "api://another-application"
    response = sign_in(client, "kim.keeper")
    assert response.status_code == 400
    assert "issued for another application" in response.content.decode()
    assert security_log.events("oidc", outcome="failure", reason="audience")


def test_it_refuses_an_expired_token(client, sso, kim, settings, security_log):
    # This client's ID tokens live one second and arrive two seconds late.
    for name, value in sso.settings(client_id="portal-expiring").items():
        setattr(settings, name, value)
    response = sign_in(client, "kim.keeper")
    assert response.status_code == 400
    assert "had expired" in response.content.decode()
    assert security_log.events("oidc", outcome="failure", reason="expired")


def test_it_refuses_a_switched_off_account(client, sso, security_log):
    UserFactory(username="kim", email="kim.keeper@council.example", is_active=False)
    response = sign_in(client, "kim.keeper")
    assert response.status_code == 400
    assert "switched off" in response.content.decode()
    assert security_log.events("oidc", outcome="failure", reason="inactive")


def test_it_keeps_passwords_for_break_glass_accounts_only_when_told(client, sso, settings):
    settings.LOCAL_PASSWORDS = "break-glass"
    settings.BREAK_GLASS_USERNAMES = ["breakglass"]
    UserFactory(username="breakglass", role=Role.ADMIN)
    UserFactory(username="officer")
    refused = client.post("/sign-in/", {"username": "officer", "password": PASSWORD})
    assert "Sign in with your council account" in refused.content.decode()
    assert (
        client.post("/sign-in/", {"username": "breakglass", "password": PASSWORD}).status_code
        == 302
    )


def test_it_offers_the_providers_sign_out_after_a_single_sign_on(client, sso, kim):
    sign_in(client, "kim.keeper")
    page = client.post("/sign-out/").content.decode()
    assert "Sign out of your council account too" in page
    assert sso.discovery["end_session_endpoint"] in page
    assert client.get("/register/").status_code == 302


def test_it_keeps_single_sign_on_off_unless_configured(client, db):
    assert client.get("/sign-in/council/").status_code == 404
    assert "Sign in with your council account" not in client.get("/sign-in/").content.decode()


def test_it_refuses_when_the_provider_reports_an_error(client, sso, security_log):
    start(client)
    state = next(iter(client.session["oidc_states"]))
    response = client.get("/sign-in/council/callback/", {"error": "access_denied", "state": state})
    assert response.status_code == 400
    assert "did not sign you in" in response.content.decode()
    assert security_log.events("oidc", outcome="failure", reason="provider")
    # The state is spent: it cannot be replayed.
    assert state not in client.session.get("oidc_states", {})
