"""What the register and record pages keep between requests (the filter form's class, the
options' escaping, the navigation's addresses) is keyed by what it shows: a change made
between two requests is shown by the second."""

from django.test import Client

from accounts.models import Service
from partnerships.models import Status

from ..factories import PartnershipFactory


def test_a_service_added_or_renamed_between_requests_is_offered_by_the_next(signed_in, officer):
    client = signed_in(officer)
    assert "Parks &amp; Open Spaces" not in client.get("/register/").content.decode()
    added = Service.objects.create(name="Parks & Open Spaces")
    page = client.get("/register/").content.decode()
    assert f'<option value="{added.pk}">Parks &amp; Open Spaces</option>' in page
    added.name = "Parks <and> Open Spaces"
    added.save()
    page = client.get(f"/register/?lead_service={added.pk}").content.decode()
    assert f'<option value="{added.pk}" selected>Parks &lt;and&gt; Open Spaces</option>' in page
    assert "Parks &amp; Open Spaces" not in page


def test_a_draft_is_found_by_its_lead_officer_only(officer, keeper):
    draft = PartnershipFactory(status=Status.DRAFT, lead_officer=officer)
    lead, other = Client(), Client()
    lead.force_login(officer)
    other.force_login(keeper)
    assert lead.get(f"/register/{draft.pk}/").status_code == 200
    assert other.get(f"/register/{draft.pk}/").status_code == 404
    draft.status = Status.PROPOSED
    draft.save()
    assert other.get(f"/register/{draft.pk}/").status_code == 200
