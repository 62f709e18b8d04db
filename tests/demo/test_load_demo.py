import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.inbox import differences
from accounts.models import Policy, Service, User
from accounts.policy import load_preset, preset_keys
from partnerships.models import PartnerOrganisation, Partnership, StrategicObjective
from proposals.models import Proposal

pytestmark = pytest.mark.django_db

PRESETS = preset_keys()


def load(council, **options):
    out = StringIO()
    call_command("load_demo", "--council", council, stdout=out, **options)
    return out.getvalue()


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True  # the demo's accounts load only in development


def places(preset):
    """The words that name a council and its places, as its preset spells them."""
    data = load_preset(preset)
    name = data["council"]["name"]
    found = {name, re.sub(r"\s+(Borough |District |County )?Council$", "", name)}
    place = data.get("words", {}).get("meeting_place_example", "")
    if "," in place:
        found.add(place.rsplit(",", 1)[1].strip())
    return found


def demo_text():
    """Everything the demo wrote that a page, email or PDF might show as the council's own."""
    texts = []
    for p in Partnership.objects.all():
        texts += [p.name, p.remit, p.monitoring_arrangements, p.accountable_body, p.exit_strategy]
    texts += list(PartnerOrganisation.objects.values_list("name", flat=True))
    texts += list(StrategicObjective.objects.values_list("name", flat=True))
    texts += list(Service.objects.values_list("name", flat=True))
    texts += list(User.objects.values_list("job_title", flat=True))
    return "\n".join(t or "" for t in texts)


def record_counts():
    """How many rows each model, and each history table, holds."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "admin.", "contenttypes."))
    }


@pytest.mark.parametrize("council", PRESETS)
def test_it_loads_a_register_of_the_councils_own(council):
    load(council)
    policy = Policy.current()
    assert policy.preset == council
    assert Partnership.objects.filter(status="active").count() >= 5
    assert {p.kind for p in Partnership.objects.all()} <= set(policy.register_kinds)
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize("council", PRESETS)
def test_it_shows_no_other_councils_names(council):
    load(council)
    text = demo_text()
    for other in PRESETS:
        if other == council:
            continue
        for word in places(other):
            assert word not in text, f"{word!r} appears in the {council} demo"


@pytest.mark.parametrize("council", PRESETS)
def test_it_prints_the_demo_users_with_the_councils_role_names(council):
    out = load(council)
    policy = Policy.current()
    for user in User.objects.all():
        assert f"{user.display_name}, {policy.role_label(user.role)}" in out


@pytest.mark.parametrize("council", PRESETS)
def test_it_adds_nothing_when_run_again(council):
    load(council)
    before = record_counts()
    load(council)
    assert record_counts() == before


@pytest.mark.parametrize("council", PRESETS)
def test_it_leaves_the_inbox_matching_the_records(council):
    load(council)
    assert differences() == []


def test_it_loads_chorleys_register_by_default():
    call_command("load_demo", stdout=StringIO())
    assert Policy.current().preset == "chorley"
    assert Partnership.objects.filter(name="The Chorley Partnership (LSP)").exists()


def test_it_refuses_a_council_it_does_not_know():
    with pytest.raises(CommandError, match="No council called 'atlantis'"):
        load("atlantis")
    assert not Partnership.objects.exists()


def test_it_refuses_a_second_council_on_a_loaded_database():
    first, second = PRESETS[0], PRESETS[1]
    load(first)
    before = record_counts()
    with pytest.raises(CommandError, match="fresh database"):
        load(second)
    assert Policy.current().preset == first
    assert record_counts() == before


# Their documents name no partnership of their own, so every name says it is an example.
@pytest.mark.parametrize("council", ["melton", "nottinghamshire", "south-derbyshire"])
def test_it_marks_the_examples_of_councils_whose_documents_name_none(council):
    load(council)
    names = list(Partnership.objects.values_list("name", flat=True))
    names += list(PartnerOrganisation.objects.values_list("name", flat=True))
    assert names
    assert all(name.startswith("Example: ") for name in names)
