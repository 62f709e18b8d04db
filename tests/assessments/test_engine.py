"""Questionnaires as data (A1, A3, A5, A7)."""

import tomllib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Outcome, Route
from approvals.services import route_decide
from assessments import services
from assessments.loader import FORMS_DIR, TemplateError, check_definition, load_forms
from assessments.models import CompletedForm, FormState, QuestionnaireTemplate
from assessments.scoring import prompts_for_action, scores_for
from tests.budgets import KEEPER_INBOX_QUERIES
from tests.factories import PartnershipFactory, UserFactory


def answer(value, evidence=""):
    return {"value": value, "evidence": evidence}


def test_every_shipped_form_loads_and_loading_again_adds_nothing(db):
    created, _ = load_forms()
    assert len(created) == len(list(FORMS_DIR.glob("*.toml")))
    created_again, unchanged = load_forms()
    assert created_again == []
    assert len(unchanged) == len(created)


def test_a_changed_form_needs_a_new_version(db, tmp_path, form_definition):
    path = tmp_path / "form.toml"
    path.write_text(
        'key = "k"\nversion = 1\ntitle = "T"\ncouncil = "C"\nsource = "S"\nkind = "checklist"\n'
        '[[sections]]\ntitle = "One"\n[[sections.questions]]\nkey = "a"\ntext = "Q?"\n'
        'type = "yes_no"\n'
    )
    load_forms(tmp_path)
    path.write_text(path.read_text().replace("Q?", "Changed question?"))
    with pytest.raises(TemplateError, match="new version number"):
        load_forms(tmp_path)
    path.write_text(path.read_text().replace("version = 1", "version = 2"))
    created, _ = load_forms(tmp_path)
    assert [t.version for t in created] == [2]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sections"][0]["questions"][0].update(type="stars"), "unknown type"),
        (lambda d: d["sections"][0]["questions"][0].update(scale="none"), "names no scale"),
        (lambda d: d["sections"][1]["questions"][0].update(key="1.1"), "used twice"),
        (lambda d: d.pop("council"), "'council' is missing"),
        (
            lambda d: d["scales"]["standard"].update(prompt_action_at_or_below=5),
            "prompts for an action at a rating it does not have",
        ),
        (
            lambda d: d["scales"]["standard"].update(prompt_action_at_or_below="2"),
            "prompts for an action at a rating it does not have",
        ),
    ],
)
def test_mistakes_in_a_form_file_are_said_plainly(form_definition, change, message):
    change(form_definition)
    with pytest.raises(TemplateError, match=message):
        check_definition(form_definition)


def test_scores_are_given_per_area_and_in_total(template):
    scores = scores_for(template, {"1.1": answer("3"), "2.1": answer("1")})
    assert scores["total"] == 4
    assert scores["maximum"] == 8
    assert [(g["name"], g["score"], g["maximum"]) for g in scores["groups"]] == [
        ("Shared vision", 3, 4),
        ("Clear roles", 1, 4),
    ]
    assert [q["key"] for q in prompts_for_action(template, {"2.1": answer("1")})] == ["2.1"]


def complete(officer, partnership, answers=None):
    form = services.form_start(partnership, "test-assessment", actor=officer)
    services.form_save_answers(
        form.pk,
        answers
        or {"1.1": answer("3", "Minutes of May"), "2.1": answer("2"), "2.2": answer("Training")},
        actor=officer,
    )
    return form


def test_a_submitted_form_is_locked_scored_and_signed_off_along_the_route(
    template, led_partnership, officer, make_user
):
    policy_apply_preset("south-derbyshire")
    head = make_user(Role.HEAD_OF_SERVICE, username="head", service=officer.service)
    keeper = make_user(Role.REGISTER_KEEPER)
    form = complete(officer, led_partnership)
    form = services.form_submit(form.pk, actor=officer)
    assert form.state == FormState.SUBMITTED
    assert form.scores["total"] == 5
    with pytest.raises(ValidationError):
        services.form_save_answers(form.pk, {"2.2": answer("Changed")}, actor=officer)
    route = Route.objects.get(kind="assessment")
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed", actor=head)
    route_decide(route.pk, 1, Outcome.APPROVED, "Filed", actor=keeper)
    form.refresh_from_db()
    assert form.state == FormState.SIGNED_OFF


def test_a_form_cannot_be_submitted_with_questions_unanswered(template, led_partnership, officer):
    form = complete(officer, led_partnership, {"1.1": answer("3")})
    with pytest.raises(ValidationError):
        services.form_submit(form.pk, actor=officer)


def test_only_those_who_may_edit_the_partnership_complete_forms(template, led_partnership):
    auditor = UserFactory(username="auditor", role=Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        services.form_start(led_partnership, "test-assessment", actor=auditor)


def test_an_old_form_still_shows_the_questions_it_was_answered_against(
    template, led_partnership, officer, signed_in, form_definition
):
    form = complete(officer, led_partnership)
    changed = form_definition
    changed["version"] = 2
    changed["sections"][0]["questions"][0]["text"] = "A reworded question"
    changed["scales"]["standard"]["labels"][2] = "A relabelled point"
    QuestionnaireTemplate.objects.create(
        key=changed["key"], version=2, title="Partnership Assessment", council="SD",
        source="Appendix 3", kind="assessment", definition=changed,
    )  # fmt: skip
    page = signed_in(officer).get(f"/assessments/forms/{form.pk}/").content.decode()
    assert "The partners share a vision" in page
    assert "3: Mostly in place" in page
    assert "A reworded question" not in page
    assert "A relabelled point" not in page
    new_form = services.form_start(led_partnership, "test-assessment", actor=officer)
    assert new_form.template.version == 2


def test_a_new_assessment_can_start_from_the_last_one(template, led_partnership, officer):
    first = complete(officer, led_partnership)
    services.form_submit(first.pk, actor=officer)
    second = services.form_start(led_partnership, "test-assessment", copy_last=True, actor=officer)
    assert second.answers["2.2"] == answer("Training")
    assert second.copied_from == first


def test_the_pages_save_each_section_prompt_for_actions_and_submit(
    template, led_partnership, officer, signed_in
):
    policy = policy_apply_preset("south-derbyshire")
    # The test's own small form, offered as one of the policy's checklists.
    policy.forms["checklists"] = ["test-assessment"]
    policy.save()
    client = signed_in(officer)
    response = client.post(
        f"/assessments/partnership/{led_partnership.pk}/new/", {"template": "test-assessment"}
    )
    form_url = response["Location"].rsplit("/", 2)[0]
    response = client.post(response["Location"], {"q_1_1": "1", "q_1_1__evidence": "None yet"})
    assert response["Location"].endswith("/2/")
    message = client.get(response["Location"]).content.decode()
    assert "add an action" in message
    client.post(response["Location"], {"q_2_1": "4", "q_2_2": "More meetings"})
    check = client.get(f"{form_url}/check/").content.decode()
    assert "1: Not in place" in check and "None yet" in check
    response = client.post(f"{form_url}/check/")
    page = client.get(response["Location"]).content.decode()
    assert "Submitted for sign-off" in page
    assert "Total 5 out of 8" in page
    assert "Clear roles" in page
    assert client.get(f"{form_url}/1/").status_code == 403


def test_a_bad_number_gets_an_error_summary(db, form_definition, led_partnership, officer,
                                            signed_in):  # fmt: skip
    form_definition["sections"][1]["questions"][1]["type"] = "money"
    QuestionnaireTemplate.objects.create(
        key="test-assessment", version=1, title="T", council="C", source="S", kind="x",
        definition=form_definition,
    )  # fmt: skip
    form = services.form_start(led_partnership, "test-assessment", actor=officer)
    response = signed_in(officer).post(f"/assessments/forms/{form.pk}/2/", {"q_2_2": "lots"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    form.refresh_from_db()
    assert form.answers == {}


@pytest.mark.parametrize("extra", [0, 10])
def test_the_forms_list_query_count_does_not_grow(
    db, extra, form_definition, signed_in, keeper, django_assert_max_num_queries
):
    policy = policy_apply_preset("south-derbyshire")
    for n in range(extra + 1):
        QuestionnaireTemplate.objects.create(
            key=f"form-{n}", version=1, title="T", council="C", source="S", kind="x",
            definition=form_definition,
        )  # fmt: skip
    # Half the forms are the policy's; the others were completed under an earlier policy.
    policy.forms["checklists"] = [f"form-{n}" for n in range(0, extra + 1, 2)]
    policy.save()
    partnership = PartnershipFactory()
    for template in QuestionnaireTemplate.objects.exclude(key__in=policy.forms["checklists"]):
        CompletedForm.objects.create(template=template, partnership=partnership, started_by=keeper)
    client = signed_in(keeper)
    client.get("/")
    # The policy's forms, and those of an earlier policy.
    with django_assert_max_num_queries(6 + KEEPER_INBOX_QUERIES):
        assert client.get("/assessments/templates/").status_code == 200


def test_the_form_files_are_valid_toml_with_unique_keys():
    keys = []
    for path in FORMS_DIR.glob("*.toml"):
        with path.open("rb") as f:
            keys.append(tomllib.load(f)["key"])
    assert len(keys) == len(set(keys))


def test_the_register_shows_and_filters_by_the_latest_score(
    template, led_partnership, officer, signed_in
):
    from tests.factories import PartnershipFactory

    policy_apply_preset("south-derbyshire")
    unscored = PartnershipFactory(name="Unscored partnership")
    old = complete(officer, led_partnership, {"1.1": answer("4"), "2.1": answer("4"),
                                              "2.2": answer("x")})  # fmt: skip
    services.form_submit(old.pk, actor=officer)
    new = services.form_start(led_partnership, "test-assessment", actor=officer)
    services.form_save_answers(new.pk, {"1.1": answer("1"), "2.1": answer("2"),
                                                 "2.2": answer("y")}, actor=officer)  # fmt: skip
    services.form_submit(new.pk, actor=officer)
    client = signed_in(officer)
    page = client.get("/register/").content.decode()
    assert "3 of 8" in page  # the latest, not the earlier 8 of 8

    def listed(score):
        response = client.get("/register/", {"score": score})
        return [p.name for p in response.context["page"].object_list]

    assert listed("low") == [led_partnership.name]
    assert listed("high") == []
    assert listed("none") == [unscored.name]
