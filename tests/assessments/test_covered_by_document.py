"""An agreement's elements covered by an attached document name one of the partnership's own
documents, and the agreement lists its gaps (South Derbyshire's 'Partnership Agreements': "a
supplement ... will only cover the areas where there are gaps in the existing documents")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from accounts.services import policy_apply_preset
from assessments import services
from assessments.loader import load_forms
from assessments.models import CompletedForm
from assessments.section_forms import SectionForm
from partnerships.models import Document
from tests.factories import PartnershipFactory
from tests.pdf import pdf_text, words

KEY = "south-derbyshire-agreement"


def kept(partnership, officer, title):
    document = Document(
        partnership=partnership, kind=Document.Kind.CONSTITUTION, title=title,
        document_date=datetime.date(2025, 6, 1), original_name="constitution.pdf",
        content_type="application/pdf", size=9, uploaded_by=officer,
    )  # fmt: skip
    document.file.save("constitution.pdf", ContentFile(b"%PDF-1.7\n"))
    return document


@pytest.fixture
def agreement(led_partnership, officer):
    policy_apply_preset("south-derbyshire")
    load_forms()
    return services.form_start(led_partnership, KEY, actor=officer)


def first_page(agreement, **answers):
    """The agreement's first page as an officer sends it: the name, and each element written
    in unless given here."""
    data = {}
    for question in agreement.template.sections[0]["questions"]:
        name = SectionForm.name_for(question["key"])
        if question["type"] == "covered":
            data[name] = "written"
            data[f"{name}__text"] = "As agreed by the partners."
        else:
            data[name] = "Community Safety Partnership"
    data.update(answers)
    return data


def test_it_offers_the_partnerships_own_documents_and_keeps_the_one_chosen(
    agreement, led_partnership, officer, signed_in
):
    constitution = kept(led_partnership, officer, "Constitution 2025")
    kept(PartnershipFactory(name="Another"), officer, "Another partnership's terms")
    client = signed_in(officer)
    page = client.get(f"/assessments/forms/{agreement.pk}/1/").content.decode()
    assert "Constitution 2025" in page
    assert "Another partnership&#x27;s terms" not in page

    name = SectionForm.name_for("1.4")
    response = client.post(
        f"/assessments/forms/{agreement.pk}/1/",
        first_page(agreement, **{name: "document", f"{name}__document": str(constitution.pk),
                                 f"{name}__reference": "Clause 3"}),
    )  # fmt: skip
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.answers["1.4"]["document"] == str(constitution.pk)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert (
        f'href="/register/{led_partnership.pk}/documents/{constitution.pk}/">Constitution 2025</a>'
    ) in page
    assert "Reference: Clause 3" in page


def test_it_asks_which_document_covers_an_element(agreement, led_partnership, officer, signed_in):
    kept(led_partnership, officer, "Constitution 2025")
    name = SectionForm.name_for("1.4")
    response = signed_in(officer).post(
        f"/assessments/forms/{agreement.pk}/1/", first_page(agreement, **{name: "document"})
    )
    assert response.status_code == 200
    assert "Choose the document that covers ‘Legal Status’" in response.content.decode()


def test_it_refuses_another_partnerships_document(agreement, officer):
    elsewhere = kept(PartnershipFactory(name="Another"), officer, "Their terms")
    with pytest.raises(ValidationError, match="partnership's own documents"):
        services.form_save_answers(
            agreement.pk,
            {"1.4": {"value": "document", "document": str(elsewhere.pk)}},
            actor=officer,
        )


def test_it_lists_the_elements_not_yet_covered_on_its_page_and_pdf(agreement, officer, signed_in):
    answers = {
        q["key"]: {"value": "written", "text": "Agreed."}
        for q in agreement.template.questions()
        if q["type"] == "covered"
    }
    answers["1.4"] = {"value": "gap"}
    services.form_save_answers(agreement.pk, answers, actor=officer)
    agreement = CompletedForm.objects.get(pk=agreement.pk)
    assert [q["text"] for q in agreement.gaps()] == ["Legal Status"]

    client = signed_in(officer)
    page = client.get(agreement.get_absolute_url()).content.decode()
    gaps = page[page.index(">Gaps<") : page.index(">Answers<")]
    assert "<li>Legal Status</li>" in gaps
    assert "Aims &amp; Objectives" not in gaps
    text = words(pdf_text(client.get(f"/assessments/forms/{agreement.pk}/pdf/").content))
    assert "Gaps Not covered by a document or written in yet: • Legal Status Answers" in text


def test_it_says_when_every_element_is_covered(agreement, officer, signed_in):
    answers = {
        q["key"]: {"value": "written", "text": "Agreed."}
        for q in agreement.template.questions()
        if q["type"] == "covered"
    }
    services.form_save_answers(agreement.pk, answers, actor=officer)
    page = signed_in(officer).get(agreement.get_absolute_url()).content.decode()
    assert "Every element is covered." in page


def test_it_lists_no_gaps_for_a_form_without_elements(template, led_partnership, officer):
    policy_apply_preset("south-derbyshire")
    form = services.form_start(led_partnership, template.key, actor=officer)
    assert not form.covers_elements
    assert form.gaps() == []
