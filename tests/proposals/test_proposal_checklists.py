"""P2: a proposal cannot be submitted until the policy's pre-partnership checklists are
complete, and they travel with it."""

import pytest
from django.core.exceptions import ValidationError

from approvals.models import Outcome, Route
from approvals.services import route_decide
from assessments import services as forms
from assessments.loader import load_forms
from assessments.models import CompletedForm
from proposals.services import checklists, missing_answers, proposal_submit
from tests.approvals.conftest import answer_everything


@pytest.fixture
def melton_proposal(people, make_proposal):
    load_forms()
    return make_proposal("standard", "melton", checklists=False)


def test_melton_proposals_need_the_partnership_checklist(people, melton_proposal):
    assert checklists(melton_proposal) == [("melton-checklist", "Partnership Checklist", False)]
    assert ("checklist:melton-checklist", "Complete the Partnership Checklist") in (
        missing_answers(melton_proposal)
    )
    with pytest.raises(ValidationError):
        proposal_submit(melton_proposal.pk, actor=people["officer"])


def test_once_the_checklist_is_complete_the_proposal_goes_and_the_checklist_is_locked(
    people, melton_proposal
):
    officer = people["officer"]
    form = forms.form_start(melton_proposal.partnership, "melton-checklist", actor=officer)
    forms.form_save_answers(form.pk, answer_everything(form), actor=officer)
    proposal_submit(melton_proposal.pk, actor=officer)
    form.refresh_from_db()
    assert form.state == "submitted"
    assert form.history.first().history_user == officer


def test_south_derbyshire_asks_for_no_extra_checklist(people, make_proposal):
    load_forms()
    proposal = make_proposal("significant", "south-derbyshire")
    assert checklists(proposal) == []
    proposal_submit(proposal.pk, actor=people["officer"])


def test_the_check_page_links_to_the_checklist(people, melton_proposal, client):
    client.force_login(people["officer"])
    page = client.get(f"/register/proposals/{melton_proposal.pk}/check/").content.decode()
    assert "Complete the Partnership Checklist" in page
    start = (
        f"/assessments/partnership/{melton_proposal.partnership_id}/new/?template=melton-checklist"
    )
    assert start in page.replace("&amp;", "&")
    form_page = client.get(start).content.decode()
    assert 'value="melton-checklist" checked' in form_page
    assert not CompletedForm.objects.exists()


def test_the_checklists_answers_are_in_the_proposal_pdf(people, melton_proposal, client):
    from tests.pdf import pdf_text, words

    officer = people["officer"]
    form = forms.form_start(melton_proposal.partnership, "melton-checklist", actor=officer)
    answers = answer_everything(form)
    first_text_question = next(q for q in form.template.questions() if q["type"] == "text")
    answers[first_text_question["key"]] = {"value": "Streamlining three forums into one"}
    forms.form_save_answers(form.pk, answers, actor=officer)
    proposal_submit(melton_proposal.pk, actor=officer)
    client.force_login(officer)
    pdf = client.get(f"/register/proposals/{melton_proposal.pk}/pdf/")
    text = words(pdf_text(pdf.content))
    assert "Partnership Checklist" in text
    assert "Streamlining three forums into one" in text
    assert words(first_text_question["text"]) in text


def completed_checklist(people, proposal):
    officer = people["officer"]
    form = forms.form_start(proposal.partnership, "melton-checklist", actor=officer)
    forms.form_save_answers(form.pk, answer_everything(form), actor=officer)
    return form


def test_its_checklist_page_says_it_goes_with_the_proposal_and_has_no_submit_of_its_own(
    people, melton_proposal, client
):
    form = completed_checklist(people, melton_proposal)
    client.force_login(people["officer"])
    page = client.get(f"/assessments/forms/{form.pk}/check/").content.decode()
    assert "It goes with the proposal" in page
    assert ">Submit</button>" not in page
    refused = client.post(f"/assessments/forms/{form.pk}/check/", follow=True).content.decode()
    assert "This checklist goes with the proposal" in refused
    form.refresh_from_db()
    assert form.state == "draft"
    with pytest.raises(ValidationError):
        forms.form_submit(form.pk, actor=people["officer"])
    assert not Route.objects.filter(kind="assessment").exists()


def test_its_checklist_is_signed_off_along_the_proposals_route_once(people, melton_proposal):
    form = completed_checklist(people, melton_proposal)
    proposal_submit(melton_proposal.pk, actor=people["officer"])
    route = Route.objects.get(kind="proposal")
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed.", actor=people["head"])
    route_decide(route.pk, 1, Outcome.APPROVED, "Agreed.", meeting_date="2026-11-03",
                 minute_reference="MT/12", actor=people["clerk"])  # fmt: skip
    form.refresh_from_db()
    assert form.state == "approved"
    assert form.signed_off_at == route.decisions.last().decided_at
    assert list(Route.objects.values_list("kind", flat=True)) == ["proposal"]


def test_a_returned_proposal_opens_its_checklist_again(people, melton_proposal):
    form = completed_checklist(people, melton_proposal)
    proposal_submit(melton_proposal.pk, actor=people["officer"])
    route = Route.objects.get(kind="proposal")
    route_decide(route.pk, 0, Outcome.RETURNED, "Say more.", actor=people["head"])
    form.refresh_from_db()
    assert form.state == "returned"
    assert not form.is_locked


def test_the_draft_record_says_where_its_proposal_is(people, melton_proposal, client):
    client.force_login(people["officer"])
    page = client.get(f"/register/{melton_proposal.partnership_id}/").content.decode()
    assert "Its checklists go with" in page
    assert f"/register/proposals/{melton_proposal.pk}/" in page
