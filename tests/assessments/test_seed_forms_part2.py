"""The Melton and Nottinghamshire form files: they follow the template schema and say what the
councils' documents say (assessments/forms/README.md)."""

import tomllib
from pathlib import Path

import pytest

FORMS_DIR = Path(__file__).resolve().parents[2] / "assessments" / "forms"

ANSWER_TYPES = {
    "rating",
    "yes_no_dont_know",
    "yes_no",
    "text",
    "number",
    "money",
    "date",
    "ranking",
    "documents",
    "choice",
    "covered",
}
KINDS = {
    "agreement",
    "checklist",
    "assessment",
    "evaluation",
    "self_assessment",
    "pre_partnership",
    "report",
}

# What each form should hold, from a reading of the councils' documents: the sections in
# order as (key, number of questions), and every scale's labels.
EXPECTED = {
    # Melton Partnership Protocol, Appendix B - Partnership Checklist.
    "melton-checklist.toml": {
        "sections": [
            # Header table: Partnership, Other potential members, Have they all agreed to
            # participate?, Officer, Date completed, Assessed by, Date assessed.
            ("partnership", 7),
            # POLICY ISSUES: ten questions, from "What is the issue of service improvement" to
            # "Is there already a partnership in place with a similar remit".
            ("policy", 10),
            # PRACTICAL ISSUES: twelve Yes / No / Don't Know rows ("Are there clear procedures
            # for making / Decisions and resolving conflict?" is one row split by a page break).
            ("practical", 12),
            # Head of Service, Management Team sign off, Date.
            ("sign-off", 3),
        ],
        "scales": {},
    },
    # Melton Partnership Protocol, Appendix C - Partnership Evaluation Toolkit.
    "melton-toolkit.toml": {
        "sections": [
            # PARTNERSHIP DETAILS: name, main functions ranked (1)-(4), other (please state),
            # statutory, the "Resources available to the partnership" table (streamlining,
            # budget, staff, influence over resources, other), name of reviewer, date.
            ("details", 11),
            # Self-Assessment Inventory: each principle's rated questions plus the six prompts
            # (Things we do well ... What things we should stop doing).
            ("1", 6 + 6),  # 1. Action Focus: 1.1-1.6
            ("2", 6 + 6),  # 2. Efficiency: 2.1-2.5 and the unnumbered lifetime question
            ("3", 5 + 6),  # 3. Inclusivity: five garbled rows, 3.1-3.5
            ("4", 5 + 6),  # 4. Learning and Development: 4.1-4.5
            ("5", 5 + 6),  # 5. Performance Management: 5.1-5.5
            # Summary assessment sheet ("Proposal to Management Team").
            ("summary", 2),
        ],
        "scales": {
            # "Responses please rank below (1) to (5)", printed above every principle.
            "inventory": [
                "No or don't know",
                "Yes, sometimes but not consistently",
                "Yes, but there is room to improve",
                "Yes and we can demonstrate real benefits",
                "We are excellent at this improvement is not a priority",
            ],
        },
    },
    # Nottinghamshire Partnerships Management Framework, 3.1.1: five things the review checks,
    # and a summary of the review.
    "nottinghamshire-stage1-review.toml": {
        "sections": [("3.1.1", 6)],
        "scales": {},
    },
    # Nottinghamshire Partnerships Management Framework, 4.1: the senior partnership sponsor
    # and the ten bullets the pre-partnership agreement "should also" cover.
    "nottinghamshire-pre-partnership-agreement.toml": {
        "sections": [("4.1", 11)],
        "scales": {},
    },
    # Nottinghamshire Partnerships Management Framework, 5: eight things representatives on
    # outside bodies must have considered.
    "nottinghamshire-outside-bodies.toml": {
        "sections": [("5", 8)],
        "scales": {},
    },
    # Nottinghamshire Partnerships Management Framework, Appendix A: six standards with
    # 4, 4, 4, 2, 2 and 2 bullets. The appendix gives no scale; this one is the portal's.
    "nottinghamshire-standards.toml": {
        "sections": [("A1", 4), ("A2", 4), ("A3", 4), ("A4", 2), ("A5", 2), ("A6", 2)],
        "scales": {
            "excellence": [
                "Not yet in place",
                "Working towards the standard",
                "Standard reached",
                "Excellent: standard reached and embedded",
            ],
        },
    },
}

FILES = sorted(EXPECTED)


def load(name):
    with (FORMS_DIR / name).open("rb") as f:
        return tomllib.load(f)


def questions(form):
    return [q for section in form["sections"] for q in section.get("questions", [])]


def section(form, key):
    return next(s for s in form["sections"] if s["key"] == key)


@pytest.mark.parametrize("name", FILES)
def test_form_file_parses_and_names_itself_after_its_file(name):
    form = load(name)
    for field in ["key", "version", "title", "council", "source", "kind", "sections"]:
        assert form.get(field), f"{name}: {field} missing"
    assert form["key"] == name.removesuffix(".toml")
    assert isinstance(form["version"], int) and form["version"] >= 1
    assert form["kind"] in KINDS


@pytest.mark.parametrize("name", FILES)
def test_every_question_has_key_text_and_a_known_type(name):
    form = load(name)
    for section_ in form["sections"]:
        assert section_.get("key") and section_.get("title")
        for question in section_["questions"]:
            assert question.get("key") and question.get("text"), question
            assert question.get("type") in ANSWER_TYPES, question["key"]


@pytest.mark.parametrize("name", FILES)
def test_question_keys_are_unique_within_the_form(name):
    keys = [q["key"] for q in questions(load(name))]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("name", FILES)
def test_rating_questions_name_a_scale_the_form_defines(name):
    form = load(name)
    scales = form.get("scales", {})
    for question in questions(form):
        if question["type"] == "rating":
            assert question.get("scale") in scales, question["key"]
        if question["type"] in {"ranking", "choice"}:
            assert question.get("options"), question["key"]
    for scale in scales.values():
        threshold = scale.get("prompt_action_at_or_below", 1)
        assert 1 <= threshold < len(scale["labels"])


@pytest.mark.parametrize("name", FILES)
def test_sections_and_question_counts_match_the_councils_document(name):
    form = load(name)
    found = [(s["key"], len(s["questions"])) for s in form["sections"]]
    assert found == EXPECTED[name]["sections"]


@pytest.mark.parametrize("name", FILES)
def test_scale_labels_are_exactly_those_expected(name):
    scales = load(name).get("scales", {})
    assert {key: scale["labels"] for key, scale in scales.items()} == EXPECTED[name]["scales"]


def test_melton_checklist_practical_issues_are_yes_no_dont_know_with_attachments_as_evidence():
    # Appendix B: "Please attach" is printed under the rows on critical partners, the
    # vision/mission statement, objectives, terms of reference and the SMART plan.
    practical = section(load("melton-checklist.toml"), "practical")["questions"]
    assert {q["type"] for q in practical} == {"yes_no_dont_know"}
    attach = [q["key"] for q in practical if q.get("evidence")]
    assert attach == [f"practical.{n}" for n in range(2, 7)]
    assert all(q.get("help") == "Please attach" for q in practical if q.get("evidence"))


def test_melton_checklist_asks_whether_the_council_is_the_accountable_body_as_yes_no():
    policy = section(load("melton-checklist.toml"), "policy")["questions"]
    by_text = {q["text"]: q["type"] for q in policy}
    assert by_text["Is the Council to be the accountable body?"] == "yes_no"
    assert by_text["Why does this require a partnership approach?"] == "text"


def test_melton_checklist_sign_offs_are_optional_and_say_the_approval_route_records_them():
    form = load("melton-checklist.toml")
    sign_off = section(form, "sign-off")["questions"]
    assert [q["text"] for q in sign_off] == ["Head of Service", "Management Team sign off", "Date"]
    assert not any(q.get("required", True) for q in sign_off)
    assert "approval route" in form["description"]


def test_melton_toolkit_rates_27_inventory_questions_across_the_five_principles():
    # Appendix C says "28 questions"; its tables hold 6 + 6 + 5 + 5 + 5.
    form = load("melton-toolkit.toml")
    principles = {
        "1": "Action focus",
        "2": "Efficiency",
        "3": "Inclusivity",
        "4": "Learning and development",
        "5": "Performance management",
    }
    rated = 0
    for key, name in principles.items():
        section_ = section(form, key)
        assert section_["title"] == name
        assert section_["score_group"] == name
        ratings = [q for q in section_["questions"] if q["type"] == "rating"]
        assert {q["scale"] for q in ratings} == {"inventory"}
        assert all(q["key"].startswith(f"{key}.") for q in ratings)
        rated += len(ratings)
    assert rated == 27


def test_melton_toolkit_follows_every_principle_with_the_six_prompts_in_the_councils_words():
    prompts = [
        "Things we do well.",
        "What things we could do better.",
        "Recent improvements we have made.",
        "What things should we start doing.",
        "Our innovative approaches.",
        "What things we should stop doing.",
    ]
    form = load("melton-toolkit.toml")
    for key in ["1", "2", "3", "4", "5"]:
        tail = section(form, key)["questions"][-6:]
        assert [q["text"] for q in tail] == prompts
        assert {q["type"] for q in tail} == {"text"}


def test_melton_toolkit_ranks_the_main_functions_set_policy_service_delivery_networking_other():
    details = section(load("melton-toolkit.toml"), "details")["questions"]
    ranking = next(q for q in details if q["type"] == "ranking")
    assert ranking["options"] == [
        "Set policy",
        "Service delivery",
        "Networking",
        "Other (please state)",
    ]


def test_melton_toolkit_marks_garbled_and_unnumbered_inventory_questions_as_reconstructed():
    # Inclusivity's table came out garbled; Efficiency's sixth row has no number.
    form = load("melton-toolkit.toml")
    reconstructed = {q["key"] for q in questions(form) if q.get("reconstructed")}
    assert {"2.6", "3.1", "3.2", "3.3", "3.4", "3.5"} <= reconstructed
    assert not any(k.startswith(("1.", "4.", "5.")) for k in reconstructed)


def test_nottinghamshire_stage1_review_checks_each_point_yes_no_dont_know_with_evidence():
    checks = load("nottinghamshire-stage1-review.toml")["sections"][0]["questions"]
    assert [q["type"] for q in checks] == ["yes_no_dont_know"] * 5 + ["text"]
    assert all(q.get("evidence") for q in checks[:5])


def test_nottinghamshire_outside_bodies_starts_with_legal_status_and_companies_house_form_288():
    checks = load("nottinghamshire-outside-bodies.toml")["sections"][0]["questions"]
    assert "form 288" in checks[0]["text"]
    assert checks[1]["text"] == "That insurance or indemnity is in place"
    assert all(q["type"] == "yes_no_dont_know" and q.get("evidence") for q in checks)


def test_nottinghamshire_pre_partnership_agreement_names_a_sponsor_then_covers_each_element():
    form = load("nottinghamshire-pre-partnership-agreement.toml")
    agreement = form["sections"][0]["questions"]
    assert "senior partnership sponsor" in agreement[0]["text"]
    assert {q["type"] for q in agreement[1:]} == {"covered"}
    assert agreement[-1]["text"].startswith("Ensure that there is a document")


def test_nottinghamshire_standards_rate_every_bullet_with_evidence_on_a_reconstructed_scale():
    form = load("nottinghamshire-standards.toml")
    for question in questions(form):
        assert question["type"] == "rating"
        assert question["scale"] == "excellence"
        assert question.get("evidence") is True
        assert "no rating scale" in question["reconstructed"]
