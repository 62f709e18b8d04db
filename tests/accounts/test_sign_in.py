import time

import pytest
from django.test import override_settings

from accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from tests.factories import PASSWORD


def test_it_signs_in_and_lands_on_the_home_page(client, officer):
    response = client.post("/sign-in/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_it_shows_an_error_summary_for_a_wrong_password(client, officer):
    response = client.post("/sign-in/", {"username": "officer", "password": "wrong-password"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Enter a correct username and password" in body
    assert "<title>Error: Sign in" in body


def test_it_asks_for_both_fields(client, db):
    body = client.post("/sign-in/", {"username": "", "password": ""}).content.decode()
    assert "Enter your username" in body
    assert "Enter your password" in body


def test_it_locks_the_account_after_five_failed_attempts(client, officer):
    for _ in range(5):
        client.post("/sign-in/", {"username": "officer", "password": "wrong-password"})
    # Even the right password is refused while locked.
    response = client.post("/sign-in/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()
    assert client.get("/").status_code == 302


def test_it_does_not_lock_after_four_failed_attempts(client, officer):
    for _ in range(4):
        client.post("/sign-in/", {"username": "officer", "password": "wrong-password"})
    response = client.post("/sign-in/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302


def test_it_signs_out_only_by_post(signed_in, officer):
    client = signed_in(officer)
    assert client.get("/sign-out/").status_code == 405
    response = client.post("/sign-out/")
    assert response.status_code == 200
    assert "You have signed out" in response.content.decode()
    assert client.get("/register/").status_code == 302


def _age_session(client, started_ago, last_seen_ago):
    session = client.session
    now = int(time.time())
    session[SESSION_STARTED] = now - started_ago
    session[SESSION_LAST_SEEN] = now - last_seen_ago
    session.save()


@pytest.mark.parametrize(
    ("started_ago", "last_seen_ago", "signed_out"),
    [
        (60, 60, False),
        (29 * 60, 29 * 60, False),  # idle for just under 30 minutes
        (31 * 60, 31 * 60, True),  # idle for just over 30 minutes
        (9 * 3600, 60, False),  # busy all day, within 10 hours
        (10 * 3600 + 60, 60, True),  # busy, but past the 10-hour lifetime
    ],
)
def test_it_ends_sessions_that_are_idle_or_too_old(
    signed_in, officer, started_ago, last_seen_ago, signed_out
):
    client = signed_in(officer)
    client.get("/")
    _age_session(client, started_ago, last_seen_ago)
    response = client.get("/register/")
    if signed_out:
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/?next=/register/")
        page = client.get(response["Location"]).content.decode()
        assert "You were signed out" in page
        assert client.get("/register/").status_code == 302
    else:
        assert response.status_code == 200


@override_settings(SESSION_IDLE_TIMEOUT=5 * 60, SESSION_ABSOLUTE_LIFETIME=3600)
def test_the_timeouts_are_configurable(signed_in, officer):
    client = signed_in(officer)
    client.get("/")
    _age_session(client, started_ago=6 * 60, last_seen_ago=6 * 60)
    assert client.get("/register/").status_code == 302


def test_it_changes_the_password(signed_in, officer):
    client = signed_in(officer)
    response = client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-passphrase",
            "new_password2": "a-much-longer-passphrase",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("a-much-longer-passphrase")


def test_it_refuses_a_short_new_password_with_an_error_summary(signed_in, officer):
    client = signed_in(officer)
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


@pytest.mark.parametrize(("idle_for", "signed_out"), [(29 * 60 + 58, False), (30 * 60, True)])
def test_it_ends_a_session_when_the_warning_says_no_time_is_left(
    signed_in, officer, idle_for, signed_out
):
    # The time-out warning counts down session_ends_in; when it reaches nought and tells the
    # person they have been signed out, a save must not still go through.
    client = signed_in(officer)
    client.get("/")
    _age_session(client, started_ago=idle_for, last_seen_ago=idle_for)
    response = client.get("/register/")
    if signed_out:
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/?next=/register/")
    else:
        assert response.status_code == 200
