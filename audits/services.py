"""Every change to a spot check (V6) is a function here: each checks the actor's right and
the spot check's state, runs in one transaction, locks the spot check's row and leaves a
history record naming the actor."""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.policy import Policy
from core.history import save_with_history
from partnerships.models import Partnership

from . import sampling
from .access import can_change, can_draw, can_update_action
from .checklist import register_shows
from .models import (
    ChecklistItem,
    Finding,
    FollowUpAction,
    Outcome,
    SampledPartnership,
    SpotCheck,
    SpotCheckState,
)

if TYPE_CHECKING:
    from accounts.models import User

COMPLETED = "This spot check has been completed and can no longer be changed"


def _lock(spot_check_id: int, *, actor: "User"):
    spot_check = SpotCheck.objects.select_for_update().get(pk=spot_check_id)
    if not can_change(actor, spot_check):
        raise PermissionDenied
    if spot_check.is_completed:
        raise ValidationError(COMPLETED)
    return spot_check


def _touch(spot_check, actor):
    spot_check.version += 1
    save_with_history(spot_check, actor=actor, update_fields=["version"])


@transaction.atomic
def spot_check_draw(
    title: str, sample_size: int, filters, seed: int | None = None, *, actor: "User"
):
    """Draws the sample and records how (seed, filters, population), with a checklist for
    each partnership pre-filled with what the register shows today."""
    if not can_draw(actor):
        raise PermissionDenied
    population = sampling.population(filters)
    if not population:
        raise ValidationError(
            "No partnerships match these filters: change them to draw a sample", code="empty"
        )
    if sample_size > len(population):
        raise ValidationError(
            f"Only {len(population)} partnership{'s' if len(population) != 1 else ''} "
            f"match these filters: draw a sample of {len(population)} or fewer",
            code="too_large",
        )
    seed = seed or sampling.new_seed()
    sample = sampling.draw(population, seed, sample_size)
    spot_check = save_with_history(
        SpotCheck(
            title=title,
            auditor=actor,
            seed=seed,
            sample_size=sample_size,
            filters=filters,
            population_ids=population,
            population_digest=sampling.digest(population),
            sample_ids=sample,
        ),
        actor=actor,
    )
    policy = Policy.current()
    partnerships = Partnership.objects.in_bulk(sample)
    # In bulk, history and all: a sample of 100 is 800 rows and their 800 history rows.
    sampled = bulk_create_with_history(
        [
            SampledPartnership(spot_check=spot_check, partnership=partnerships[pk], position=n)
            for n, pk in enumerate(sample, start=1)
        ],
        SampledPartnership,
        default_user=actor,
    )
    items = [
        ChecklistItem(sampled=entry, key=key, position=number, label=label,
                      register_shows=shows, register_detail=detail)
        for entry in sampled
        for number, (key, label, shows, detail) in enumerate(
            register_shows(entry.partnership, policy), start=1
        )
    ]  # fmt: skip
    bulk_create_with_history(items, ChecklistItem, default_user=actor)
    return spot_check


@transaction.atomic
def checklist_save(sampled_id: int, answers: dict, *, actor: "User"):
    """The auditor's confirmation of one partnership's checklist: {item key: (outcome,
    note)}. An outcome other than what the register shows needs a note saying why."""
    sampled = SampledPartnership.objects.get(pk=sampled_id)
    spot_check = _lock(sampled.spot_check_id, actor=actor)
    items = {item.key: item for item in sampled.items.select_for_update()}
    if set(answers) != set(items):
        raise ValidationError("Confirm every item on the checklist")
    problems = []
    for key, (outcome, note) in answers.items():
        item = items[key]
        if outcome not in Outcome.values:
            problems.append(f"Select what you found for {item.label.lower()}")
            continue
        item.outcome, item.note = outcome, note.strip()
        if item.overridden and not item.note:
            problems.append(f"Say why {item.label.lower()} differs from what the register shows")
    if problems:
        raise ValidationError(problems)
    for item in items.values():
        save_with_history(item, actor=actor)
    sampled.checked_at = timezone.now()
    save_with_history(sampled, actor=actor)
    _touch(spot_check, actor)
    return sampled


@transaction.atomic
def finding_add(spot_check_id: int, description, risk_rating, partnership=None, *, actor: "User"):
    spot_check = _lock(spot_check_id, actor=actor)
    if partnership is not None and partnership.pk not in spot_check.sample_ids:
        raise ValidationError("A finding can only be about a partnership in the sample")
    finding = Finding(
        spot_check=spot_check,
        partnership=partnership,
        description=description,
        risk_rating=risk_rating,
        recorded_by=actor,
    )
    finding.full_clean()
    save_with_history(finding, actor=actor)
    _touch(spot_check, actor)
    return finding


@transaction.atomic
def finding_update(finding_id: int, description, risk_rating, partnership=None, *, actor: "User"):
    finding = Finding.objects.get(pk=finding_id)
    spot_check = _lock(finding.spot_check_id, actor=actor)
    finding = Finding.objects.select_for_update().get(pk=finding_id)
    if partnership is not None and partnership.pk not in spot_check.sample_ids:
        raise ValidationError("A finding can only be about a partnership in the sample")
    finding.description, finding.risk_rating = description, risk_rating
    finding.partnership = partnership
    finding.full_clean()
    save_with_history(finding, actor=actor)
    _touch(spot_check, actor)
    return finding


@transaction.atomic
def action_add(finding_id: int, description, owner, due, *, actor: "User"):
    finding = Finding.objects.get(pk=finding_id)
    spot_check = _lock(finding.spot_check_id, actor=actor)
    if not owner.is_active:
        raise ValidationError("The owner of an action must be someone who can sign in")
    action = FollowUpAction(finding=finding, description=description, owner=owner, due=due)
    action.full_clean()
    save_with_history(action, actor=actor)
    _touch(spot_check, actor)
    return action


@transaction.atomic
def action_update(action_id: int, status, progress, *, actor: "User"):
    """The owner reports progress; the auditor may too. This continues after the spot
    check is complete: follow-up is what completing it starts."""
    action = (
        FollowUpAction.objects.select_for_update()
        .select_related("finding__spot_check")
        .get(pk=action_id)
    )
    if not can_update_action(actor, action):
        raise PermissionDenied
    if status not in FollowUpAction.Status.values:
        raise ValidationError("Select the status of the action")
    action.status, action.progress = status, progress.strip()
    return save_with_history(action, actor=actor)


def unchecked(spot_check):
    return [s for s in spot_check.sampled.select_related("partnership") if not s.is_checked]


@transaction.atomic
def spot_check_complete(spot_check_id: int, conclusion, *, actor: "User"):
    """Completes the spot check once every sampled partnership's checklist is confirmed;
    from then on it is a record, for SMT, that nobody changes."""
    spot_check = _lock(spot_check_id, actor=actor)
    waiting = unchecked(spot_check)
    if waiting:
        names = ", ".join(s.partnership.name for s in waiting)
        raise ValidationError(f"Check the documentation of every partnership first: {names}")
    if not conclusion.strip():
        raise ValidationError("Enter your conclusion")
    spot_check.conclusion = conclusion.strip()
    spot_check.state = SpotCheckState.COMPLETED
    spot_check.completed_at = timezone.now()
    spot_check.version += 1
    return save_with_history(spot_check, actor=actor)
