"""A person's sessions end, rows and all, when they are switched off, given another role or
service, or given a new password, whichever way it is done; and an administrator can sign
anyone out everywhere."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from accounts.roles import Role
from accounts.services import user_sign_out_everywhere
from accounts.sessions import UserSession
from tests.factories import PASSWORD, ServiceFactory, UserFactory


def signed_in_client(user):
    client = Client()
    response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/register/").status_code == 200
    return client


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.OFFICER)


def test_it_keeps_whose_each_session_row_is(officer):
    signed_in_client(officer)
    signed_in_client(officer)
    assert UserSession.objects.filter(user=officer).count() == 2


def test_it_gives_a_deactivated_and_reactivated_user_no_old_session_back(officer, security_log):
    laptop = signed_in_client(officer)
    officer.is_active = False
    officer.save()
    assert not UserSession.objects.filter(user=officer).exists()
    officer.is_active = True
    officer.save()
    assert laptop.get("/register/").status_code == 302
    (line,) = security_log.events("account_change", is_active=False)
    assert line["changed"] == ["is_active"] and line["sessions_ended"] == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda u: setattr(u, "role", Role.REGISTER_KEEPER),
        lambda u: setattr(u, "service", ServiceFactory(name="Another service")),
        lambda u: u.set_password("a-new-long-passphrase"),
    ],
    ids=["role", "service", "password"],
)
def test_it_ends_every_session_on_a_change_of_role_service_or_password(officer, change):
    laptop = signed_in_client(officer)
    phone = signed_in_client(officer)
    change(officer)
    officer.save()
    assert laptop.get("/register/").status_code == 302
    assert phone.get("/register/").status_code == 302


def test_it_ends_nothing_on_other_saves(officer):
    laptop = signed_in_client(officer)
    officer.job_title = "Partnerships officer"
    officer.save()
    assert laptop.get("/register/").status_code == 200


def test_it_ends_the_sessions_when_a_management_command_changes_the_password(officer, monkeypatch):
    laptop = signed_in_client(officer)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a-new-long-passphrase")
    call_command("changepassword", "officer")
    assert laptop.get("/register/").status_code == 302


def test_it_keeps_this_session_and_ends_the_others_when_you_change_your_password(
    officer, security_log
):
    laptop = signed_in_client(officer)
    phone = signed_in_client(officer)
    response = laptop.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-passphrase",
            "new_password2": "a-much-longer-passphrase",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/register/").status_code == 200
    assert phone.get("/register/").status_code == 302
    assert security_log.events("password_change", user_id=officer.pk)


def test_it_ends_the_sessions_of_someone_the_admin_switches_off(officer):
    laptop = signed_in_client(officer)
    admin = Client()
    admin.force_login(UserFactory(username="admin", role=Role.ADMIN))
    page = admin.get(f"/admin/accounts/user/{officer.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "service": officer.service_id,
            "date_joined_0": officer.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": officer.date_joined.strftime("%H:%M:%S"),
            "last_login_0": "",
            "last_login_1": "",
        }
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    data.pop("groups", None)
    data.pop("user_permissions", None)
    # An unticked box is simply not sent.
    data.pop("is_active")
    response = admin.post(f"/admin/accounts/user/{officer.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not get_user_model().objects.get(pk=officer.pk).is_active
    assert laptop.get("/register/").status_code == 302


def test_it_lets_an_administrator_sign_someone_out_everywhere(officer, security_log):
    laptop = signed_in_client(officer)
    phone = signed_in_client(officer)
    admin = Client()
    administrator = UserFactory(username="admin", role=Role.ADMIN)
    admin.force_login(administrator)
    response = admin.post(
        "/admin/accounts/user/",
        {"action": "sign_out_everywhere", "_selected_action": [officer.pk]},
        follow=True,
    )
    assert "2 sessions ended" in response.content.decode()
    assert laptop.get("/register/").status_code == 302
    assert phone.get("/register/").status_code == 302
    # The administrator's own session carries on.
    assert admin.get("/admin/").status_code == 200
    (line,) = security_log.events("sign_out_everywhere")
    assert line["user_id"] == administrator.pk and line["target_user_id"] == officer.pk


def test_it_lets_only_an_administrator_sign_people_out(officer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        user_sign_out_everywhere(
            officer, actor=UserFactory(username="k", role=Role.REGISTER_KEEPER)
        )
