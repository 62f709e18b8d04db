"""How the record's edit pages save, when nothing waits for approval: every edit takes effect
at once. settings.RECORD_EDITS names the module the edit pages go through; the significant
changes app (changes.edits) gives one with the same functions in which a lead officer's
significant change to an active partnership waits for the register keeper (R13)."""

from typing import TYPE_CHECKING

from django.contrib import messages

from . import services

if TYPE_CHECKING:
    from accounts.models import User


def ask_reason(request, form, partnership):
    """Nothing waits, so nothing asks why."""
    return form


def tell(request, held, done):
    messages.success(request, done)


def update_record(
    partnership_id: int, seen_version: int, change_reason: str = "", *, actor: "User", **fields
):
    services.partnership_update(partnership_id, seen_version, actor=actor, **fields)


def decide_tier(partnership_id: int, answers: dict, *, actor: "User"):
    answers = {k: v for k, v in answers.items() if k != "change_reason"}
    return services.partnership_decide_tier(partnership_id, answers, actor=actor), None


def save_part(partnership_id: int, item, change_reason: str = "", *, actor: "User"):
    services.part_save(partnership_id, item, actor=actor)


def removal_waits(partnership, item, *, actor: "User"):
    return False


def remove_funding(request, partnership, resource):
    raise NotImplementedError("Nothing waits, so removal_waits is never true")
