"""The "Which form?" radios are tied to their error message, and the title names the
partnership."""

from lxml.html import fromstring

from accounts.services import policy_apply_preset


def test_the_which_form_radios_are_tied_to_their_error(
    template, led_partnership, officer, signed_in
):
    policy_apply_preset("south-derbyshire")
    response = signed_in(officer).post(f"/assessments/partnership/{led_partnership.pk}/new/", {})
    html = response.content.decode()
    document = fromstring(html)
    fieldset = document.xpath("//fieldset[.//input[@name='template']]")[0]
    error = document.get_element_by_id(fieldset.get("aria-describedby"))
    assert "govuk-error-message" in error.get("class")
    assert f"<title>Error: Complete a form: {led_partnership.name} –" in html
