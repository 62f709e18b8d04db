"""The proposal journey as question pages (P1), checking and submitting it (P2), and the
proposal's own page (P3)."""

import datetime
import re

import pytest

from accounts.services import policy_apply_preset
from approvals.models import Outcome, Route
from approvals.services import route_decide
from partnerships.models import Partnership, Status
from proposals.models import Proposal, ProposalState
from proposals.services import proposal_start, proposal_submit
from tests.budgets import KEEPER_INBOX_QUERIES
from tests.factories import (
    PartnerOrganisationFactory,
    PartnershipFactory,
    StrategicObjectiveFactory,
)


@pytest.fixture
def sd_policy(db):
    return policy_apply_preset("south-derbyshire")


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def draft(people, sd_policy):
    return proposal_start("Swadlincote Town Team", people["service"], actor=people["officer"])


def url(proposal, page=""):
    return f"/register/proposals/{proposal.pk}/" + (f"{page}/" if page else "")


def reloaded(proposal):
    return Proposal.objects.select_related("partnership").get(pk=proposal.pk)


# Starting a proposal -------------------------------------------------------------------------


def start(client, people, **fields):
    data = {
        "name": "Swadlincote Town Team",
        "joining": "new",
        "kind": "partnership",
        "lead_service": people["service"].pk,
    }
    return client.post("/register/proposals/new/", {**data, **fields})


def test_it_starts_a_draft_and_goes_to_the_first_question(people, sd_policy, as_user):
    response = start(as_user(people["officer"]), people, joining="existing")
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(proposal, "purpose")
    assert proposal.state == ProposalState.DRAFT
    assert proposal.joining == "existing"
    assert proposal.partnership.status == Status.DRAFT
    assert proposal.proposer == people["officer"]


def test_it_offers_the_proposers_own_service_first(people, sd_policy, as_user):
    page = as_user(people["officer"]).get("/register/proposals/new/").content.decode()
    assert f'<option value="{people["service"].pk}" selected>' in page


def test_it_explains_and_refuses_a_kind_the_register_does_not_hold(people, sd_policy, as_user):
    client = as_user(people["officer"])
    page = client.get("/register/proposals/new/").content.decode()
    assert "Contract for services (not held in the register)" in page
    response = start(client, people, kind="contract")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "does not hold a contract for services in its register" in response.content.decode()
    assert not Proposal.objects.exists()


def test_it_shows_the_error_summary_for_a_blank_start_page(people, sd_policy, as_user):
    response = as_user(people["officer"]).post("/register/proposals/new/", {})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("There is a problem") == 1
    for message in [
        "Enter the name of the partnership",
        "Select what kind of arrangement it is",
        "Select whether it is a new partnership or an existing one",
    ]:
        assert message in page
    assert "<title>Error: Propose a partnership" in page


def test_it_refuses_a_name_the_lead_service_already_has(people, sd_policy, as_user):
    PartnershipFactory(name="Swadlincote Town Team", lead_service=people["service"])
    response = start(as_user(people["officer"]), people)
    assert response.status_code == 200
    assert "already has a partnership called Swadlincote Town Team" in response.content.decode()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("who", ["clerk", "auditor", "admin"])
def test_only_those_who_may_propose_can_start(people, sd_policy, as_user, who):
    client = as_user(people[who])
    assert client.get("/register/proposals/new/").status_code == 403
    assert start(client, people).status_code == 403
    assert not Proposal.objects.exists()


# The question pages --------------------------------------------------------------------------


def date_fields(name, day="1", month="4", year="2027"):
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


ANSWERS = {
    "about": {"name": "Swadlincote Town Team", "joining": "new", "kind": "joint_working"},
    "purpose": {
        "remit": "To bring trade back to the town centre.",
        "accountable_body": "Derbyshire County Council",
        "statutory": "no",
        **date_fields("date_formed"),
        **date_fields("proposed_end_date", year="2030"),
    },
    "alternatives": {
        "alternative_existing": "No existing partnership covers the town centre.",
        "alternative_consult": "Traders need a say in the decisions.",
        "alternative_contract": "There is nothing to buy.",
    },
    "meetings": {"meeting_location": "Civic Offices", "meeting_frequency": "Every quarter"},
    "agreement": {"has_agreement": "yes", "agreement_description": "Terms of reference"},
    "tier": {"statutory": "no", "additional_resources": "yes", "accountable_body": "no"},
    "authority": {"needs_extra_authority": "yes", "extra_authority_reason": "To spend grant."},
    "additional": {"additional_information": "The traders asked for it."},
}

NEXT = {
    "about": "purpose",
    "purpose": "alternatives",
    "alternatives": "members",
    "meetings": "risks",
    "agreement": "tier",
    "tier": "authority",
    "authority": "additional",
    "additional": "check",
}


@pytest.mark.parametrize("page", sorted(ANSWERS))
def test_each_page_saves_its_answers_and_goes_to_the_next(people, draft, as_user, page):
    data = {**ANSWERS[page], "action": "continue"}
    if page == "about":
        data["lead_service"] = people["service"].pk
    response = as_user(people["officer"]).post(url(draft, page), data)
    assert response.status_code == 302
    assert response["Location"] == url(draft, NEXT[page])
    proposal = reloaded(draft)
    partnership = proposal.partnership
    saved = {
        "about": lambda: partnership.kind == "joint_working",
        "purpose": lambda: (
            partnership.remit.startswith("To bring trade")
            and partnership.date_formed.isoformat() == "2027-04-01"
            and partnership.accountable_body == "Derbyshire County Council"
        ),
        "alternatives": lambda: proposal.alternative_contract == "There is nothing to buy.",
        "meetings": lambda: partnership.meeting_frequency == "Every quarter",
        "agreement": lambda: partnership.has_agreement,
        "tier": lambda: partnership.tier == "significant",
        "authority": lambda: proposal.needs_extra_authority,
        "additional": lambda: partnership.additional_information.startswith("The traders"),
    }[page]
    assert saved()


def test_the_tier_is_kept_with_the_questions_and_answers(people, draft, as_user, sd_policy):
    as_user(people["officer"]).post(url(draft, "tier"), ANSWERS["tier"])
    partnership = reloaded(draft).partnership
    assert partnership.tier_answers["policy"] == "south-derbyshire"
    assert [a["answer"] for a in partnership.tier_answers["answers"]] == [False, True, False]
    assert partnership.tier_answers["answers"][1]["question"] == sd_policy.tier_questions[1]["text"]


BAD = {
    "about": ({"name": "", "joining": "new", "kind": "partnership"}, "Select the lead service"),
    "purpose": (
        {"remit": "Trade", "statutory": "no", **date_fields("date_formed", day="31", month="2")},
        "Enter a real date",
    ),
    "alternatives": ({"alternative_existing": "No."}, "Say whether a contract would be better"),
    "meetings": ({"meeting_location": "Civic Offices"}, "Enter how often the partnership"),
    "agreement": ({"has_agreement": "yes"}, "Describe the partnership agreement"),
    "tier": ({"statutory": "yes"}, "Answer yes or no"),
    "authority": ({"needs_extra_authority": "yes"}, "Say what authority is needed, and why"),
    "objectives": ({}, "Say how the partnership will contribute"),
}


@pytest.mark.parametrize("page", sorted(BAD))
def test_bad_input_gives_the_error_summary_and_saves_nothing(people, draft, as_user, page):
    data, message = BAD[page]
    version = reloaded(draft).partnership.version
    response = as_user(people["officer"]).post(url(draft, page), {**data, "action": "continue"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert message in content
    assert "<title>Error: " in content
    assert reloaded(draft).partnership.version == version


def test_the_accountable_body_is_one_organisation_or_the_council(people, draft, as_user):
    client = as_user(people["officer"])
    data = {"remit": "Trade", "statutory": "no"}
    response = client.post(url(draft, "purpose"), data)
    assert "or tick that the council is the accountable body" in response.content.decode()
    both = {**data, "accountable_body": "DCC", "council_is_accountable_body": "on"}
    response = client.post(url(draft, "purpose"), both)
    assert "not both" in response.content.decode()
    client.post(url(draft, "purpose"), {**data, "council_is_accountable_body": "on"})
    assert reloaded(draft).partnership.council_is_accountable_body


def test_saying_no_clears_an_earlier_reason(people, draft, as_user):
    client = as_user(people["officer"])
    client.post(url(draft, "authority"), ANSWERS["authority"])
    client.post(
        url(draft, "authority"),
        {"needs_extra_authority": "no", "extra_authority_reason": "To spend grant."},
    )
    proposal = reloaded(draft)
    assert (proposal.needs_extra_authority, proposal.extra_authority_reason) == (False, "")


def test_saved_answers_are_shown_when_the_page_is_opened_again(people, draft, as_user):
    client = as_user(people["officer"])
    client.post(url(draft, "agreement"), ANSWERS["agreement"])
    page = client.get(url(draft, "agreement")).content.decode()
    assert re.search(r'name="has_agreement"[^>]*value="yes"\s+checked', page)
    assert "Terms of reference</textarea>" in page


def test_the_objectives_page_ticks_the_councils_objectives(people, draft, as_user):
    wanted = StrategicObjectiveFactory(name="Vibrant town centres")
    StrategicObjectiveFactory(name="Retired objective", active=False)
    client = as_user(people["officer"])
    assert "Retired objective" not in client.get(url(draft, "objectives")).content.decode()
    answers = {"strategic_objectives": [wanted.pk], "objectives_contribution": "More visitors."}
    client.post(url(draft, "objectives"), answers)
    assert list(reloaded(draft).partnership.strategic_objectives.all()) == [wanted]


def test_save_and_come_back_later_keeps_the_answers_and_goes_to_the_proposal(
    people, draft, as_user
):
    client = as_user(people["officer"])
    response = client.post(url(draft, "meetings"), {**ANSWERS["meetings"], "action": "later"})
    assert response["Location"] == url(draft)
    assert reloaded(draft).partnership.meeting_location == "Civic Offices"
    page = client.get(url(draft)).content.decode()
    assert "Your answers have been saved" in page
    assert f'href="{url(draft, "check")}"' in page  # Continue


def test_a_change_from_the_check_page_goes_back_to_it(people, draft, as_user):
    response = as_user(people["officer"]).post(
        url(draft, "meetings") + "?check=1", {**ANSWERS["meetings"], "action": "continue"}
    )
    assert response["Location"] == url(draft, "check")


def test_an_unknown_page_is_not_found(people, draft, as_user):
    assert as_user(people["officer"]).get(url(draft, "nonsense")).status_code == 404


# Pages of items ------------------------------------------------------------------------------

PARTNER = {"name": "Derbyshire Constabulary", "sector": "public", "agreed_to_participate": "yes"}
RESOURCE = {"financial_year": "2026/27", "kind": "funding", "amount": "5000", "within_budget": "no"}
RISK = {
    "description": "Traders lose interest.",
    "likelihood": "3",
    "impact": "2",
    "owner": "Head of Streetscene",
}


def test_it_adds_partner_organisations_and_stays_on_the_page(people, draft, as_user):
    client = as_user(people["officer"])
    response = client.post(url(draft, "members"), {**PARTNER, "action": "add"})
    assert response["Location"] == url(draft, "members")
    page = client.get(url(draft, "members")).content.decode()
    assert "Added: Derbyshire Constabulary" in page
    assert 'Remove<span class="govuk-visually-hidden"> Derbyshire Constabulary' in page
    partner = reloaded(draft).partnership.partner_organisations.get()
    assert partner.history.get().history_user == people["officer"]


def test_it_adds_what_was_typed_when_saving_and_continuing(people, draft, as_user):
    client = as_user(people["officer"])
    response = client.post(url(draft, "resources"), {**RESOURCE, "action": "continue"})
    assert response["Location"] == url(draft, "meetings")
    resource = reloaded(draft).partnership.resources.get()
    assert resource.within_budget is False
    # With nothing typed, it simply moves on.
    response = client.post(url(draft, "risks"), {"action": "continue"})
    assert response["Location"] == url(draft, "agreement")
    assert not reloaded(draft).partnership.risks.exists()


def test_a_risk_is_scored_on_the_policys_matrix(people, draft, as_user):
    client = as_user(people["officer"])
    client.post(url(draft, "risks"), {**RISK, "action": "add"})
    assert "6, Medium (3 × 2)" in client.get(url(draft, "risks")).content.decode()


@pytest.mark.parametrize(
    ("page", "data", "message"),
    [
        ("members", {"sector": "public"}, "Enter the name of the organisation"),
        ("resources", {"financial_year": "2026-27"}, "Enter the financial year like 2026/27"),
        ("risks", {"description": "Traders lose interest."}, "Select the likelihood"),
    ],
)
def test_an_item_with_bad_input_is_not_added(people, draft, as_user, page, data, message):
    response = as_user(people["officer"]).post(url(draft, page), {**data, "action": "add"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    partnership = reloaded(draft).partnership
    assert not (
        partnership.partner_organisations.exists()
        or partnership.resources.exists()
        or partnership.risks.exists()
    )


def test_it_removes_an_item_of_this_proposal_only(people, draft, as_user):
    mine = PartnerOrganisationFactory(partnership=draft.partnership)
    theirs = PartnerOrganisationFactory()
    client = as_user(people["officer"])
    for item in [theirs.pk, "nonsense", "9" * 30, mine.pk, mine.pk]:  # the last: a double click
        response = client.post(url(draft, "members"), {"action": "remove", "item": item})
        assert response.status_code == 302
    assert not draft.partnership.partner_organisations.exists()
    assert theirs.partnership.partner_organisations.exists()


# Who may change it ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["head", "keeper", "smt", "member", "admin"])
def test_only_the_proposer_may_change_it(people, draft, as_user, who):
    client = as_user(people[who])
    assert client.get(url(draft, "purpose")).status_code == 403
    assert client.post(url(draft, "purpose"), ANSWERS["purpose"]).status_code == 403
    assert client.post(url(draft, "members"), {**PARTNER, "action": "add"}).status_code == 403
    assert client.get(url(draft, "check")).status_code == 403
    assert client.post(url(draft, "check")).status_code == 403
    assert reloaded(draft).partnership.remit == ""
    assert not draft.partnership.partner_organisations.exists()


def test_a_submitted_proposal_cannot_be_changed(people, make_proposal, as_user):
    proposal = proposal_submit(make_proposal().pk, actor=people["officer"])
    client = as_user(people["officer"])
    assert client.get(url(proposal, "purpose")).status_code == 403
    assert client.post(url(proposal, "members"), {**PARTNER, "action": "add"}).status_code == 403
    assert client.get(url(proposal, "check")).status_code == 403
    assert not proposal.partnership.partner_organisations.exists()


# Checking and submitting ---------------------------------------------------------------------


def test_the_check_page_lists_what_is_missing_with_links(people, draft, as_user):
    page = as_user(people["officer"]).get(url(draft, "check")).content.decode()
    assert "Still to answer" in page
    assert f'href="{url(draft, "purpose")}?check=1">Say what the main purpose' in page
    assert f'href="{url(draft, "alternatives")}?check=1">Say which alternatives' in page
    assert f'href="{url(draft, "tier")}?check=1">' in page


def test_an_incomplete_proposal_cannot_be_submitted(people, draft, as_user):
    response = as_user(people["officer"]).post(url(draft, "check"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "<title>Error: Check your answers" in page
    assert f'<a href="{url(draft, "alternatives")}?check=1">Say which alternatives' in page
    assert reloaded(draft).state == ProposalState.DRAFT
    assert not Route.objects.exists()


def test_a_complete_proposal_is_submitted_along_its_route(people, make_proposal, as_user):
    proposal = make_proposal()
    client = as_user(people["officer"])
    page = client.get(url(proposal, "check")).content.decode()
    assert "Still to answer" not in page
    assert "Head of Corporate Services: approval and inclusion in the register" in page
    assert f'href="{url(proposal, "purpose")}?check=1">Change' in page
    response = client.post(url(proposal, "check"))
    assert response["Location"] == url(proposal)
    proposal = reloaded(proposal)
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.partnership.status == Status.PROPOSED
    page = client.get(url(proposal)).content.decode()
    assert "Your proposal has been submitted to Head of Service" in page
    # A second click of Submit changes nothing.
    assert client.post(url(proposal, "check"))["Location"] == url(proposal)
    assert Route.objects.get().round == 1


def test_a_returned_proposal_shows_the_comment_and_is_resubmitted(people, make_proposal, as_user):
    proposal = proposal_submit(make_proposal().pk, actor=people["officer"])
    route = Route.objects.get()
    route_decide(route.pk, 0, Outcome.RETURNED, "Say who pays for the venue.", actor=people["head"])
    client = as_user(people["officer"])
    for page in [url(proposal), url(proposal, "check")]:
        content = client.get(page).content.decode()
        assert "Returned for changes" in content
        assert "Say who pays for the venue." in content
    assert "Resubmit the proposal" in content
    client.post(url(proposal, "meetings"), ANSWERS["meetings"])
    client.post(url(proposal, "check"))
    route.refresh_from_db()
    assert (reloaded(proposal).state, route.round) == (ProposalState.SUBMITTED, 2)
    assert "Say who pays for the venue." in client.get(url(proposal)).content.decode()
    assert "Returned for changes</h2>" not in client.get(url(proposal)).content.decode()


# The proposal's own page ---------------------------------------------------------------------

SEES_SUBMITTED = {
    "officer": 200,
    "head": 200,
    "other_head": 403,
    "keeper": 200,
    "smt": 200,
    "clerk": 200,
    "auditor": 200,
    "member": 403,
    "admin": 403,
}


@pytest.mark.parametrize("who", sorted(SEES_SUBMITTED))
def test_who_may_see_a_submitted_proposal(people, make_proposal, as_user, who):
    proposal = proposal_submit(make_proposal().pk, actor=people["officer"])
    assert as_user(people[who]).get(url(proposal)).status_code == SEES_SUBMITTED[who]


@pytest.mark.parametrize("who", ["head", "member", "admin"])
def test_a_draft_is_not_shown_to_the_head_of_service_yet(people, draft, as_user, who):
    assert as_user(people[who]).get(url(draft)).status_code == 403


def test_someone_who_decided_keeps_sight_of_it_after_moving(people, make_proposal, as_user):
    proposal = proposal_submit(make_proposal().pk, actor=people["officer"])
    route_decide(Route.objects.get().pk, 0, Outcome.APPROVED, "Agreed.", actor=people["head"])
    head = people["head"]
    head.service = people["other_head"].service
    head.save()
    assert as_user(head).get(url(proposal)).status_code == 200


def test_the_proposal_page_offers_continue_and_decide_to_the_right_people(
    people, make_proposal, as_user
):
    proposal = make_proposal()
    decide = "/register/routes/"
    page = as_user(people["officer"]).get(url(proposal)).content.decode()
    assert ">Continue</a>" in page and decide not in page
    proposal_submit(proposal.pk, actor=people["officer"])
    page = as_user(people["officer"]).get(url(proposal)).content.decode()
    assert ">Continue</a>" not in page and decide not in page
    page = as_user(people["head"]).get(url(proposal)).content.decode()
    route = Route.objects.get()
    assert f'href="/register/routes/{route.pk}/decide/"' in page
    assert "Waiting for a decision" in page
    assert ">Continue</a>" not in page
    assert "To reduce crime and disorder." in page
    assert "Change<span" not in page


def test_it_shows_a_draft_as_not_submitted_yet(people, draft, as_user):
    page = as_user(people["keeper"]).get(url(draft)).content.decode()
    assert "Not submitted yet." in page
    assert "Draft" in page


@pytest.mark.parametrize("size", [1, 10])
def test_the_proposal_page_query_count_does_not_grow_with_its_history(
    size, people, make_proposal, as_user, django_assert_max_num_queries
):
    proposal = make_proposal()
    partnership = proposal.partnership
    for n in range(size):
        PartnerOrganisationFactory(partnership=partnership, name=f"Partner {n}")
        partnership.resources.create(financial_year="2026/27", kind="funding", amount=100)
        partnership.risks.create(description=f"Risk {n}", likelihood=2, impact=2, owner="Head")
        partnership.strategic_objectives.add(StrategicObjectiveFactory())
        proposal_submit(proposal.pk, actor=people["officer"])
        route = Route.objects.get()
        route_decide(route.pk, 0, Outcome.RETURNED, f"Round {n}: say more.", actor=people["head"])
    client = as_user(people["keeper"])
    client.get("/")
    # Ten for the page; the rest for the session, the user and the task count every page shows.
    with django_assert_max_num_queries(11 + KEEPER_INBOX_QUERIES):
        response = client.get(url(proposal))
    assert response.status_code == 200
    # Every decision, and the last again as the reason it was returned.
    assert response.content.decode().count("say more.") == size + 1


def test_an_approved_proposal_links_to_its_record_in_the_register(people, make_proposal, as_user):
    proposal = proposal_submit(make_proposal("standard").pk, actor=people["officer"])
    route = Route.objects.get()
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed.", actor=people["head"])
    route_decide(route.pk, 1, Outcome.APPROVED, "Added to the register.", actor=people["keeper"])
    smt_meeting = {"meeting_date": datetime.date(2026, 11, 3), "minute_reference": "SMT/2026/41"}
    route_decide(
        route.pk, 2, Outcome.APPROVED, "Endorsed by SMT.", **smt_meeting, actor=people["clerk"]
    )
    page = as_user(people["officer"]).get(url(proposal)).content.decode()
    assert Partnership.objects.get().status == Status.ACTIVE
    assert f'href="/register/{proposal.partnership_id}/"' in page


def test_a_signed_out_visitor_is_sent_to_sign_in(client, draft):
    assert client.get(url(draft)).status_code == 302


def test_an_elected_member_may_propose(people, sd_policy, as_user):
    assert start(as_user(people["member"]), people).status_code == 302


def test_it_asks_for_the_sponsor_in_the_councils_words_and_carries_it_to_the_record(
    people, as_user
):
    # Nottinghamshire's s4.1 names a "senior partnership sponsor" (issue 11, item 6).
    policy_apply_preset("nottinghamshire")
    draft = proposal_start("Gedling Community Partnership", people["service"],
                           actor=people["officer"])  # fmt: skip
    client = as_user(people["officer"])
    page = client.get(url(draft, "purpose")).content.decode()
    assert "Senior partnership sponsor" in page
    assert "Sponsoring officer" not in page
    data = {"remit": "Community safety", "statutory": "no", "council_is_accountable_body": "on",
            "sponsor": people["head"].pk, "action": "continue"}  # fmt: skip
    client.post(url(draft, "purpose"), data)
    assert reloaded(draft).partnership.sponsor == people["head"]
    check = client.get(url(draft, "check")).content.decode()
    assert "Senior partnership sponsor" in check
    assert people["head"].display_name in check
    record = client.get(f"/register/{draft.partnership_id}/").content.decode()
    assert "Senior partnership sponsor" in record


ATTACH = "If 'Yes' please attach a copy to this form"


def test_it_asks_for_a_copy_of_the_agreement_in_south_derbyshires_words(draft, people, as_user):
    # The Partnership Information Form (001, Appendix 1).
    page = as_user(people["officer"]).get(url(draft, "agreement")).content.decode()
    assert ATTACH in page


@pytest.mark.parametrize("key", ["chorley", "melton", "northamptonshire", "nottinghamshire"])
def test_it_asks_no_copy_in_those_words_under_another_council(key, people, as_user):
    policy_apply_preset(key)
    draft = proposal_start("Town Team", people["service"], actor=people["officer"])
    page = as_user(people["officer"]).get(url(draft, "agreement")).content.decode()
    assert "If it does, describe the agreement" in page
    assert "please attach a copy" not in page
