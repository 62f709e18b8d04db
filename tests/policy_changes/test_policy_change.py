"""A change of policy on a live register (issue "Every council's own framework", item 7):
from Chorley's demo register to South Derbyshire's policy, the keeper sees what would change
first; applying excludes the contracts and shared services with the reason, re-plans the open
reviews on the new cycles, and touches nothing else."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from accounts.models import Policy, User
from approvals.models import Route, RouteState
from assessments.loader import load_forms
from partnerships.models import Kind, Partnership, Status
from policy_changes.services import policy_change_apply, policy_change_preview
from reviews.models import Review, ReviewState

REASON = "South Derbyshire's register excludes contractual arrangements and shared services."
OUTSIDE = {Kind.CONTRACT, Kind.SHARED_SERVICE}


@pytest.fixture
def chorley(db, settings):
    settings.DEBUG = True  # the demo's accounts load only in development
    load_forms()
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
    assert Policy.current().preset == "chorley"


def keeper():
    return User.objects.get(username="keeper")


def snapshot():
    """Every partnership's fields and history, and every review, as they are now."""
    return {
        "partnerships": {
            p.pk: (p.status, p.exclusion_reason, p.version, p.history.count())
            for p in Partnership.objects.all()
        },
        "reviews": {r.pk: (r.state, r.due, r.label) for r in Review.objects.all()},
        "routes": {r.pk: (r.state, r.steps, r.current_step) for r in Route.objects.all()},
    }


def test_it_shows_what_would_change_and_changes_nothing(chorley):
    before = snapshot()
    preview = policy_change_preview("south-derbyshire")
    outside = Partnership.objects.filter(kind__in=OUTSIDE, status__in=["active", "exiting"])
    assert outside.exists()
    assert {p.pk for p in preview.excluded} == set(outside.values_list("pk", flat=True))
    assert set(preview.kinds_no_longer_held) == {"Contract for services", "Shared service"}
    assert preview.replanned
    assert "Three-yearly review of a key partnership" in preview.forms_no_longer_offered
    assert Policy.current().preset == "chorley"
    assert snapshot() == before


def test_it_excludes_the_contracts_replans_the_reviews_and_touches_nothing_else(chorley):
    before = snapshot()
    preview = policy_change_preview("south-derbyshire")
    excluded = {p.pk for p in preview.excluded}
    moved = {review.pk: plan for review, plan in preview.replanned}
    cancelled = {review.pk for review in preview.cancelled}

    policy_change_apply("south-derbyshire", REASON, actor=keeper())

    assert Policy.current().preset == "south-derbyshire"
    assert Policy.current().history.first().history_user == keeper()
    after = snapshot()
    for pk, (status, reason, version, history) in after["partnerships"].items():
        if pk in excluded:
            assert (status, reason, version) == (
                "excluded",
                REASON,
                before["partnerships"][pk][2] + 1,
            )
            assert Partnership.objects.get(pk=pk).history.first().history_user == keeper()
        else:
            assert (status, reason, version, history) == before["partnerships"][pk]
    for pk, (state, due, label) in after["reviews"].items():
        if pk in cancelled:
            assert state == ReviewState.CANCELLED
        elif pk in moved:
            assert (due, label) == (moved[pk]["due"], moved[pk]["label"])
        else:
            assert (state, due, label) == before["reviews"][pk]
    # Routes under way keep the steps they started with.
    assert after["routes"] == before["routes"]
    assert Route.objects.filter(state=RouteState.IN_PROGRESS).exists()
    # Nothing is left to change: applying the same again finds no work.
    again = policy_change_preview("south-derbyshire")
    assert (again.excluded, again.replanned, again.cancelled) == ([], [], [])


def test_it_asks_for_the_reason_and_writes_nothing_without_it(chorley):
    before = snapshot()
    with pytest.raises(ValidationError):
        policy_change_apply("south-derbyshire", "  ", actor=keeper())
    assert Policy.current().preset == "chorley"
    assert snapshot() == before


def test_only_the_register_keeper_changes_the_policy(chorley):
    with pytest.raises(PermissionDenied):
        policy_change_apply("south-derbyshire", REASON, actor=User.objects.get(username="head"))
    assert Policy.current().preset == "chorley"


def test_its_pages_preview_and_apply(chorley, client):
    client.force_login(keeper())
    choice = client.get("/policy/change/").content.decode()
    assert "South Derbyshire District Council" in choice
    assert 'value="chorley"' not in choice
    chosen = client.post("/policy/change/", {"preset": "south-derbyshire"})
    assert chosen["Location"] == "/policy/change/preview/?preset=south-derbyshire"
    page = client.get(chosen["Location"]).content.decode()
    assert "Veolia" in page
    assert "Nothing has changed yet" in page
    refused = client.post("/policy/change/preview/", {"preset": "south-derbyshire", "reason": ""})
    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode()
    assert "Enter why these records are now excluded" in refused.content.decode()
    assert Policy.current().preset == "chorley"
    done = client.post("/policy/change/preview/", {"preset": "south-derbyshire", "reason": REASON})
    assert done.status_code == 302
    assert Policy.current().preset == "south-derbyshire"
    assert Partnership.objects.filter(status=Status.EXCLUDED, exclusion_reason=REASON).exists()


@pytest.mark.parametrize("size", [3, 30])
def test_its_preview_has_a_query_budget(db, client, size, django_assert_max_num_queries):
    from accounts.roles import Role
    from accounts.services import policy_apply_preset
    from reviews.services import reviews_plan_all
    from tests.budgets import KEEPER_INBOX_QUERIES
    from tests.factories import PartnershipFactory, UserFactory

    policy_apply_preset("chorley")
    PartnershipFactory.create_batch(size, kind=Kind.CONTRACT)
    PartnershipFactory.create_batch(size)
    reviews_plan_all()
    client.force_login(UserFactory(role=Role.REGISTER_KEEPER))
    with django_assert_max_num_queries(14 + KEEPER_INBOX_QUERIES):
        page = client.get("/policy/change/preview/", {"preset": "south-derbyshire"})
    assert page.content.decode().count('class="govuk-table__row"') == 2 * size + 2
