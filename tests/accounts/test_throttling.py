"""Failed sign-ins counted per username, per address and per pair; a success wipes none."""

import re

from tests.factories import PASSWORD, UserFactory


def fail(client, username, address):
    return client.post(
        "/sign-in/", {"username": username, "password": "wrong-password"}, REMOTE_ADDR=address
    )


def right(client, username, address):
    return client.post(
        "/sign-in/", {"username": username, "password": PASSWORD}, REMOTE_ADDR=address
    )


def test_it_locks_an_account_guessed_at_from_many_addresses(client, db, security_log):
    UserFactory(username="officer")
    for n in range(5):
        fail(client, "officer", f"10.0.0.{n + 1}")
    assert right(client, "officer", "10.0.0.99").status_code == 429
    assert security_log.events("lockout", username="officer")


def test_it_locks_an_address_spraying_one_password_across_accounts(client, db):
    for n in range(5):
        UserFactory(username=f"person{n}")
        fail(client, f"person{n}", "10.0.0.7")
    UserFactory(username="untouched")
    assert right(client, "untouched", "10.0.0.7").status_code == 429
    # Someone else, elsewhere, still signs in.
    assert right(client, "untouched", "10.0.0.8").status_code == 302


def test_it_keeps_the_failures_after_a_success(client, db):
    UserFactory(username="officer")
    for _ in range(4):
        fail(client, "officer", "10.0.0.1")
    assert right(client, "officer", "10.0.0.1").status_code == 302
    client.post("/sign-out/")
    fail(client, "officer", "10.0.0.1")
    assert right(client, "officer", "10.0.0.1").status_code == 429


def test_it_does_not_tell_on_the_lockout_page_whether_the_account_exists(client, db):
    UserFactory(username="officer")
    for _ in range(5):
        fail(client, "officer", "10.0.0.1")
        fail(client, "nobody-by-this-name", "10.0.0.2")
    real = right(client, "officer", "10.0.0.1")
    made_up = right(client, "nobody-by-this-name", "10.0.0.2")
    assert real.status_code == made_up.status_code == 429
    assert "officer" not in real.content.decode()
    # The same page word for word, but for the per-request nonce and form token.
    assert unique_parts_removed(real) == unique_parts_removed(made_up)


def unique_parts_removed(response):
    return re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())
