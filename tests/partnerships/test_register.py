import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from accounts.roles import Role
from partnerships.models import Partnership
from partnerships.views import _as_key
from tests.budgets import INBOX_QUERIES, REGISTER_QUERIES
from tests.factories import PartnershipFactory, ServiceFactory


def test_it_lists_partnerships_with_their_lead_service(signed_in, officer):
    PartnershipFactory(name="Select Move", lead_service=ServiceFactory(name="Strategic Housing"))
    body = signed_in(officer).get("/register/").content.decode()
    assert "Select Move" in body
    assert "Strategic Housing" in body
    assert "Showing 1 to 1 of 1 partnership" in body


def test_it_searches_by_part_of_the_name_ignoring_case(signed_in, officer):
    PartnershipFactory(name="Lancashire Waste Partnership (LWP)")
    PartnershipFactory(name="Veolia")
    response = signed_in(officer).get("/register/", {"q": "waste"})
    names = [p.name for p in response.context["page"].object_list]
    assert names == ["Lancashire Waste Partnership (LWP)"]


def test_it_says_when_nothing_matches(signed_in, officer):
    PartnershipFactory(name="Veolia")
    body = signed_in(officer).get("/register/", {"q": "nothing like it"}).content.decode()
    assert "No partnerships match" in body
    assert "govuk-table" not in body


def test_it_pages_the_register_25_at_a_time(signed_in, officer):
    for n in range(30):
        PartnershipFactory(name=f"Partnership {n:02d}")
    client = signed_in(officer)
    first = client.get("/register/")
    assert len(first.context["page"].object_list) == 25
    second = client.get("/register/", {"page": 2})
    names = [p.name for p in second.context["page"].object_list]
    assert names == [f"Partnership {n:02d}" for n in range(25, 30)]
    assert "Showing 26 to 30 of 30 partnerships" in second.content.decode()


def test_a_page_number_out_of_range_shows_the_last_page(signed_in, officer):
    PartnershipFactory()
    response = signed_in(officer).get("/register/", {"page": "999"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 1
    assert signed_in(officer).get("/register/", {"page": "abc"}).status_code == 200


def test_the_search_keeps_to_its_page_links(signed_in, officer):
    for n in range(30):
        PartnershipFactory(name=f"Waste group {n:02d}")
    body = signed_in(officer).get("/register/", {"q": "waste"}).content.decode()
    assert "?q=waste&amp;page=2" in body


@pytest.mark.parametrize("rows", [5, 50])
def test_the_register_query_count_does_not_grow_with_rows(
    rows, signed_in, officer, django_assert_max_num_queries
):
    for _ in range(rows):
        PartnershipFactory(lead_officer=officer)
    client = signed_in(officer)
    client.get("/")  # the first page after sign-in starts the session clock
    # The register's own queries, and the inbox queries behind the navigation's count.
    with django_assert_max_num_queries(REGISTER_QUERIES + INBOX_QUERIES):
        response = client.get("/register/")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(rows, 25)


def test_the_detail_page_shows_the_record(signed_in, make_user):
    partnership = PartnershipFactory(
        name="Veolia",
        remit="To provide a waste and recycling collection service.",
        monitoring_arrangements="Regular operational meetings are held.",
        additional_monitoring_required=True,
    )
    body = signed_in(make_user(Role.AUDITOR)).get(f"/register/{partnership.pk}/").content.decode()
    assert "To provide a waste and recycling collection service." in body
    assert "Regular operational meetings are held." in body
    assert "Additional monitoring required" in body


def test_the_detail_page_of_a_missing_partnership_is_404(signed_in, officer):
    assert signed_in(officer).get("/register/999999/").status_code == 404
    # Larger than any database's integer key can hold.
    assert signed_in(officer).get(f"/register/{2**64}/").status_code == 404


def test_the_detail_page_names_the_lead_service_sponsor_and_lead_officer(signed_in, make_user):
    sponsor = make_user(Role.HEAD_OF_SERVICE, first_name="Asha", last_name="Patel")
    lead = make_user(Role.OFFICER, username="lead", first_name="", last_name="")
    partnership = PartnershipFactory(
        lead_service=ServiceFactory(name="Strategic Housing"), sponsor=sponsor, lead_officer=lead
    )
    body = signed_in(make_user(Role.AUDITOR)).get(f"/register/{partnership.pk}/").content.decode()
    assert "Strategic Housing" in body and "Asha Patel" in body
    # Someone with no name given is named by their username, as everywhere.
    assert ">lead<" in body.replace("\n", "").replace(" ", "")


def test_the_detail_page_escapes_what_officers_type(signed_in, officer):
    partnership = PartnershipFactory(remit="<script>alert('x')</script>")
    body = signed_in(officer).get(f"/register/{partnership.pk}/").content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body


@override_settings(DEBUG=True)
def test_the_demo_loads_chorleys_13_key_partnerships_once(db):
    call_command("load_demo")
    history_after_first_run = Partnership.history.count()
    call_command("load_demo")
    assert Partnership.objects.filter(status="active").count() == 13
    assert Partnership.history.count() == history_after_first_run
    lsp = Partnership.objects.get(name="The Chorley Partnership (LSP)")
    assert lsp.lead_service.name == "Policy and Communications"
    assert lsp.tier == "significant"
    active_nation = Partnership.objects.get(name="Active Nation")
    assert "Expenditure over £75k" in active_nation.monitoring_arrangements
    assert active_nation.additional_monitoring_required is True
    assert {u.role for u in active_nation.lead_officer.__class__.objects.all()} == set(Role)


def test_the_demo_refuses_to_load_without_debug(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")


def test_the_register_escapes_what_officers_type(signed_in, officer):
    # The rows are written by partnerships.views.register_table_body, not the template.
    PartnershipFactory(
        name="<script>alert(1)</script> & Co",
        lead_service=ServiceFactory(name='Housing "<b>"'),
        reference="R&1",
    )
    body = signed_in(officer).get("/register/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in body
    assert "Housing &quot;&lt;b&gt;&quot;" in body
    assert "R&amp;1" in body


def test_it_shows_a_draft_only_to_its_lead_officer_though_another_read_the_same_page_first(
    signed_in, make_user, settings
):
    # The register's SQL is kept for each reader and set of filters (issue 13); the data never.
    settings.DEBUG = False
    proposer = make_user(Role.OFFICER, username="proposer")
    colleague = make_user(Role.OFFICER, username="colleague")
    PartnershipFactory(name="Homes forum", status="draft", lead_officer=proposer)
    mine = signed_in(proposer).get("/register/", {"status": "draft"})
    assert [p.name for p in mine.context["page"].object_list] == ["Homes forum"]
    other_client = Client()
    other_client.force_login(colleague)
    theirs = other_client.get("/register/", {"status": "draft"})
    assert list(theirs.context["page"].object_list) == []
    assert "Homes forum" not in theirs.content.decode()


def test_it_shows_a_change_made_since_the_same_page_was_last_read(signed_in, officer, settings):
    settings.DEBUG = False
    partnership = PartnershipFactory(name="Select Move")
    client = signed_in(officer)
    assert "Select Move" in client.get("/register/").content.decode()
    Partnership.objects.filter(pk=partnership.pk).update(name="Homes Together")
    PartnershipFactory(name="Veolia")
    body = client.get("/register/").content.decode()
    assert "Homes Together" in body and "Veolia" in body and "Select Move" not in body
    assert "Showing 1 to 2 of 2 partnerships" in body


def test_the_registers_kept_sql_is_keyed_by_the_ids_of_records_a_filter_chose():
    first, second = (
        ServiceFactory.build(pk=1, name="Housing"),
        ServiceFactory.build(pk=2, name="Housing"),
    )
    assert str(first) == str(second)
    assert _as_key(first) != _as_key(second)
    assert _as_key([first, second]) == (("accounts.Service", 1), ("accounts.Service", 2))
    assert _as_key("1") != _as_key(1)
