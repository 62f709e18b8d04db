"""A proposal page's "Save and come back later" saves whatever was entered, even with
required answers missing; "Save and continue" checks the page."""

import re

import pytest

from accounts.services import policy_apply_preset
from proposals.models import Proposal
from proposals.services import proposal_start


@pytest.fixture
def draft(people):
    policy_apply_preset("south-derbyshire")
    return proposal_start("Swadlincote Town Team", people["service"], actor=people["officer"])


def _url(proposal, page=""):
    return f"/register/proposals/{proposal.pk}/" + (f"{page}/" if page else "")


def test_save_and_come_back_later_saves_an_incomplete_page(people, draft, client):
    client.force_login(people["officer"])
    typed = {"alternative_existing": "No existing partnership covers the town centre."}
    response = client.post(_url(draft, "alternatives"), {**typed, "action": "later"})
    assert response["Location"] == _url(draft)
    proposal = Proposal.objects.get(pk=draft.pk)
    assert proposal.alternative_existing == typed["alternative_existing"]


def test_save_and_continue_checks_the_page(people, draft, client):
    client.force_login(people["officer"])
    typed = {"alternative_existing": "No existing partnership covers the town centre."}
    response = client.post(_url(draft, "alternatives"), {**typed, "action": "continue"})
    assert response.status_code == 200
    assert "Say whether a contract would be better" in response.content.decode()
    assert Proposal.objects.get(pk=draft.pk).alternative_existing == ""


def test_the_check_page_shows_missing_answers_as_rows_with_enter_links(people, draft, client):
    client.force_login(people["officer"])
    page = client.get(_url(draft, "check")).content.decode()
    alternatives = (
        f'class="govuk-link app-missing-answer" href="{_url(draft, "alternatives")}?check=1"'
    )
    assert f"{alternatives}>Enter an answer" in page
    purpose = f'class="govuk-link app-missing-answer" href="{_url(draft, "purpose")}?check=1"'
    assert f"{purpose}>Enter main purpose</a>" in page


# Pages of items: a half-typed item is kept as typed, never saved as an item ---------------

HALF_TYPED = {
    "members": ({"sector": "public", "agreed_to_participate": "yes"}, r'value="public"\s+checked'),
    "resources": ({"financial_year": "2026/27", "amount": "5000"}, r'value="5000"'),
    "risks": ({"description": "Traders lose interest.", "likelihood": "3"}, r">\s*Traders lose"),
}
ITEMS = {"members": "partner_organisations", "resources": "resources", "risks": "risks"}


def _items(proposal, page):
    return getattr(Proposal.objects.get(pk=proposal.pk).partnership, ITEMS[page])


@pytest.mark.parametrize("page", sorted(HALF_TYPED))
def test_it_keeps_a_half_typed_item_and_puts_it_back_in_the_form(people, draft, client, page):
    client.force_login(people["officer"])
    typed, shown = HALF_TYPED[page]
    response = client.post(_url(draft, page), {**typed, "action": "later"})
    assert response["Location"] == _url(draft)
    assert not _items(draft, page).exists()
    proposal = Proposal.objects.get(pk=draft.pk)
    assert proposal.unfinished_items[page]["typed"] == {k: [v] for k, v in typed.items()}
    assert proposal.history.first().history_user == people["officer"]
    again = client.get(_url(draft, page)).content.decode()
    assert re.search(shown, again)
    assert "It has not been added yet" in again
    assert "There is a problem" not in again


def test_continue_checks_the_kept_item_and_adds_nothing_until_it_passes(people, draft, client):
    client.force_login(people["officer"])
    client.post(_url(draft, "risks"), {"description": "Traders lose interest.", "action": "later"})
    response = client.post(
        _url(draft, "risks"), {"description": "Traders lose interest.", "action": "continue"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Select the likelihood" in page
    assert not _items(draft, "risks").exists()
    finished = {
        "description": "Traders lose interest.",
        "likelihood": "3",
        "impact": "2",
        "owner": "Head of Streetscene",
        "action": "continue",
    }
    response = client.post(_url(draft, "risks"), finished)
    assert response["Location"] == _url(draft, "agreement")
    assert _items(draft, "risks").get().owner == "Head of Streetscene"
    assert Proposal.objects.get(pk=draft.pk).unfinished_items == {}


def test_a_complete_item_saved_for_later_is_added(people, draft, client):
    client.force_login(people["officer"])
    complete = {"name": "Derbyshire Constabulary", "agreed_to_participate": "yes"}
    response = client.post(_url(draft, "members"), {**complete, "action": "later"})
    assert response["Location"] == _url(draft)
    assert _items(draft, "members").get().name == "Derbyshire Constabulary"
    assert Proposal.objects.get(pk=draft.pk).unfinished_items == {}


def test_clearing_a_kept_item_lets_it_go(people, draft, client):
    client.force_login(people["officer"])
    client.post(_url(draft, "resources"), {"financial_year": "2026/2", "action": "later"})
    response = client.post(_url(draft, "resources"), {"action": "continue"})
    assert response["Location"] == _url(draft, "meetings")
    assert Proposal.objects.get(pk=draft.pk).unfinished_items == {}
    # The page's own defaults are not something typed: "Don't know" is already chosen.
    client.post(_url(draft, "members"), {"agreed_to_participate": "dont_know", "action": "later"})
    assert Proposal.objects.get(pk=draft.pk).unfinished_items == {}


def test_a_kept_item_is_missing_until_it_is_added_or_cleared(people, draft, client):
    client.force_login(people["officer"])
    client.post(_url(draft, "risks"), {"description": "Traders lose interest.", "action": "later"})
    page = client.get(_url(draft, "check")).content.decode()
    assert f'href="{_url(draft, "risks")}?check=1">Finish adding the risk you started' in page
    response = client.post(_url(draft, "check"))
    assert "Finish adding the risk you started, or clear it" in response.content.decode()
    assert Proposal.objects.get(pk=draft.pk).state == "draft"
