"""MFA for local accounts: enrolment, sign-in with a code, a wrong code, a used recovery
code and reset by another administrator. Codes are computed with pyotp, as a phone would."""

import re
import time
from base64 import b32encode
from binascii import unhexlify

import pyotp
import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.mfa import mfa_reset
from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def mfa_for_administrators(settings):
    settings.MFA_REQUIRED_ROLES = ["admin"]


@pytest.fixture
def admin(db):
    return UserFactory(username="admin", role=Role.ADMIN)


def password_step(client, user, next_url="/admin/"):
    return client.post(
        f"/sign-in/?next={next_url}", {"username": user.username, "password": PASSWORD}
    )


def enrol(client):
    """Set up the app from the set-up page; return (pyotp TOTP, recovery codes, the code
    used)."""
    page = client.get("/account/authenticator/")
    secret = re.search(r'id="secret-key">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    app = pyotp.TOTP(secret.replace(" ", ""))
    code = app.now()
    response = client.post("/account/authenticator/", {"code": code, "next": "/admin/"})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([^<]+)</code></li>", response.content.decode())
    return app, codes, code


def app_for(user):
    device = TOTPDevice.objects.get(user=user)
    return pyotp.TOTP(b32encode(unhexlify(device.key)).decode())


def test_it_makes_an_administrator_set_up_an_app_before_anything_else(client, admin, security_log):
    response = password_step(client, admin)
    assert response.status_code == 302
    gated = client.get("/admin/")
    assert gated.status_code == 302
    assert gated["Location"].startswith("/account/authenticator/")
    page = client.get(gated["Location"]).content.decode()
    assert "Your role must use a code" in page
    assert 'src="data:image/svg+xml' in page
    _, codes, _ = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200
    assert security_log.events("mfa_enrol", user_id=admin.pk, outcome="success")


def test_it_refuses_a_wrong_code_at_enrolment_and_sets_nothing_up(client, admin, security_log):
    password_step(client, admin)
    client.get("/account/authenticator/")
    response = client.post("/account/authenticator/", {"code": "000000"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "The code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert client.get("/admin/").status_code == 302
    assert security_log.events("mfa_enrol", outcome="failure")


def test_it_asks_for_a_code_at_each_sign_in_once_set_up(client, admin):
    password_step(client, admin)
    app, _, used = enrol(client)
    client.post("/sign-out/")
    password_step(client, admin)
    gated = client.get("/admin/")
    assert gated["Location"].startswith("/sign-in/code/")
    # The code used at enrolment again is a replay, refused; the app's next code works.
    replay = client.post("/sign-in/code/", {"code": used, "next": "/admin/"})
    assert "The code is not right" in replay.content.decode()
    # After a wrong code even a right one must wait.
    waiting = client.post("/sign-in/code/", {"code": app.at(time.time() + 30)})
    assert "Too many wrong codes" in waiting.content.decode()
    TOTPDevice.objects.get(user=admin).throttle_reset()
    response = client.post("/sign-in/code/", {"code": app.at(time.time() + 30), "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_it_refuses_a_wrong_code_at_sign_in(client, admin, security_log):
    password_step(client, admin)
    enrol(client)
    client.post("/sign-out/")
    password_step(client, admin)
    response = client.post("/sign-in/code/", {"code": "123456", "next": "/admin/"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and "The code is not right" in body
    assert client.get("/admin/").status_code == 302
    assert security_log.events("mfa_verify", user_id=admin.pk, outcome="failure")


def test_it_accepts_each_recovery_code_once(client, admin, security_log):
    password_step(client, admin)
    _, codes, _ = enrol(client)
    client.post("/sign-out/")
    password_step(client, admin)
    assert client.post("/sign-in/code/", {"code": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert security_log.events("mfa_verify", factor="recovery_code")
    client.post("/sign-out/")
    password_step(client, admin)
    used = client.post("/sign-in/code/", {"code": codes[0]})
    assert used.status_code == 200
    assert "The code is not right" in used.content.decode()
    StaticDevice.objects.get(user=admin).throttle_reset()
    assert client.post("/sign-in/code/", {"code": codes[1]}).status_code == 302


def test_it_lets_another_administrator_reset_a_lost_app(client, admin, security_log):
    password_step(client, admin)
    enrol(client)
    other = UserFactory(username="admin2", role=Role.ADMIN)
    mfa_reset(admin, actor=other)
    assert not TOTPDevice.objects.filter(user=admin).exists()
    # The reset ended their session; at the next sign-in they set up a new app.
    assert client.get("/admin/").status_code == 302
    password_step(client, admin)
    assert client.get("/admin/")["Location"].startswith("/account/authenticator/")
    (line,) = security_log.events("mfa_reset")
    assert line["user_id"] == other.pk and line["target_user_id"] == admin.pk


def test_it_lets_only_an_administrator_reset_someones_app(admin):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        mfa_reset(admin, actor=UserFactory(username="keeper", role=Role.REGISTER_KEEPER))


def test_it_offers_the_reset_as_an_admin_action(client, admin):
    password_step(client, admin)
    enrol(client)
    target = UserFactory(username="lost-phone", role=Role.OFFICER)
    TOTPDevice.objects.create(user=target, name="Authenticator app", confirmed=True)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_authenticator", "_selected_action": [target.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=target).exists()


def test_it_asks_mfa_of_the_roles_the_policy_names_too(client, db):
    policy = policy_apply_preset("south-derbyshire")
    policy.sign_in = {"mfa_roles": ["register_keeper"]}
    policy.save()
    assert Policy.current().sign_in["mfa_roles"] == ["register_keeper"]
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    password_step(client, keeper, next_url="/register/")
    assert client.get("/register/")["Location"].startswith("/account/authenticator/")


def test_it_asks_other_roles_only_once_they_set_up_an_app(client, db):
    officer = UserFactory(username="officer", role=Role.OFFICER)
    password_step(client, officer, next_url="/register/")
    assert client.get("/register/").status_code == 200
    enrol(client)
    client.post("/sign-out/")
    password_step(client, officer, next_url="/register/")
    assert client.get("/register/")["Location"].startswith("/sign-in/code/")


def test_it_can_be_switched_off_for_the_demo(client, settings, admin):
    settings.MFA_REQUIRED_ROLES = []
    password_step(client, admin)
    assert client.get("/admin/").status_code == 200
