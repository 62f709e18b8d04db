"""The notice at the top of a record whose significant changes still wait (R13)."""

from partnerships.providers import RecordSection

from .services import open_changes


def waiting_changes(request, partnership):
    waiting = open_changes(partnership, request.user)
    if not waiting:
        return None
    return RecordSection("changes/change_notice.html", {"pending_changes": waiting}, place="notice")
