"""How the record's edit pages save, when nothing waits for approval: every edit takes effect
at once. settings.RECORD_EDITS names the module the edit pages go through; the significant
changes app (changes.edits) gives one with the same functions in which a lead officer's
significant change to an active partnership waits for the register keeper (R13)."""

from django.contrib import messages

from . import services


def ask_reason(request, form, partnership):
    """Nothing waits, so nothing asks why."""
    return form


def tell(request, held, done):
    messages.success(request, done)


def update_record(partnership_id, seen_version, change_reason="", *, actor, **fields):
    services.partnership_update(partnership_id, seen_version, actor=actor, **fields)


def decide_tier(partnership_id, answers, *, actor):
    answers = {k: v for k, v in answers.items() if k != "change_reason"}
    return services.partnership_decide_tier(partnership_id, answers, actor=actor), None


def save_part(partnership_id, item, change_reason="", *, actor):
    services.part_save(partnership_id, item, actor=actor)


def removal_waits(partnership, item, *, actor):
    return False


def remove_funding(request, partnership, resource):
    raise NotImplementedError("Nothing waits, so removal_waits is never true")
