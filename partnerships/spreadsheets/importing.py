"""The import services (R11): an upload is checked whole before anything is written, and
the real run writes all the rows or none, through the same services as the forms, so that
each change is in the partnership's history under the keeper's name."""

import uuid
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone

from ..access import can_maintain_register
from ..models import (
    RegisterImport,
)
from ..services import (
    RowInvalid,
    StaleEdit,
    partnership_create_many,
    partnership_update_many,
)
from .checking import ImportPlan, check_sheet
from .columns import MAX_FILE_PROBLEMS, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB
from .reading import SpreadsheetRejected, read_spreadsheet

if TYPE_CHECKING:
    from accounts.models import User


class AlreadyImported(Exception):
    pass


def _read_stored(register_import):
    try:
        with register_import.file.open("rb") as handle:
            data = handle.read(MAX_UPLOAD_BYTES + 1)
    except (OSError, ValueError) as error:
        raise SpreadsheetRejected(
            ["The uploaded file is no longer available: upload it again"]
        ) from error
    return read_spreadsheet(register_import.original_name, data)


def stored_plan(register_import):
    """The dry run again, against the register as it is now."""
    return check_sheet(_read_stored(register_import))


@transaction.atomic
def register_import_upload(uploaded, *, actor: "User"):
    """R11: keeps an uploaded spreadsheet and checks it. A file that cannot be read at all is
    refused (SpreadsheetRejected) and nothing is kept."""
    if not can_maintain_register(actor):
        raise PermissionDenied
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise SpreadsheetRejected([f"The selected file must be smaller than {MAX_UPLOAD_MB} MB"])
    data = uploaded.read()
    name = PurePath(uploaded.name or "").name[:300]
    sheet = read_spreadsheet(name, data)
    plan = check_sheet(sheet)
    if sheet.problems:
        # A file whose shape is wrong is not kept, but its rows were checked too, so that
        # every problem is told at once rather than one kind after another.
        raise SpreadsheetRejected(_described(plan.errors))
    register_import = RegisterImport(
        original_name=name,
        uploaded_by=actor,
        row_count=len(sheet.rows),
        state=RegisterImport.State.INVALID if plan.errors else RegisterImport.State.CHECKED,
        errors=plan.errors,
    )
    # A generated name: the sender's file name is kept only as a label.
    register_import.file.save(
        f"{uuid.uuid4().hex}{PurePath(name).suffix.lower()}", ContentFile(data), save=False
    )
    register_import.save()
    return register_import


def _described(errors):
    lines = [
        f"Row {e['row']}, {e['column'] or 'the row'}: {e['message']}" if e["row"] else e["message"]
        for e in errors
    ]
    if len(lines) > MAX_FILE_PROBLEMS:
        more = len(lines) - MAX_FILE_PROBLEMS
        lines = lines[:MAX_FILE_PROBLEMS] + [f"And {more:,} more problems like these"]
    return lines


def register_import_run(import_id: int, *, actor: "User"):
    """R11: imports a checked file, all of it or nothing. Each row goes through
    partnership_update_many or partnership_create_many, so each change is in the
    partnership's history under the actor's name. Any register keeper may run a file another
    keeper uploaded: the history names who ran it, the import record who uploaded it.

    Returns (register_import, plan); when the plan has errors nothing was imported."""
    if not can_maintain_register(actor):
        raise PermissionDenied
    try:
        with transaction.atomic():
            register_import = RegisterImport.objects.select_for_update().get(pk=import_id)
            if register_import.state == RegisterImport.State.IMPORTED:
                raise AlreadyImported
            if register_import.state == RegisterImport.State.INVALID:
                # Only a file whose check passed, and whose plan the keeper saw, is run.
                return register_import, ImportPlan(errors=register_import.errors)
            # Checked again, with the rows locked: the register may have changed since.
            plan = check_sheet(_read_stored(register_import), lock=True)
            if not plan.errors:
                _write(plan, actor=actor)
                register_import.state = RegisterImport.State.IMPORTED
                register_import.created_count = len(plan.creates)
                register_import.updated_count = len(plan.updates)
                register_import.imported_at = timezone.now()
                register_import.errors = []
                register_import.save()
                return register_import, plan
    except _WriteFailed as failure:
        plan = ImportPlan(errors=[failure.error])
    except SpreadsheetRejected as rejected:
        plan = ImportPlan(
            errors=[{"row": "", "column": "", "message": m} for m in rejected.problems]
        )
    # Nothing was written; the import is kept, with what is now wrong with it.
    register_import = RegisterImport.objects.get(pk=import_id)
    register_import.state = RegisterImport.State.INVALID
    register_import.errors = plan.errors
    register_import.save(update_fields=["state", "errors"])
    return register_import, plan


class _WriteFailed(Exception):
    def __init__(self, error):
        self.error = error


def _write(plan, *, actor: "User"):
    # Changes and new partnerships each go in together: a few statements for all the new
    # ones, and one read locking all the changed ones, rather than eight and six a row.
    updates = [row for row in plan.rows if row.action == "update"]
    creates = [row for row in plan.rows if row.action == "create"]
    for rows, write in [(updates, _update_all), (creates, _create_all)]:
        try:
            write(rows, actor=actor)
        except RowInvalid as invalid:
            raise _WriteFailed(_row_error(rows[invalid.index], invalid.error)) from invalid
        except DatabaseError as error:
            raise _WriteFailed(_register_changed()) from error


def _update_all(rows, *, actor):
    edits = [(row.partnership.pk, row.partnership.version, row.fields) for row in rows]
    partnership_update_many(edits, actor=actor)


def _create_all(rows, *, actor):
    created = partnership_create_many([row.fields for row in rows], actor=actor)
    for row, partnership in zip(rows, created, strict=True):
        row.reference = partnership.reference


def _row_error(row, error):
    if isinstance(error, StaleEdit):
        message = (
            "Someone changed this partnership while the file was being imported: "
            "import the file again"
        )
    else:
        message = "; ".join(error.messages)
    return {"row": row.row, "column": "", "message": message}


def _register_changed():
    # A partnership added elsewhere at the same moment, with the same reference or name: the
    # transaction is rolled back whole.
    return {
        "row": "",
        "column": "",
        "message": "The register changed while the file was being imported: import the file again",
    }
