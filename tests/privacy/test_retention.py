"""The retention schedule: `manage.py apply_retention` anonymises people past their time in
the records and in every history row, and deletes the files of removed documents."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from accounts.policy import Policy, preset_keys
from accounts.roles import Role
from accounts.services import policy_apply_preset
from partnerships.models import Declaration, Document, Representative, Risk, Status
from privacy.retention import NAME_REMOVED, apply_retention
from tests.factories import PartnershipFactory, RepresentativeFactory, RiskFactory, UserFactory

TODAY = date(2033, 6, 1)


@pytest.fixture
def policy(db):
    return policy_apply_preset("south-derbyshire")


def declare(rep, interests):
    return Declaration.objects.create(
        representative=rep, declared_on=rep.started_on, interests=interests, notes="Private note"
    )


def history_values(model, pk, *names):
    return list(model.history.filter(id=pk).values_list(*names))


@pytest.mark.parametrize("key", preset_keys())
def test_every_preset_sets_the_schedule_and_leaves_the_lawful_basis_to_the_council(db, key):
    policy = policy_apply_preset(key)
    policy.refresh_from_db()
    assert policy.retain_representatives_years == 6
    assert policy.retain_ceased_partnerships_years == 6
    assert policy.retain_deleted_documents_years == 6
    assert policy.data_controller == policy.council_name
    assert (policy.lawful_basis, policy.special_category_condition) == ("", "")


def test_it_anonymises_a_representative_six_years_after_their_appointment_ends(policy):
    user = UserFactory(username="former", role=Role.MEMBER)
    gone = RepresentativeFactory(
        name="Cllr Old", user=user, started_on=date(2020, 1, 1), finished_on=date(2027, 5, 31),
        handover_notes="Handed over at the May board",
    )  # fmt: skip
    recent = RepresentativeFactory(
        name="Cllr Recent", started_on=date(2020, 1, 1), finished_on=date(2027, 6, 2)
    )
    current = RepresentativeFactory(name="Cllr Current", started_on=date(2020, 1, 1))
    old_declaration = declare(gone, "Shares in Acme")
    gone.name = "Cllr Old-Renamed"
    gone.save()  # a second history row, to show that every row is scrubbed

    run = apply_retention(today=TODAY)

    assert (run.representatives, run.declarations) == (1, 1)
    gone.refresh_from_db()
    assert (gone.name, gone.user, gone.handover_notes) == (NAME_REMOVED, None, "")
    assert set(history_values(Representative, gone.pk, "name", "user", "handover_notes")) == {
        (NAME_REMOVED, None, "")
    }
    assert Representative.history.filter(id=gone.pk).count() == 3  # created, renamed, removed
    old_declaration.refresh_from_db()
    assert (old_declaration.interests, old_declaration.notes) == ("", "")
    assert set(history_values(Declaration, old_declaration.pk, "interests", "notes")) == {("", "")}
    assert Representative.objects.get(pk=recent.pk).name == "Cllr Recent"
    assert Representative.objects.get(pk=current.pk).name == "Cllr Current"
    # Running it again (it runs every day) finds nothing more to do.
    assert apply_retention(today=TODAY).representatives == 0


def test_it_follows_the_years_the_policy_sets(policy):
    rep = RepresentativeFactory(started_on=date(2020, 1, 1), finished_on=date(2031, 1, 1))
    assert apply_retention(today=TODAY).representatives == 0
    Policy.objects.update(retain_representatives_years=2)
    apply_retention(today=TODAY)
    assert Representative.objects.get(pk=rep.pk).name == NAME_REMOVED


def test_it_anonymises_the_people_of_a_partnership_that_ceased_long_enough_ago(policy):
    ceased = PartnershipFactory(status=Status.ACTIVE)
    rep = RepresentativeFactory(partnership=ceased, name="Sam Current")
    risk = RiskFactory(partnership=ceased, owner="Sam Current")
    ceased.status = Status.CEASED
    ceased.save()
    still_active = PartnershipFactory()
    other = RepresentativeFactory(partnership=still_active, name="Ali Active")
    later = timezone.localdate(ceased.history.latest().history_date) + timedelta(days=6 * 366)

    assert apply_retention(today=later - timedelta(days=10)).representatives == 0
    run = apply_retention(today=later)

    assert (run.representatives, run.risk_owners) == (1, 1)
    assert Representative.objects.get(pk=rep.pk).name == NAME_REMOVED
    assert Risk.objects.get(pk=risk.pk).owner == NAME_REMOVED
    assert set(Risk.history.filter(id=risk.pk).values_list("owner", flat=True)) == {NAME_REMOVED}
    assert Representative.objects.get(pk=other.pk).name == "Ali Active"


def test_it_scrubs_the_history_of_a_representative_deleted_long_ago(policy):
    rep = RepresentativeFactory(name="Deleted Person", started_on=date(2020, 1, 1))
    declaration = declare(rep, "Trustee of a charity")
    pk, declaration_pk = rep.pk, declaration.pk
    rep.delete()
    Representative.history.filter(id=pk).update(
        history_date=timezone.now() - timedelta(days=7 * 366)
    )

    apply_retention(today=timezone.localdate())

    assert set(Representative.history.filter(id=pk).values_list("name", flat=True)) == {
        NAME_REMOVED
    }
    assert set(
        Declaration.history.filter(id=declaration_pk).values_list("interests", flat=True)
    ) == {""}


def test_it_deletes_the_files_of_documents_removed_long_enough_ago(policy, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    partnership = PartnershipFactory()
    uploader = UserFactory(username="uploader", role=Role.REGISTER_KEEPER)

    def stored(title):
        document = Document(
            partnership=partnership, kind="minutes", title=title, document_date=date(2026, 1, 1),
            original_name="m.pdf", content_type="application/pdf", size=9, uploaded_by=uploader,
        )  # fmt: skip
        document.file.save("m.pdf", ContentFile(b"%PDF-1.7\n"))
        return document

    old, recent, kept = stored("Old"), stored("Recent"), stored("Kept")
    old_path, recent_path = old.file.path, recent.file.path
    old_pk = old.pk
    old.delete()
    recent.delete()
    Document.history.filter(id=old_pk).update(history_date=timezone.now() - timedelta(days=2300))

    out = StringIO()
    call_command("apply_retention", stdout=out)

    assert "deleted 1 files of removed documents" in out.getvalue()
    assert not (tmp_path / old_path).exists()
    assert (tmp_path / recent_path).exists()
    assert (tmp_path / kept.file.path).exists()
    assert set(Document.history.filter(id=old_pk).values_list("title", "file")) == {("Old", "")}
