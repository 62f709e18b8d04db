"""Adding, classifying and editing register records (R1, R2, R3, R5, R7, R9, R12, U2)."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from accounts.services import policy_apply_preset
from partnerships import services
from partnerships.models import Kind, Partnership, Representative, Status, Tier
from tests.budgets import KEEPER_INBOX_QUERIES, RECORD_QUERIES
from tests.factories import (
    PartnershipFactory,
    RepresentativeFactory,
    RiskFactory,
    ServiceFactory,
    StrategicObjectiveFactory,
)


@pytest.fixture
def sd_policy(db):
    return policy_apply_preset("south-derbyshire")


def classify(client, **fields):
    data = {
        "name": "Derbyshire Community Safety Partnership",
        "kind": "partnership",
        "lead_service": ServiceFactory(name="Community Safety").pk,
        "remit": "To reduce crime and disorder.",
        "exclusion_reason": "",
    }
    data.update(fields)
    return client.post("/register/new/", data)


def test_it_adds_a_partnership_to_the_register_with_a_reference(sd_policy, signed_in, keeper):
    response = classify(signed_in(keeper))
    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/register/{partnership.pk}/"
    assert partnership.status == Status.ACTIVE
    assert partnership.reference == "P0001"
    assert partnership.history.get().history_user == keeper


def test_a_kind_the_policy_does_not_hold_is_kept_as_excluded_with_the_reason(
    sd_policy, signed_in, keeper
):
    # South Derbyshire's register excludes contracts and shared services.
    client = signed_in(keeper)
    response = classify(client, name="Leisure management contract", kind="contract")
    assert response.status_code == 200
    assert "Give the reason a contract for services is kept out of the register" in (
        response.content.decode()
    )
    assert not Partnership.objects.exists()

    classify(
        client,
        name="Leisure management contract",
        kind="contract",
        exclusion_reason="A contract for services, managed through procurement.",
    )
    excluded = Partnership.objects.get()
    assert excluded.status == Status.EXCLUDED
    assert excluded.exclusion_reason == "A contract for services, managed through procurement."

    # Excluded arrangements stay out of the register but can be listed.
    def listed(**filters):
        return [p.name for p in client.get("/register/", filters).context["page"].object_list]

    assert listed() == []
    assert listed(status="excluded") == ["Leisure management contract"]


def test_chorleys_register_holds_contracts(db, signed_in, keeper):
    policy_apply_preset("chorley")
    classify(signed_in(keeper), name="Veolia", kind="contract")
    assert Partnership.objects.get().status == Status.ACTIVE


@pytest.mark.parametrize("role", [r for r in Role if r != Role.REGISTER_KEEPER])
def test_only_the_register_keeper_adds_partnerships(sd_policy, signed_in, make_user, role):
    client = signed_in(make_user(role))
    assert classify(client).status_code == 403
    assert not Partnership.objects.exists()


def edit_data(partnership, **changes):
    data = {
        "version": partnership.version,
        "name": partnership.name,
        "remit": partnership.remit,
        "lead_service": partnership.lead_service_id,
        "engagement": "full",
        "council_role": "major",
        "legal_status": "unincorporated",
        "date_formed_0": "",
        "date_formed_1": "",
        "date_formed_2": "",
        "proposed_end_date_0": "",
        "proposed_end_date_1": "",
        "proposed_end_date_2": "",
    }
    data.update(changes)
    return data


def test_the_keeper_edits_every_field_and_history_names_them(sd_policy, signed_in, keeper):
    partnership = PartnershipFactory(name="Select Move")
    objective = StrategicObjectiveFactory(name="A strong local economy")
    client = signed_in(keeper)
    response = client.post(
        f"/register/{partnership.pk}/edit/",
        edit_data(
            partnership,
            remit="A sub-regional choice based lettings scheme.",
            accountable_body="Lancashire County Council",
            strategic_objectives=[objective.pk],
            date_formed_0="1",
            date_formed_1="4",
            date_formed_2="2008",
            meeting_frequency="Monthly",
        ),
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.remit == "A sub-regional choice based lettings scheme."
    assert partnership.date_formed.isoformat() == "2008-04-01"
    assert list(partnership.strategic_objectives.all()) == [objective]
    assert partnership.version == 2

    history = client.get(f"/register/{partnership.pk}/history/").content.decode()
    assert "Main purpose or remit" in history
    assert "A sub-regional choice based lettings scheme." in history
    assert "Accountable body" in history
    assert "Strategic objectives" in history
    assert "A strong local economy" in history
    assert "1 April 2008" in history
    assert keeper.display_name in history
    assert "accountable_body" not in history  # labels, not column names


def test_bad_input_gets_an_error_summary_and_saves_nothing(sd_policy, signed_in, keeper):
    partnership = PartnershipFactory(name="Select Move")
    response = signed_in(keeper).post(
        f"/register/{partnership.pk}/edit/",
        edit_data(
            partnership,
            name="",
            date_formed_0="31",
            date_formed_1="2",
            date_formed_2="2020",
            rank_set_policy="7",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "Enter the name of the partnership" in body
    assert "Enter a real date" in body
    assert "Enter a rank from 1 to 4" in body
    partnership.refresh_from_db()
    assert partnership.name == "Select Move"
    assert partnership.version == 1


def test_a_second_save_from_an_old_copy_is_refused_and_shows_what_changed(
    sd_policy, signed_in, keeper, make_user
):
    """Lost updates: two people open the same record; the second save overwrites nothing."""
    officer = make_user(Role.OFFICER, first_name="Sam", last_name="Patel")
    partnership = PartnershipFactory(name="Select Move", lead_officer=officer)
    opened_version = partnership.version
    services.partnership_update(
        partnership.pk, opened_version, remit="Changed by the lead officer.", actor=officer
    )
    response = signed_in(keeper).post(
        f"/register/{partnership.pk}/edit/",
        edit_data(partnership, version=opened_version, remit="Changed by the keeper."),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this partnership since you opened it" in body
    assert "Sam Patel changed this partnership" in body
    assert "Changed by the lead officer." in body
    partnership.refresh_from_db()
    assert partnership.remit == "Changed by the lead officer."


def test_the_stale_edit_service_writes_nothing(sd_policy, keeper):
    partnership = PartnershipFactory()
    services.partnership_update(partnership.pk, 1, remit="First", actor=keeper)
    with pytest.raises(services.StaleEdit) as raised:
        services.partnership_update(partnership.pk, 1, remit="Second", actor=keeper)
    assert ("Main purpose or remit", partnership.remit, "First") in raised.value.changes
    partnership.refresh_from_db()
    assert partnership.remit == "First"
    assert partnership.history.count() == 2


def test_a_lead_officer_edits_their_own_partnership_only(sd_policy, signed_in, officer):
    own = PartnershipFactory(lead_officer=officer)
    other = PartnershipFactory()
    client = signed_in(officer)
    assert client.get(f"/register/{own.pk}/edit/").status_code == 200
    assert client.get(f"/register/{other.pk}/edit/").status_code == 403
    response = client.post(f"/register/{other.pk}/edit/", edit_data(other, remit="Mine now"))
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.remit != "Mine now"
    # The record page offers the edit links only where they work.
    assert "Change the record" in client.get(f"/register/{own.pk}/").content.decode()
    assert "Change the record" not in client.get(f"/register/{other.pk}/").content.decode()


def test_services_refuse_actors_without_the_right(sd_policy, make_user):
    partnership = PartnershipFactory()
    auditor = make_user(Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        services.partnership_update(partnership.pk, 1, remit="x", actor=auditor)
    with pytest.raises(PermissionDenied):
        services.partnership_create(
            name="x", kind=Kind.PARTNERSHIP, lead_service=ServiceFactory(), remit="x", actor=auditor
        )


@pytest.mark.parametrize(
    ("preset", "answers", "tier", "label"),
    [
        ("south-derbyshire", {"statutory": "no", "additional_resources": "yes",
                              "accountable_body": "no"}, Tier.SIGNIFICANT,
         "Significant partnership"),
        ("south-derbyshire", {"statutory": "no", "additional_resources": "no",
                              "accountable_body": "no"}, Tier.STANDARD, "Other partnership"),
        ("northamptonshire", {"statutory_services": "no", "strategic_priorities": "no",
                              "reputational_risk": "yes"}, Tier.SIGNIFICANT,
         "Significant partnership"),
        ("chorley", {"strategic_objectives": "no", "reliance": "no", "financial_value": "yes",
                     "resources": "no", "commitment": "no", "innovation_risk": "no"},
         Tier.SIGNIFICANT, "Key partnership"),
        ("melton", {"accountable_body": "no", "lead_organisation": "no",
                    "beyond_delegation": "no", "new_resources": "no"}, Tier.STANDARD,
         "Other partnership"),
        ("nottinghamshire", {"larger": "no", "strategic": "yes", "contractual": "no"},
         Tier.SIGNIFICANT, "Strategic partnership"),
    ],
)  # fmt: skip
def test_the_tier_follows_each_policys_test_and_keeps_its_answers(
    db, signed_in, keeper, preset, answers, tier, label
):
    policy_apply_preset(preset)
    partnership = PartnershipFactory()
    client = signed_in(keeper)
    form = client.get(f"/register/{partnership.pk}/tier/").content.decode()
    response = client.post(f"/register/{partnership.pk}/tier/", answers)
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.tier == tier
    recorded = {a["key"]: a["answer"] for a in partnership.tier_answers["answers"]}
    assert recorded == {key: value == "yes" for key, value in answers.items()}
    assert partnership.tier_answers["policy"] == preset
    assert label in client.get(f"/register/{partnership.pk}/").content.decode()
    assert all(a["question"] in form for a in partnership.tier_answers["answers"])


def test_the_tier_needs_every_answer(sd_policy, signed_in, keeper):
    partnership = PartnershipFactory()
    response = signed_in(keeper).post(f"/register/{partnership.pk}/tier/", {"statutory": "yes"})
    assert "Answer yes or no" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.tier_answers == {}


def test_risks_are_scored_on_the_policys_matrix(sd_policy, signed_in, keeper):
    partnership = PartnershipFactory()
    client = signed_in(keeper)
    response = client.post(
        f"/register/{partnership.pk}/risks/add/",
        {
            "description": "The lead partner loses its funding.",
            "likelihood": "3",
            "impact": "4",
            "owner": "Head of Community Safety",
            "controls": "Quarterly finance reports.",
            "escalate_to_corporate_register": "on",
        },
    )
    assert response.status_code == 302
    risk = partnership.risks.get()
    assert risk.score == 12
    page = client.get(f"/register/{partnership.pk}/").content.decode()
    assert "High (3 × 4)" in page
    assert "Escalated to the corporate risk register" in page
    partnership.refresh_from_db()
    assert partnership.version == 2


def test_a_risk_outside_the_matrix_is_refused(sd_policy, signed_in, keeper):
    partnership = PartnershipFactory()
    response = signed_in(keeper).post(
        f"/register/{partnership.pk}/risks/add/",
        {"description": "x", "likelihood": "9", "impact": "1", "owner": "y"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not partnership.risks.exists()


def test_parts_of_another_partnership_cannot_be_reached(sd_policy, signed_in, keeper):
    partnership = PartnershipFactory()
    other_risk = RiskFactory()
    client = signed_in(keeper)
    assert client.get(f"/register/{partnership.pk}/risks/{other_risk.pk}/edit/").status_code == 404
    response = client.post(f"/register/{partnership.pk}/risks/{other_risk.pk}/delete/")
    assert response.status_code == 404
    assert other_risk.__class__.objects.filter(pk=other_risk.pk).exists()


def test_removing_a_part_keeps_it_in_history(sd_policy, signed_in, keeper):
    risk = RiskFactory(description="Loss of grant")
    client = signed_in(keeper)
    assert client.get(f"/register/{risk.partnership_id}/risks/{risk.pk}/delete/").status_code == 200
    client.post(f"/register/{risk.partnership_id}/risks/{risk.pk}/delete/")
    assert not risk.__class__.objects.filter(pk=risk.pk).exists()
    history = client.get(f"/register/{risk.partnership_id}/history/").content.decode()
    assert "Removed: risk" in history
    assert "Loss of grant" in history


def test_a_representative_is_replaced_with_a_handover(sd_policy, signed_in, keeper):
    outgoing = RepresentativeFactory(name="Cllr Ann Smith", started_on="2022-05-01")
    client = signed_in(keeper)
    response = client.post(
        f"/register/{outgoing.partnership_id}/representatives/{outgoing.pk}/replace/",
        {
            "name": "Cllr Bob Jones",
            "kind": "member",
            "role": "representative",
            "started_on_0": "1",
            "started_on_1": "6",
            "started_on_2": "2026",
            "handover_brief_given": "on",
            "handover_joint_meeting": "on",
        },
    )
    assert response.status_code == 302
    outgoing.refresh_from_db()
    incoming = Representative.objects.get(name="Cllr Bob Jones")
    assert outgoing.finished_on.isoformat() == "2026-06-01"
    assert incoming.replaces == outgoing
    assert incoming.handover_brief_given and not incoming.handover_documents_passed
    page = client.get(f"/register/{outgoing.partnership_id}/").content.decode()
    assert "replaced Cllr Ann Smith" in page
    # A former representative cannot be replaced again.
    again = client.get(
        f"/register/{outgoing.partnership_id}/representatives/{outgoing.pk}/replace/"
    )
    assert again.status_code == 404


def test_a_declaration_is_recorded_for_a_representative(sd_policy, signed_in, keeper):
    rep = RepresentativeFactory(name="Cllr Ann Smith")
    client = signed_in(keeper)
    response = client.post(
        f"/register/{rep.partnership_id}/representatives/{rep.pk}/declarations/add/",
        {
            "declared_on_0": "3",
            "declared_on_1": "3",
            "declared_on_2": "2026",
            "interests": "Trustee of a local charity that bids for grants",
            "legal_status_checked": "on",
            "insurance_in_place": "on",
            "conflicts_declared": "on",
        },
    )
    assert response.status_code == 302
    declaration = rep.declarations.get()
    assert declaration.insurance_in_place and not declaration.companies_house_filed
    assert declaration.history.get().history_user == keeper
    page = client.get(f"/register/{rep.partnership_id}/").content.decode()
    assert "Trustee of a local charity" in page


def test_the_keeper_maintains_the_strategic_objectives(sd_policy, signed_in, keeper):
    client = signed_in(keeper)
    client.post("/register/objectives/", {"name": "Clean, safe and healthy communities",
                                          "position": "1", "active": "on"})  # fmt: skip
    response = client.post("/register/objectives/", {"name": "Clean, safe and healthy communities",
                                                     "position": "2", "active": "on"})  # fmt: skip
    assert "already in the list" in response.content.decode()
    objective = StrategicObjectiveFactory._meta.model.objects.get()
    client.post(
        f"/register/objectives/{objective.pk}/edit/",
        {"name": "Clean, safe and healthy communities", "position": "1"},
    )
    objective.refresh_from_db()
    assert objective.active is False
    assert objective.history.count() == 2


@pytest.mark.parametrize("size", [1, 10])
def test_the_record_page_query_count_does_not_grow_with_its_parts(
    size, sd_policy, signed_in, keeper, django_assert_max_num_queries
):
    partnership = PartnershipFactory()
    for _ in range(size):
        RiskFactory(partnership=partnership)
        rep = RepresentativeFactory(partnership=partnership)
        rep.declarations.create(declared_on="2026-01-01", interests="None")
        partnership.partner_organisations.create(name=f"Partner {_}")
        partnership.resources.create(financial_year="2026/27", kind="funding", amount=100)
        partnership.strategic_objectives.add(StrategicObjectiveFactory())
    client = signed_in(keeper)
    client.get("/")
    with django_assert_max_num_queries(RECORD_QUERIES + KEEPER_INBOX_QUERIES):
        response = client.get(f"/register/{partnership.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("edits", [2, 20])
def test_the_history_page_query_count_does_not_grow_with_history(
    edits, sd_policy, signed_in, keeper, django_assert_max_num_queries
):
    partnership = PartnershipFactory()
    for n in range(edits):
        partnership = services.partnership_update(
            partnership.pk, partnership.version, remit=f"Remit {n}", actor=keeper
        )
        RiskFactory(partnership=partnership)
    client = signed_in(keeper)
    client.get("/")
    with django_assert_max_num_queries(15 + KEEPER_INBOX_QUERIES):
        response = client.get(f"/register/{partnership.pk}/history/")
    assert response.status_code == 200
    assert f"Remit {edits - 1}" in response.content.decode()


def test_references_keep_counting_past_four_digits(db):
    PartnershipFactory(reference="P9999")
    PartnershipFactory(reference="P0042")
    assert services.next_reference() == "P10000"
    PartnershipFactory(reference="P10000")
    assert services.next_reference() == "P10001"


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [("/register-review/", "/register-review/"), ("https://elsewhere.example/", None)],
)
def test_it_goes_back_where_it_was_asked_to_only_within_the_portal(
    sd_policy, signed_in, keeper, next_url, lands_on
):
    partnership = PartnershipFactory()
    client = signed_in(keeper)
    response = client.post(
        f"/register/{partnership.pk}/edit/?next={next_url}",
        edit_data(partnership, meeting_frequency="Twice a year"),
    )
    assert response.status_code == 302
    assert response["Location"] == (lands_on or partnership.get_absolute_url())


def test_it_shows_each_representatives_latest_declaration_only(sd_policy, signed_in, keeper):
    rep = RepresentativeFactory(name="Cllr Ann Smith")
    rep.declarations.create(declared_on="2025-01-01", interests="Governor of Oak School")
    rep.declarations.create(declared_on="2026-02-01", interests="Trustee of Elm Trust")
    RepresentativeFactory(partnership=rep.partnership, name="Jo Bloggs")
    page = signed_in(keeper).get(f"/register/{rep.partnership_id}/").content.decode()
    assert "1 Feb 2026: Trustee of Elm Trust" in page
    assert "Governor of Oak School" not in page
    assert "None recorded" in page
