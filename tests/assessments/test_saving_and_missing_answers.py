"""One pattern for saving: "Continue" checks the page, "Save and come back later" saves
whatever was entered; missing answers are rows with "Enter ..." links."""

from accounts.services import policy_apply_preset
from assessments import services


def _start(template, led_partnership, officer):
    policy_apply_preset("south-derbyshire")
    return services.form_start(led_partnership, "test-assessment", actor=officer)


def test_continue_checks_the_section_and_moves_on_only_when_answered(
    template, led_partnership, officer, signed_in
):
    form = _start(template, led_partnership, officer)
    client = signed_in(officer)
    response = client.post(f"/assessments/forms/{form.pk}/2/", {"q_2_1": "4", "continue": "x"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Answer ‘What would help most?’" in page
    form.refresh_from_db()
    assert form.answers == {}, "nothing half-saved"


def test_save_and_come_back_later_saves_an_incomplete_section(
    template, led_partnership, officer, signed_in
):
    form = _start(template, led_partnership, officer)
    client = signed_in(officer)
    response = client.post(f"/assessments/forms/{form.pk}/2/", {"q_2_1": "4", "later": "x"})
    assert response["Location"] == form.get_absolute_url()
    form.refresh_from_db()
    assert form.answers["2.1"]["value"] == 4 or form.answers["2.1"]["value"] == "4"


def test_the_check_page_shows_missing_answers_as_rows_with_enter_links(
    template, led_partnership, officer, signed_in
):
    form = _start(template, led_partnership, officer)
    page = signed_in(officer).get(f"/assessments/forms/{form.pk}/check/").content.decode()
    assert "3 questions still to answer" in page
    assert (
        f'<a class="govuk-link app-missing-answer" href="/assessments/forms/{form.pk}/2/">'
        'Enter an answer<span class="govuk-visually-hidden"> to: What would help most?</span>'
    ) in page
