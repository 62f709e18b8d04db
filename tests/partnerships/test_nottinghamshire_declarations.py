"""Nottinghamshire s5: Chief Officers "need to be assured that their representatives on these
bodies have considered" eight things. Each representative's declaration records every one of
them in the framework's words (form 288, confidentiality in both directions, whether issues
of conflict can be balanced); other councils' declarations keep the general checks."""

import pytest
from django.core.exceptions import ValidationError

from accounts.policy import Policy, preset_keys
from accounts.services import policy_apply_preset
from partnerships import services
from partnerships.forms import DeclarationForm
from partnerships.models import Declaration
from tests.factories import RepresentativeFactory

# A phrase of each of section 5's checks, as the framework words it.
SECTION_5 = [
    "legal status of the organisation",
    "form 288",
    "insurance or indemnity",
    "sound financial practices and procedures",
    "conflicts of interest have been identified",
    "conflicts of interest have been declared",
    "general declarations of interest are made at the first meeting",
    "duties of confidentiality in both directions",
    "issues of conflict can be balanced",
    "advice has been taken from legal and financial services",
]


def url(rep):
    return f"/register/{rep.partnership_id}/representatives/{rep.pk}/declarations/add/"


def posted(**checks):
    return {"declared_on_0": "3", "declared_on_1": "3", "declared_on_2": "2026",
            "interests": "Trustee of the body", **checks}  # fmt: skip


def test_it_carries_every_section_5_check_in_the_frameworks_words():
    labels = " ".join(label for _f, label in Declaration.checks_of(
        Policy.from_preset("nottinghamshire"))).lower()  # fmt: skip
    for phrase in SECTION_5:
        assert phrase in labels, phrase


@pytest.mark.parametrize("preset", preset_keys())
def test_it_names_only_checks_the_register_keeps_in_every_preset(preset):
    policy = Policy.from_preset(preset)
    policy.clean()
    assert Declaration.checks_of(policy)


def test_it_keeps_the_general_checks_under_other_councils():
    for preset in set(preset_keys()) - {"nottinghamshire"}:
        checks = Declaration.checks_of(Policy.from_preset(preset))
        assert checks == Declaration.CHECKS
        assert "conflict_balanced" not in dict(checks)


def test_it_refuses_a_check_the_register_does_not_keep():
    policy = Policy.from_preset("nottinghamshire")
    policy.declaration_checks = [{"check": "form_288", "label": "Form 288 filed"}]
    with pytest.raises(KeyError, match="form_288"):
        Declaration.checks_of(policy)


@pytest.mark.parametrize(
    "checks",
    [[{"check": "advice_taken"}], [{"label": "Advice"}], ["advice_taken"],
     [{"check": "advice_taken", "label": "A"}, {"check": "advice_taken", "label": "B"}]],
)  # fmt: skip
def test_it_refuses_malformed_declaration_checks_when_the_policy_is_saved(checks):
    policy = Policy.from_preset("nottinghamshire")
    policy.declaration_checks = checks
    with pytest.raises(ValidationError) as refused:
        policy.clean()
    assert "declaration_checks" in refused.value.message_dict


def test_it_records_whether_conflict_can_be_balanced(db, keeper):
    policy = policy_apply_preset("nottinghamshire")
    rep = RepresentativeFactory(name="Cllr Ann Smith")
    form = DeclarationForm(posted(conflict_balanced="on", companies_house_filed="on"),
                           policy=policy)  # fmt: skip
    assert form.is_valid(), form.errors
    declaration = form.save(commit=False)
    declaration.representative = rep
    services.part_save(rep.partnership_id, declaration, actor=keeper)
    declaration.refresh_from_db()
    assert declaration.conflict_balanced and declaration.companies_house_filed
    assert ("Issues of conflict can be balanced", True) in declaration.checks(policy)
    assert declaration.history.get().conflict_balanced


def test_it_asks_the_section_5_checks_on_the_page(db, signed_in, keeper):
    policy_apply_preset("nottinghamshire")
    rep = RepresentativeFactory(name="Cllr Ann Smith")
    client = signed_in(keeper)
    page = client.get(url(rep)).text
    assert "form 288 filed at Companies House" in page
    assert "Duties of confidentiality in both directions are being observed" in page
    assert "Issues of conflict can be balanced" in page
    response = client.post(url(rep), posted(conflict_balanced="on"))
    assert response.status_code == 302
    assert rep.declarations.get().conflict_balanced


def test_it_does_not_ask_whether_conflict_can_be_balanced_elsewhere(db, signed_in, keeper):
    policy_apply_preset("south-derbyshire")
    rep = RepresentativeFactory(name="Cllr Ann Smith")
    client = signed_in(keeper)
    page = client.get(url(rep)).text
    assert "Duties of confidentiality understood" in page
    assert "conflict can be balanced" not in page and "form 288" not in page
    client.post(url(rep), posted(conflict_balanced="on"))
    assert not rep.declarations.get().conflict_balanced


def test_it_refuses_the_page_to_an_officer_who_does_not_lead_the_partnership(
    db, signed_in, make_user
):
    policy_apply_preset("nottinghamshire")
    rep = RepresentativeFactory(name="Cllr Ann Smith")
    client = signed_in(make_user(username="someone"))
    assert client.get(url(rep)).status_code in (403, 404)
    assert client.post(url(rep), posted(conflict_balanced="on")).status_code in (403, 404)
    assert not rep.declarations.exists()


def test_the_date_of_a_declaration_keeps_its_error_summary(db, signed_in, keeper):
    policy_apply_preset("nottinghamshire")
    rep = RepresentativeFactory()
    response = signed_in(keeper).post(url(rep), {**posted(), "declared_on_1": "13"})
    assert response.status_code == 200 and "There is a problem" in response.text
    assert not rep.declarations.exists()
