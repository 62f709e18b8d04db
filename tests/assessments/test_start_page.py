"""The "Which form?" radios are tied to their error message, and the title names the
partnership."""

from lxml.html import fromstring

from accounts.policy import Policy
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from assessments.models import CompletedForm
from assessments.services import form_start
from tests.pdf import pdf_text, words


def test_the_which_form_radios_are_tied_to_their_error(
    template, led_partnership, officer, signed_in
):
    load_forms()
    policy_apply_preset("south-derbyshire")
    response = signed_in(officer).post(f"/assessments/partnership/{led_partnership.pk}/new/", {})
    html = response.content.decode()
    document = fromstring(html)
    fieldset = document.xpath("//fieldset[.//input[@name='template']]")[0]
    error = document.get_element_by_id(fieldset.get("aria-describedby"))
    assert "govuk-error-message" in error.get("class")
    assert f"<title>Error: Complete a form: {led_partnership.name} –" in html


def test_it_offers_only_the_policys_own_forms(led_partnership, officer, signed_in):
    """A2-A7: Melton is offered its checklist, its toolkit and the general cessation form,
    not the fifteen forms of five councils."""
    load_forms()
    policy_apply_preset("melton")
    html = signed_in(officer).get(f"/assessments/partnership/{led_partnership.pk}/new/")
    offered = fromstring(html.content.decode()).xpath("//input[@name='template']/@value")
    assert offered == ["melton-checklist", "melton-toolkit", "exit-evaluation"]


def test_it_refuses_another_councils_form(led_partnership, officer, signed_in):
    load_forms()
    policy_apply_preset("melton")
    response = signed_in(officer).post(
        f"/assessments/partnership/{led_partnership.pk}/new/",
        {"template": "south-derbyshire-assessment"},
    )
    assert response.status_code == 200
    assert "Select the form to complete" in response.content.decode()
    assert not CompletedForm.objects.exists()


def test_it_still_opens_and_prints_a_form_of_an_earlier_policy_as_answered(
    led_partnership, officer, signed_in
):
    load_forms()
    form = form_start(led_partnership, "south-derbyshire-assessment", actor=officer)
    policy_apply_preset("melton")
    client = signed_in(officer)
    page = client.get(form.get_absolute_url()).content.decode()
    assert "Partnership Assessment" in page
    assert "South Derbyshire District Council, version 2" in page
    pdf = words(pdf_text(client.get(f"/assessments/forms/{form.pk}/pdf/").content))
    assert "South Derbyshire District Council’s form, version 2" in pdf


def test_it_prints_the_general_cessation_form_as_nobody_elses(led_partnership, officer, signed_in):
    """Melton's cessation PDF no longer calls itself South Derbyshire's form."""
    load_forms()
    policy_apply_preset("melton")
    form = form_start(led_partnership, Policy.current().cessation_form, actor=officer)
    pdf = words(pdf_text(signed_in(officer).get(f"/assessments/forms/{form.pk}/pdf/").content))
    assert "The portal’s general form, version 1" in pdf
    assert "South Derbyshire" not in pdf
    assert "Melton Borough Council" in pdf
