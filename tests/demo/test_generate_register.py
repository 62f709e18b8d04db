import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from accounts.roles import Role
from partnerships.models import (
    PartnerOrganisation,
    Partnership,
    Representative,
    Resource,
    Risk,
    Status,
)

pytestmark = pytest.mark.django_db


def generate(count, *args):
    with override_settings(DEBUG=True):
        call_command("generate_register", str(count), *args, stdout=None)


def test_it_makes_partnerships_with_their_parts_and_history():
    generate(40, "--seed", "7")
    partnerships = Partnership.objects.all()
    assert partnerships.count() == 40
    for partnership in partnerships:
        partnership.full_clean()
        created = partnership.history.get(history_type="+")
        assert created.history_user.role == Role.REGISTER_KEEPER
        assert partnership.history.count() == partnership.version
        assert partnership.partner_organisations.exists()
        assert partnership.representatives.exists()
        assert partnership.resources.exists()
    for model in [PartnerOrganisation, Representative, Risk, Resource]:
        assert model.history.filter(history_type="+").count() == model.objects.count()
    links = Partnership.strategic_objectives.through.objects.count()
    assert links > 0
    m2m_history = apps.get_model("partnerships", "HistoricalPartnership_strategic_objectives")
    assert m2m_history.objects.count() >= links
    assert partnerships.filter(status=Status.EXCLUDED).exclude(exclusion_reason="").exists()


def test_the_same_seed_makes_the_same_register():
    generate(10, "--seed", "3")
    first = list(Partnership.objects.order_by("reference").values_list("reference", "name"))
    Partnership.objects.all().delete()
    generate(10, "--seed", "3")
    again = list(Partnership.objects.order_by("reference").values_list("reference", "name"))
    assert again == first


def test_running_it_again_adds_to_the_register():
    generate(15)
    generate(15)
    references = list(Partnership.objects.values_list("reference", flat=True))
    assert len(set(references)) == 30
    assert sorted(references) == [f"P{n:05d}" for n in range(1, 31)]
    assert Partnership.objects.values("name", "lead_service").distinct().count() == 30


def test_it_refuses_to_run_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_register", "5")
    assert Partnership.objects.count() == 0
    call_command("generate_register", "5", "--allow-without-debug", stdout=None)
    assert Partnership.objects.count() == 5
