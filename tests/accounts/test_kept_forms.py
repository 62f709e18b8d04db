"""A form sent after the session has ended is kept and put back after signing in (WCAG 2.2.1)."""

import time
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml.html import fromstring

from accounts.kept import KeptForm
from accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from accounts.roles import Role
from core.refill import refill
from tests.factories import PASSWORD, PartnershipFactory

TYPED = "A remit that took an hour to write."


def _idle(client, seconds):
    session = client.session
    now = int(time.time())
    session[SESSION_STARTED] = now - seconds
    session[SESSION_LAST_SEEN] = now - seconds
    session.save()


def _edit_url(partnership):
    return reverse("partnerships:edit", args=[partnership.pk])


def _sign_in(client, user, next_url=""):
    client.get("/sign-in/")
    return client.post(
        "/sign-in/",
        {
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            "username": user.username,
            "password": PASSWORD,
            "next": next_url,
        },
    )


def _edit_then_time_out(client, user, partnership):
    _sign_in(client, user)
    page = client.get(_edit_url(partnership))
    assert page.status_code == 200
    token = client.cookies["csrftoken"].value
    _idle(client, 31 * 60)
    return client.post(
        _edit_url(partnership),
        {
            "csrfmiddlewaretoken": token,
            "version": partnership.version,
            "name": partnership.name,
            "remit": TYPED,
        },
    )


def _sign_in_again(client, user, location):
    return _sign_in(client, user, unquote(location.split("next=", 1)[1]))


@pytest.fixture
def partnership(keeper):
    return PartnershipFactory(name="Veolia waste contract")


def test_it_keeps_a_timed_out_post_without_applying_it_and_puts_it_back_once(keeper, partnership):
    client = Client(enforce_csrf_checks=True)
    response = _edit_then_time_out(client, keeper, partnership)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=")
    partnership.refresh_from_db()
    assert partnership.remit != TYPED
    kept = KeptForm.objects.get()
    assert kept.user == keeper
    assert kept.data["remit"] == [TYPED]
    assert "csrfmiddlewaretoken" not in kept.data

    signed_in = _sign_in_again(client, keeper, response["Location"])
    assert signed_in.status_code == 302
    assert signed_in["Location"].startswith(f"{_edit_url(partnership)}?kept=")
    page = client.get(signed_in["Location"]).content.decode()
    assert TYPED in page
    assert "We have put back what you typed" in page
    partnership.refresh_from_db()
    assert partnership.remit != TYPED, "restored, never applied without pressing the button"
    assert not KeptForm.objects.exists()
    again = client.get(signed_in["Location"]).content.decode()
    assert TYPED not in again, "the key works once"


def test_it_gives_the_kept_form_to_no_one_else(keeper, make_user, partnership):
    client = Client()
    response = _edit_then_time_out(client, keeper, partnership)
    other = make_user(Role.REGISTER_KEEPER, username="other-keeper")
    signed_in = _sign_in_again(client, other, response["Location"])
    page = client.get(signed_in["Location"]).content.decode()
    assert TYPED not in page
    assert KeptForm.objects.exists(), "still there for the person who typed it"


def test_it_forgets_a_kept_form_after_a_short_time(keeper, partnership, settings):
    client = Client()
    response = _edit_then_time_out(client, keeper, partnership)
    KeptForm.objects.update(
        kept_at=timezone.now() - timedelta(seconds=settings.KEPT_FORM_SECONDS + 1)
    )
    signed_in = _sign_in_again(client, keeper, response["Location"])
    assert TYPED not in client.get(signed_in["Location"]).content.decode()


def test_it_does_not_keep_a_post_with_a_forged_csrf_token(keeper, partnership):
    client = Client(enforce_csrf_checks=True)
    _sign_in(client, keeper)
    _idle(client, 31 * 60)
    response = client.post(
        _edit_url(partnership),
        {"csrfmiddlewaretoken": "forged" * 8, "remit": TYPED},
    )
    assert response.status_code == 302
    assert not KeptForm.objects.exists()
    assert "kept" not in response["Location"]


def test_staying_signed_in_restarts_the_idle_time(signed_in, officer, settings):
    client = signed_in(officer)
    client.get("/")
    _idle(client, settings.SESSION_IDLE_TIMEOUT - 30)
    response = client.post("/account/stay-signed-in/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.json()["ends_in"] >= settings.SESSION_IDLE_TIMEOUT - 2
    assert client.session[SESSION_LAST_SEEN] >= int(time.time()) - 2
    assert client.get("/register/").status_code == 200


def test_staying_signed_in_without_javascript_goes_back_to_the_page(signed_in, officer):
    client = signed_in(officer)
    response = client.post("/account/stay-signed-in/", {"next": "/register/"})
    assert response["Location"] == "/register/"
    response = client.post("/account/stay-signed-in/", {"next": "https://elsewhere.example/"})
    assert response["Location"] == "/"


def test_long_forms_say_when_the_session_will_end(signed_in, keeper, partnership):
    client = signed_in(keeper)
    page = client.get(_edit_url(partnership)).content.decode()
    assert "you will be signed out if you do nothing for 30 minutes" in page
    assert 'id="timeout-dialog"' in page


def test_it_refills_every_kind_of_field_of_the_form_that_posts_to_the_page():
    html = """<!DOCTYPE html><html><body>
    <form method="post" action="/sign-out/"><input name="remit" value="x"></form>
    <form method="post">
      <input type="hidden" name="version" value="3">
      <input type="hidden" name="csrfmiddlewaretoken" value="fresh">
      <input name="name" value="old">
      <textarea name="remit">old</textarea>
      <input type="radio" name="tier" value="a" checked><input type="radio" name="tier" value="b">
      <input type="checkbox" name="kinds" value="x" checked>
      <input type="checkbox" name="kinds" value="y">
      <select name="service">
        <option value="1" selected>1</option><option value="2">2</option>
      </select>
      <button type="submit" name="action" value="save">Save</button>
    </form></body></html>"""
    data = {
        "version": ["2"],
        "name": ["new"],
        "remit": ["typed"],
        "tier": ["b"],
        "kinds": ["y"],
        "service": ["2"],
        "action": ["save"],
    }
    filled, found = refill(html, "/partnerships/1/edit/", data)
    assert found
    form = fromstring(filled).forms[1]
    assert form.fields["version"] == "2"
    assert form.fields["csrfmiddlewaretoken"] == "fresh"
    assert form.fields["name"] == "new"
    assert form.fields["remit"] == "typed"
    assert form.fields["tier"] == "b"
    assert set(form.fields["kinds"]) == {"y"}
    assert form.fields["service"] == "2"
    assert fromstring(filled).forms[0].fields["remit"] == "x"
    assert filled.startswith("<!DOCTYPE html>")
