"""Rough edges a person's check found and axe did not: nested forms, a fieldset not tied to
its error, headings and titles that do not say which page this is."""

import re

from lxml.html import fromstring


def _nested_forms(html):
    return fromstring(html).xpath("//form//form")


def test_the_sign_in_and_password_pages_hold_no_form_inside_a_form(client, signed_in, officer):
    assert _nested_forms(client.get("/sign-in/").content.decode()) == []
    client = signed_in(officer)
    assert _nested_forms(client.get("/account/password/").content.decode()) == []
    page = client.post("/account/password/", {}).content.decode()
    assert _nested_forms(page) == [] and "Enter your current password" in page


def test_home_names_the_persons_inbox_and_differs_from_the_register(signed_in, officer):
    client = signed_in(officer)
    home = client.get("/").content.decode()
    register = client.get("/register/").content.decode()
    h1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
    assert h1.search(home).group(1).strip() == "Your tasks"
    assert h1.search(home).group(1) != h1.search(register).group(1)
    assert "<title>Your tasks –" in home
