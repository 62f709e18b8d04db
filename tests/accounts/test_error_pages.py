from django.test import Client, override_settings
from django.urls import path

from accounts.roles import Role


def explode(request):
    raise RuntimeError("secret internals: database password is hunter2")


urlpatterns = [path("explode/", explode)]
handler500 = "accounts.views.server_error"


def test_it_shows_a_404_page_in_the_portal_style(signed_in, officer):
    response = signed_in(officer).get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "govuk-header" in body
    assert "Traceback" not in body


def test_it_shows_a_403_page_in_the_portal_style(signed_in, make_user):
    member = make_user(Role.MEMBER)
    response = signed_in(member).get("/admin/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You do not have permission to see this page" in body
    assert "govuk-header" in body


@override_settings(ROOT_URLCONF=__name__)
def test_it_shows_a_500_page_without_internals(db):
    client = Client(raise_request_exception=False)
    response = client.get("/explode/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "hunter2" not in body
    assert "RuntimeError" not in body
