"""V6: each sampled partnership's checklist starts from what the register shows."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.policy import Policy
from assessments.models import CompletedForm, QuestionnaireTemplate
from audits.checklist import months_before, register_shows
from partnerships.models import Declaration, Document
from tests.factories import (
    PartnershipFactory,
    RepresentativeFactory,
    RiskFactory,
    UserFactory,
)


def shows(partnership, policy=None, today=None):
    return {key: (state, detail) for key, _l, state, detail in register_shows(
        partnership, policy or Policy.from_preset("south-derbyshire"), today)}  # fmt: skip


def test_it_shows_every_item_missing_for_a_bare_record(db):
    found = shows(PartnershipFactory())
    assert {state for state, _ in found.values()} == {"missing"}
    assert "Not recorded: accountable body, lead officer or Member" in found["information_form"][1]
    assert found["declarations"][1] == "No current representatives, so no declarations."


def test_it_shows_what_a_complete_record_holds(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lead = UserFactory(username="lead")
    partnership = PartnershipFactory(
        accountable_body="Lancashire County Council",
        lead_officer=lead,
        sponsor=lead,
        council_role="major",
        date_formed=datetime.date(2019, 4, 1),
        legal_status="unincorporated",
        meeting_frequency="Quarterly",
        exit_strategy="Twelve months' notice.",
    )
    document = Document(partnership=partnership, kind="terms_of_reference",
                        title="Terms of reference 2025", document_date=datetime.date(2025, 1, 1),
                        original_name="tor.pdf", content_type="application/pdf", size=9,
                        uploaded_by=lead)  # fmt: skip
    document.file.save("tor.pdf", ContentFile(b"%PDF-1.7\n"))
    RiskFactory(partnership=partnership)
    RiskFactory(partnership=partnership)
    representative = RepresentativeFactory(partnership=partnership, name="Jo Bloggs")
    RepresentativeFactory(partnership=partnership, finished_on=datetime.date(2024, 1, 1))
    found = shows(partnership)
    assert found["information_form"] == ("present", "Every core field is recorded.")
    assert found["agreement"] == (
        "present",
        "Attached: Terms of reference 2025 (Terms of reference).",
    )
    assert found["risks"] == ("present", "2 risk entries.")
    assert found["exit_strategy"][0] == "present"
    # Only current representatives count.
    assert found["representatives"] == ("present", "1 current representative.")
    assert found["declarations"] == ("missing", "No declaration for: Jo Bloggs.")

    Declaration.objects.create(representative=representative, declared_on=datetime.date.today())
    assert shows(partnership)["declarations"][0] == "present"


def test_it_counts_an_agreement_recorded_without_a_copy(db):
    found = shows(PartnershipFactory(has_agreement=True))
    assert found["agreement"] == (
        "present",
        "Recorded as having an agreement; no copy is attached.",
    )


def _assessment(partnership, submitted_at, key="south-derbyshire-assessment", state="approved"):
    template, _ = QuestionnaireTemplate.objects.get_or_create(
        key=key, version=1,
        defaults={"title": "Partnership Assessment", "council": "C", "source": "S",
                  "kind": "assessment", "definition": {"sections": []}},
    )  # fmt: skip
    return CompletedForm.objects.create(
        template=template,
        partnership=partnership,
        started_by=UserFactory(username="assessor"),
        state=state,
        submitted_at=submitted_at,
    )


def test_it_counts_an_assessment_only_within_the_policys_review_cycle(db):
    # South Derbyshire reviews every partnership each year.
    policy = Policy.from_preset("south-derbyshire")
    months = policy.review_cycle("standard")["months"]
    today = datetime.date(2026, 11, 22)
    partnership = PartnershipFactory()
    old = timezone.make_aware(datetime.datetime(2025, 11, 1, 12))
    _assessment(partnership, old)
    state, detail = shows(partnership, policy, today)["assessment"]
    assert state == "missing"
    assert f"every {months} months" in detail

    _assessment(partnership, timezone.make_aware(datetime.datetime(2026, 3, 3, 12)))
    assert shows(partnership, policy, today)["assessment"] == (
        "present",
        "Partnership Assessment, signed off, submitted 3 March 2026.",
    )


def test_it_ignores_drafts_and_other_forms(db):
    partnership = PartnershipFactory()
    _assessment(partnership, timezone.now(), state="draft")
    _assessment(partnership, timezone.now(), key="melton-toolkit")
    assert shows(partnership)["assessment"][0] == "missing"


def test_it_marks_the_assessment_not_applicable_when_the_policy_has_no_form(db):
    policy = Policy.from_preset("northamptonshire")
    assert shows(PartnershipFactory(), policy)["assessment"][0] == "not_applicable"


def test_it_counts_months_back_to_the_same_day_or_the_months_end():
    assert months_before(datetime.date(2026, 11, 22), 12) == datetime.date(2025, 11, 22)
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 36) == datetime.date(2023, 1, 15)
