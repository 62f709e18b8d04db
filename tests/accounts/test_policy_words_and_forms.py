"""U1 and A2-A7: each preset's own words, and the forms it names for each purpose."""

import importlib

import pytest

from accounts.policy import FORM_PURPOSES, WORD_FIELDS, Policy, lower_first, preset_keys
from accounts.services import policy_apply_preset
from assessments.loader import read_forms

FORMS = {form["key"]: form for form in read_forms()}


@pytest.mark.parametrize("key", preset_keys())
def test_it_gives_every_preset_its_own_words(key):
    policy = Policy.from_preset(key)
    for field in WORD_FIELDS:
        # Words a council's framework may simply not have.
        if field not in {"meeting_place_example", "agreement_copy_ask"}:
            assert getattr(policy, field), f"{key} has no {field}"


@pytest.mark.parametrize("key", preset_keys())
def test_it_names_only_loaded_forms_of_the_council_or_the_general_ones(key):
    policy = Policy.from_preset(key)
    assert set(policy.forms_by_purpose()) <= set(FORM_PURPOSES)
    for form_key in policy.offered_forms():
        assert form_key in FORMS, f"{key} names {form_key}, which is not in assessments/forms"
        assert FORMS[form_key]["council"] in ("", policy.council_name), (
            f"{key} uses {form_key}, {FORMS[form_key]['council']}'s form"
        )


@pytest.mark.parametrize("key", preset_keys())
def test_it_evaluates_a_partnership_being_left_on_a_form_every_preset_has(key):
    policy = Policy.from_preset(key)
    assert policy.cessation_form in policy.offered_forms()
    assert policy.cessation_form in policy.evaluation_forms


def test_it_offers_south_derbyshire_its_appendices_and_melton_its_checklist_and_toolkit():
    assert Policy.from_preset("south-derbyshire").offered_forms() == [
        "south-derbyshire-agreement",
        "south-derbyshire-assessment",
        "south-derbyshire-evaluation",
        "south-derbyshire-risk-checklist",
    ]
    assert Policy.from_preset("melton").offered_forms() == [
        "melton-checklist",
        "melton-toolkit",
        "exit-evaluation",
    ]
    assert Policy.from_preset("nottinghamshire").forms_by_purpose()["self_assessment"] == [
        "nottinghamshire-standards"
    ]


def test_it_says_what_the_significant_tier_means_only_where_it_differs():
    melton = Policy.from_preset("melton")
    assert melton.tier_consequences() == ""
    chorley = Policy.from_preset("chorley")
    assert chorley.tier_consequences() == (
        "its proposal goes to Executive Cabinet and it is reported on to Executive Cabinet "
        "every 6 months"
    )
    assert "reviewed more often" not in chorley.tier_consequences()
    # Two cycles of different lengths: the significant tier is reviewed more often.
    chorley.reviews["cycles"]["significant"]["months"] = 12
    assert "it is reviewed more often" in chorley.tier_consequences()


def test_it_keeps_the_case_of_a_label_with_an_acronym_inside_a_sentence():
    assert lower_first("Annual report to CMT") == "annual report to CMT"
    assert lower_first("CMT review") == "CMT review"
    assert lower_first("Key partnership") == "key partnership"


def test_it_names_the_place_hints_give_only_where_the_council_has_one():
    assert "Swadlincote" in Policy.from_preset("south-derbyshire").meeting_place_hint()
    assert Policy.from_preset("chorley").meeting_place_hint() == (
        "For example, the council's offices, or online"
    )


def test_it_fills_in_the_words_and_forms_of_a_policy_applied_before_they_existed(db):
    """The migration: a Melton policy applied earlier, borrowing South Derbyshire's
    evaluation checklist, takes Melton's words and the general cessation form."""
    from django.apps import apps

    policy = policy_apply_preset("melton")
    reviews = dict(policy.reviews, evaluation_form="south-derbyshire-evaluation")
    Policy.objects.filter(pk=policy.pk).update(senior_team_short="SMT", forms={}, reviews=reviews)
    migration = importlib.import_module("accounts.migrations.0010_policy_words_and_forms")
    migration.fill_from_preset(apps, None)
    policy.refresh_from_db()
    assert policy.senior_team_short == "Management Team"
    assert policy.cessation_form == "exit-evaluation"
    assert policy.evaluation_form == ""
