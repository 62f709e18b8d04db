import io
import json
import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.roles import Role
from api.models import ApiToken, digest
from api.services import token_issue, token_revoke
from core.logs import JsonFormatter
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory


def test_it_keeps_only_a_digest_of_the_secret(issue):
    secret = issue()
    token = ApiToken.objects.get()
    assert len(secret) > 40
    assert secret not in {token.secret_digest, token.prefix}
    assert token.secret_digest == digest(secret)
    assert secret.startswith(token.prefix)


def test_it_lets_only_the_administrator_issue_and_revoke(administrator, keeper):
    with pytest.raises(PermissionDenied):
        token_issue(actor=keeper, name="Dashboard", role=Role.OFFICER)
    token, _ = token_issue(actor=administrator, name="Dashboard", role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        token_revoke(actor=keeper, token_id=token.pk)


def test_it_asks_for_the_service_of_a_scoped_role(administrator):
    with pytest.raises(ValidationError) as raised:
        token_issue(actor=administrator, name="HoS feed", role=Role.HEAD_OF_SERVICE)
    assert "service" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        token_issue(actor=administrator, name="Admin", role=Role.ADMIN)
    assert "role" in raised.value.message_dict


def test_it_keeps_the_history_of_issuing_and_revoking(administrator):
    token, _ = token_issue(actor=administrator, name="Dashboard", role=Role.SMT)
    token_revoke(actor=administrator, token_id=token.pk)
    history = list(token.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert {h.history_user for h in history} == {administrator}
    assert history[-1].revoked_at is not None
    with pytest.raises(ValidationError):
        token_revoke(actor=administrator, token_id=token.pk)


def test_it_reads_the_register_with_a_token_and_refuses_a_revoked_one(
    client, administrator, bearer
):
    PartnershipFactory(name="Community Safety Partnership")
    token, secret = token_issue(actor=administrator, name="Dashboard", role=Role.OFFICER)
    response = client.get(reverse("api:register"), **bearer(secret))
    assert response.status_code == 200
    assert [p["name"] for p in response.json()["results"]] == ["Community Safety Partnership"]
    token_revoke(actor=administrator, token_id=token.pk)
    assert client.get(reverse("api:register"), **bearer(secret)).status_code == 401
    assert client.get(reverse("api:register"), **bearer(secret + "x")).status_code == 401


def test_it_reads_only_never_writes(client, issue, bearer):
    secret = issue(Role.REGISTER_KEEPER)
    response = client.post(reverse("api:register"), **bearer(secret))
    assert response.status_code == 405


def test_it_logs_every_use_as_a_json_line(client, issue, bearer):
    secret = issue(name="Power BI")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("api.tokens")
    logger.addHandler(handler)
    try:
        client.get(reverse("api:register"), {"kind": "partnership"}, **bearer(secret))
        client.get(reverse("api:register"), **bearer("prt_not-a-token"))
    finally:
        logger.removeHandler(handler)
    used, refused = [json.loads(line) for line in stream.getvalue().splitlines()]
    token = ApiToken.objects.get()
    assert used["event"] == "api_token_used"
    assert used["token_id"] == token.pk
    assert used["token_name"] == "Power BI"
    assert used["path"] == "/api/register"
    assert used["query"] == "kind=partnership"
    assert refused["event"] == "api_token_refused"
    assert refused["level"] == "WARNING"
    assert secret not in stream.getvalue()


def test_it_notes_the_last_use_at_most_once_a_minute(client, issue, bearer):
    secret = issue()
    client.get(reverse("api:register"), **bearer(secret))
    first = ApiToken.objects.get().last_used
    assert first is not None
    client.get(reverse("api:register"), **bearer(secret))
    assert ApiToken.objects.get().last_used == first


def test_a_token_reads_what_its_role_may_read(client, issue, bearer):
    smt = issue(Role.SMT, name="SMT dashboard")
    officer = issue(Role.OFFICER, name="Intranet")
    head = issue(Role.HEAD_OF_SERVICE, service=ServiceFactory(name="Housing"), name="Housing")
    assert client.get(reverse("api:summary"), **bearer(smt)).status_code == 200
    assert client.get(reverse("api:summary"), **bearer(officer)).status_code == 403
    assert client.get(reverse("api:summary"), **bearer(head)).status_code == 403
    assert client.get(reverse("api:register"), **bearer(head)).status_code == 200


def test_it_shows_no_token_drafts_of_anyone(client, issue, bearer):
    lead = UserFactory(username="drafter")
    PartnershipFactory(name="A draft", status="draft", lead_officer=lead)
    PartnershipFactory(name="A draft without a lead", status="draft", lead_officer=None)
    secret = issue(Role.REGISTER_KEEPER)
    response = client.get(reverse("api:register"), {"status": "all"}, **bearer(secret))
    assert response.json()["count"] == 0
