"""P2: a proposal cannot be submitted until the policy's pre-partnership checklists are
complete, and they travel with it."""

import pytest
from django.core.exceptions import ValidationError

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
