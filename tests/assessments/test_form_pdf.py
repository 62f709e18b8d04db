"""A completed form as a PDF (A8): what a committee paper needs from it, and who may have it."""

import datetime
import io
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.timezone import localtime

from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Decision, Outcome, Route
from approvals.services import route_decide
from assessments import services
from assessments.form_pdf import printed_rows
from assessments.management.commands.sample_pdfs import MELTON, SOUTH_DERBYSHIRE
from assessments.models import Action, CompletedForm, QuestionnaireTemplate
from core import pdf
from partnerships.models import Document, Status
from tests.pdf import ends_with_a_blank_page, pdf_text, with_a_blank_page_added, words

ANSWERS = {
    "1.1": {"value": "3", "evidence": "Minutes of the board, May 2026"},
    "2.1": {"value": "2", "evidence": "Terms of reference, section 4"},
    "2.2": {"value": "Training for new board members"},
}


@pytest.fixture
def people(officer, make_user):
    policy_apply_preset("south-derbyshire")
    officer.first_name, officer.last_name, officer.job_title = "Olive", "Officer", "Safer Places"
    officer.save()
    return {
        "officer": officer,
        "head": make_user(Role.HEAD_OF_SERVICE, username="head", first_name="Hana",
                          last_name="Head", service=officer.service),
        "keeper": make_user(Role.REGISTER_KEEPER, username="keeper", first_name="Kit",
                            last_name="Keeper"),
    }  # fmt: skip


def started(people, partnership, answers=ANSWERS):
    form = services.form_start(partnership, "test-assessment", actor=people["officer"])
    services.form_save_answers(form.pk, answers, actor=people["officer"])
    return form


def submitted(people, partnership, answers=ANSWERS):
    form = started(people, partnership, answers)
    return services.form_submit(form.pk, actor=people["officer"])


def add_action(people, form, description, **fields):
    action = Action(
        description=description,
        owner=people["officer"],
        deadline=fields.pop("deadline", datetime.date(2027, 3, 31)),
        **fields,
    )
    return services.action_save(form.pk, action, actor=people["officer"])


@pytest.fixture
def signed_off(template, led_partnership, people):
    form = submitted(people, led_partnership)
    add_action(
        people,
        form,
        "Agree the roles of each partner in writing",
        question_key="2.1",
        term=Action.Term.LONGER,
        measures="Roles signed by every partner",
        status=Action.Status.IN_PROGRESS,
    )
    route = Route.objects.get(kind="assessment")
    route_decide(
        route.pk, 0, Outcome.APPROVED, "A fair picture of the board.", actor=people["head"]
    )
    route_decide(route.pk, 1, Outcome.APPROVED, "Filed with the register.", actor=people["keeper"])
    form.refresh_from_db()
    return form


def download(client, user, form):
    client.force_login(user)
    return client.get(reverse("assessments:form_pdf", args=[form.pk]))


def text_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def after(text, first, then):
    """Whether `then` is printed after `first`."""
    return text.index(first) < text.index(then, text.index(first))


def test_a_signed_off_form_prints_its_questions_answers_scores_actions_and_sign_offs(
    client, people, signed_off, template
):
    pages = text_of(download(client, people["keeper"], signed_off)).split("\f")
    text = words(" ".join(pages))

    assert Policy.current().council_name in text
    assert "South Derbyshire District Council’s form, version 1" in text
    assert "Partnership Assessment" in text
    assert "Community Safety Partnership" in text
    assert "SIGNED OFF" in text
    assert "DRAFT" not in text

    for question in template.questions():
        assert question["text"] in text
    assert after(text, "Shared vision", "The partners share a vision")
    assert after(text, "The partners share a vision", "3: Mostly in place")
    assert after(text, "3: Mostly in place", "Evidence: Minutes of the board, May 2026")
    assert after(text, "Roles are clear", "2: Partly in place")
    assert "Evidence: Terms of reference, section 4" in text
    assert after(text, "What would help most?", "Training for new board members")

    assert "Total 5 out of 8" in text
    assert "Shared vision 3 4 75%" in text
    assert "Clear roles 2 4 50%" in text
    assert "Total 5 8 62%" in text

    assert after(text, "Action plan", "Agree the roles of each partner in writing")
    assert "Arising from: Clear roles" in text
    assert "Measures or milestones: Roles signed by every partner" in text
    assert "Medium or longer term" in text
    assert "Olive Officer" in text
    assert "Safer Places" in text
    assert "31 Mar 2027" in text
    assert "In progress" in text

    decisions = list(Decision.objects.order_by("pk"))
    assert len(decisions) == 2
    assert [d.decider_name for d in decisions] == ["Hana Head", "Kit Keeper"]
    sign_off = text[text.index("Sign-off") :]
    for decision in decisions:
        assert decision.decider_name in sign_off
        assert decision.comment in sign_off
        # Once as the step's name, once under the decider's.
        assert sign_off.count(decision.decider_role) == 2
    assert f"Signed off on {localtime(signed_off.signed_off_at):%-d %B %Y}" in text

    assert "Page 1 of" in text
    # The running header, from the second page on.
    assert len(pages) > 1
    assert "Community Safety Partnership" in pages[1]
    assert "Partnership Assessment" in pages[1]


def test_it_is_an_attachment_named_for_the_council_form_and_partnership(client, people, signed_off):
    response = download(client, people["officer"], signed_off)
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    reference = signed_off.partnership.reference.lower()
    assert (
        f"south-derbyshire-district-council-partnership-assessment-{reference}-"
        "community-safety-partnership.pdf" in disposition
    )


def test_what_people_type_is_printed_as_text_and_nothing_is_fetched(
    client, people, template, led_partnership, monkeypatch, settings
):
    hostile = '<b>Bold</b> <img src="http://example.com/x.png"> & <script>alert(1)</script>'
    hostile_evidence = '<link rel="stylesheet" href="file:///etc/passwd">'
    form = submitted(
        people,
        led_partnership,
        {**ANSWERS, "2.2": {"value": hostile}, "1.1": {"value": "4", "evidence": hostile_evidence}},
    )
    asked = []
    fetch = pdf.StaticFilesOnly.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(pdf.StaticFilesOnly, "fetch", spy)
    text = words(text_of(download(client, people["officer"], form)))

    assert hostile in text
    assert f"Evidence: {hostile_evidence}" in text
    static = f"{pdf.BASE_URL.rstrip('/')}{settings.STATIC_URL}"
    assert asked == [f"{static}pdf/print.css"]


def test_a_form_still_being_completed_is_marked_as_a_draft_with_its_scores_so_far(
    client, people, template, led_partnership
):
    form = started(people, led_partnership, {"1.1": {"value": "4"}})
    text = words(text_of(download(client, people["officer"], form)))
    assert "DRAFT" in text
    assert "Total 4 out of 8. Worked out from the answers so far" in text
    assert after(text, "Roles are clear", "Not answered")
    assert "No actions have been added." in text
    assert "Not yet submitted for sign-off." in text


def test_a_submitted_form_says_whose_decision_it_waits_for(
    client, people, template, led_partnership
):
    form = submitted(people, led_partnership)
    text = words(text_of(download(client, people["head"], form)))
    assert "SUBMITTED FOR SIGN-OFF" in text
    assert "DRAFT" not in text
    head_label = Policy.current().role_label(Role.HEAD_OF_SERVICE)
    assert f"Awaiting a decision at: {head_label}." in text


def test_answers_kept_as_codes_are_printed_in_words(
    client, people, led_partnership, form_definition, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    agreement = Document(
        partnership=led_partnership, kind=Document.Kind.AGREEMENT, title="Partnership agreement",
        document_date=datetime.date(2025, 6, 1), original_name="agreement.pdf",
        content_type="application/pdf", size=9, uploaded_by=people["officer"],
    )  # fmt: skip
    agreement.file.save("agreement.pdf", ContentFile(b"%PDF-1.7\n"))
    form_definition["sections"][1]["questions"] = [
        {"key": "2.1", "text": "Is there a budget?", "type": "yes_no_dont_know"},
        {"key": "2.2", "text": "How much is it?", "type": "money"},
        {"key": "2.3", "text": "How many staff?", "type": "number"},
        {"key": "2.4", "text": "When was it agreed?", "type": "date"},
        {"key": "2.5", "text": "Terms of reference", "type": "covered"},
        {"key": "2.6", "text": "Exit strategy", "type": "covered"},
        {"key": "2.7", "text": "Which documents set out the governance?", "type": "documents"},
    ]
    QuestionnaireTemplate.objects.create(
        key="test-assessment", version=1, title="Partnership Assessment",
        council="South Derbyshire District Council", source="Appendix 3", kind="assessment",
        definition=form_definition,
    )  # fmt: skip
    form = started(
        people,
        led_partnership,
        {
            "1.1": {"value": "4"},
            "2.1": {"value": "dont_know"},
            "2.2": {"value": "12500.00"},
            "2.3": {"value": "3.00"},
            "2.4": {"value": "2026-03-12"},
            "2.5": {"value": "document", "reference": "Agreement, clause 7", "text": ""},
            "2.6": {"value": "written", "reference": "", "text": "Six months' notice."},
            "2.7": {"value": [str(agreement.pk), str(agreement.pk + 100)]},
        },
    )
    text = words(text_of(download(client, people["officer"], form)))
    assert after(text, "Is there a budget?", "Don't know")
    assert after(text, "How much is it?", "£12,500.00")
    assert after(text, "How many staff?", "3")
    assert after(text, "When was it agreed?", "12 March 2026")
    assert after(text, "Terms of reference", "Covered by an attached document")
    assert "Document and reference: Agreement, clause 7" in text
    assert after(text, "Exit strategy", "Written in here Six months' notice.")
    assert after(
        text,
        "Which documents set out the governance?",
        "Partnership agreement A document no longer kept with the record",
    )
    assert "dont_know" not in text


def test_sections_carry_the_councils_own_numbers_and_none_for_a_word(
    people, led_partnership, form_definition
):
    form_definition["sections"][0]["key"] = "details"
    form_definition["sections"][1]["key"] = "4a"
    QuestionnaireTemplate.objects.create(
        key="test-assessment", version=1, title="Partnership Assessment", council="C",
        source="S", kind="assessment", definition=form_definition,
    )  # fmt: skip
    form = started(people, led_partnership)
    assert [row["number"] for row in printed_rows(form)] == ["", "4a"]


def test_a_long_action_plan_runs_on_with_its_header_row_and_loses_no_action(
    client, people, signed_off
):
    descriptions = [f"Action number {n} of the plan" for n in range(1, 41)]
    for description in descriptions:
        add_action(people, signed_off, description, measures="A measure " * 12)
    pages = text_of(download(client, people["officer"], signed_off)).split("\f")
    plan = [words(page) for page in pages if "Action number" in page]
    assert len(plan) > 1
    assert all("Action and measures" in page for page in plan)
    text = " ".join(plan)
    assert all(description in text for description in descriptions)


def test_the_forms_page_links_to_its_pdf(client, people, template, led_partnership):
    form = started(people, led_partnership)
    client.force_login(people["keeper"])
    page = client.get(reverse("assessments:form", args=[form.pk])).content.decode()
    assert f'href="{reverse("assessments:form_pdf", args=[form.pk])}">Download as a PDF' in page


def test_a_form_on_a_partnership_not_on_the_register_is_not_found(
    client, people, template, led_partnership
):
    form = started(people, led_partnership)
    led_partnership.status = Status.DRAFT
    led_partnership.save()
    assert download(client, people["keeper"], form).status_code == 404


def test_someone_signed_out_is_sent_to_sign_in(client, people, template, led_partnership):
    form = started(people, led_partnership)
    response = client.get(reverse("assessments:form_pdf", args=[form.pk]))
    assert response.status_code == 302


def test_the_sample_command_prints_both_samples_signed_off_and_keeps_no_data(db, tmp_path):
    call_command("sample_pdfs", output=str(tmp_path), stdout=io.StringIO())
    south_derbyshire = words(pdf_text((tmp_path / SOUTH_DERBYSHIRE["file"]).read_bytes()))
    melton = words(pdf_text((tmp_path / MELTON["file"]).read_bytes()))
    assert "South Derbyshire District Council" in south_derbyshire
    assert "Total 30 out of 40" in south_derbyshire
    assert "Signed off on 16 February 2026" in south_derbyshire
    assert "Melton Borough Council" in melton
    assert "Partnership Evaluation Toolkit" in melton
    assert "Minute MT/2026/23" in melton
    # Every question as asked, with its answer and the deciders' names.
    assert "Does the Partnership have a clear, agreed long-term vision" in melton
    assert "Head of Service" in melton and "Head of Service" in south_derbyshire
    # And they turn into page images, as a committee paper's PDF must.
    for name in [SOUTH_DERBYSHIRE["file"], MELTON["file"]]:
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", str(tmp_path / name), str(tmp_path / name[:-4])],
            check=True,
            timeout=60,
        )
    for name in [SOUTH_DERBYSHIRE["file"], MELTON["file"]]:
        pages = sorted(tmp_path.glob(f"{name[:-4]}*.png"))
        assert len(pages) >= 2, name
        assert all(page.read_bytes().startswith(b"\x89PNG") for page in pages)
    # A committee paper ends on its last words, not on a blank page.
    for name in [SOUTH_DERBYSHIRE["file"], MELTON["file"]]:
        printed = (tmp_path / name).read_bytes()
        assert not ends_with_a_blank_page(printed), name
        assert ends_with_a_blank_page(with_a_blank_page_added(printed))
    assert not CompletedForm.objects.exists()
    assert not Policy.objects.exists()


def test_each_question_heads_its_answer_in_the_tagged_structure_with_xmp_metadata(
    client, people, signed_off
):
    from accounts.models import Policy
    from tests.pdf import structure

    tagged = structure(download(client, people["keeper"], signed_off).content)
    questions = sum(len(s.get("questions", [])) for s in signed_off.template.sections)
    assert tagged["question_rows"] >= questions
    assert "/LBody" not in tagged["types"]
    council = Policy.current().council_name
    assert tagged["title"].endswith(f"{signed_off.partnership.name} – {council}")
    assert tagged["language"] == {"en-GB"}
    assert tagged["authors"] == [council]


def test_it_shows_each_features_previous_rating_beside_the_current_one(
    client, people, template, led_partnership
):
    # An annual assessment (001) is compared with the year before feature by feature.
    submitted(people, led_partnership, {**ANSWERS, "1.1": {"value": "1"}})
    latest = submitted(people, led_partnership, ANSWERS)
    client.force_login(people["officer"])
    page = client.get(latest.get_absolute_url()).content.decode()
    assert "Previous assessment: 1: Not in place" in page
    assert "Previous assessment: 2: Partly in place" in page
    text = words(text_of(download(client, people["officer"], latest)))
    assert "3: Mostly in place Previous assessment: 1: Not in place" in text


def test_it_shows_no_previous_rating_on_the_first_assessment(
    client, people, template, led_partnership
):
    first = submitted(people, led_partnership)
    client.force_login(people["officer"])
    assert "Previous assessment:" not in client.get(first.get_absolute_url()).content.decode()
    assert "Previous assessment:" not in words(text_of(download(client, people["officer"], first)))
