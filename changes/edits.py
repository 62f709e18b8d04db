"""The record's edit pages, with significant changes held for the register keeper (R13): the
module settings.RECORD_EDITS names (see partnerships.edits for the functions it gives)."""

from . import services, views

ask_reason = views.ask_reason
tell = views.tell
remove_funding = views.remove_funding
update_record = services.partnership_update_or_hold
decide_tier = services.tier_decide_or_hold
save_part = services.part_save_or_hold
removal_waits = services.removal_waits
