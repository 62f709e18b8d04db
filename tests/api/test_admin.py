import re

from django.urls import reverse

from accounts.roles import Role
from api.models import ApiToken, digest


def test_the_administrator_issues_a_token_and_sees_its_secret_once(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:api_apitoken_add"), {"name": "Power BI", "role": Role.SMT}
    )
    assert response.status_code == 200
    secret = re.search(r"prt_[\w-]+", response.text).group(0)
    token = ApiToken.objects.get()
    assert token.secret_digest == digest(secret)
    assert token.created_by == administrator
    listing = client.get(reverse("admin:api_apitoken_changelist")).text
    assert "Power BI" in listing
    assert secret not in listing


def test_it_asks_the_administrator_for_a_scoped_roles_service(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:api_apitoken_add"), {"name": "HoS", "role": Role.HEAD_OF_SERVICE}
    )
    assert response.status_code == 200
    assert "Choose the service area this role is scoped to" in response.text
    assert not ApiToken.objects.exists()


def test_the_administrator_revokes_tokens(client, administrator, issue):
    issue()
    client.force_login(administrator)
    token = ApiToken.objects.get()
    response = client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == administrator
