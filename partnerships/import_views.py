"""The register as a spreadsheet: downloads for everyone (R10), import for the register
keeper (R11). The rules are in spreadsheets/; these views only carry requests to them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from accounts.policy import Policy

from .access import can_maintain_register
from .models import RegisterImport
from .spreadsheets.columns import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MB,
    XLSX_CONTENT_TYPE,
    export_filename,
)
from .spreadsheets.export import csv_lines, export_rows, template_file, xlsx_export_file
from .spreadsheets.importing import (
    AlreadyImported,
    register_import_run,
    register_import_upload,
    stored_plan,
)
from .spreadsheets.reading import SpreadsheetRejected
from .views import register_filter


def _exported(request):
    """The partnerships the register list shows for the same query, in the same order."""
    filterset = register_filter(request)
    if not filterset.is_valid():
        return None
    return filterset.qs


def _back_to_the_list(request):
    # A query the list cannot apply: the list page says what is wrong with it.
    return redirect(f"{reverse('partnerships:register')}?{request.GET.urlencode()}")


@require_GET
def export_csv(request):
    partnerships = _exported(request)
    if partnerships is None:
        return _back_to_the_list(request)
    policy = Policy.for_request(request)
    response = StreamingHttpResponse(
        csv_lines(export_rows(partnerships, policy)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(policy, "csv")}"'
    return response


@require_GET
def export_xlsx(request):
    partnerships = _exported(request)
    if partnerships is None:
        return _back_to_the_list(request)
    policy = Policy.for_request(request)
    return FileResponse(
        xlsx_export_file(partnerships, policy),
        as_attachment=True,
        filename=export_filename(policy, "xlsx"),
        content_type=XLSX_CONTENT_TYPE,
    )


def _keeper_only(request):
    if not can_maintain_register(request.user):
        raise PermissionDenied


@require_GET
def import_template(request):
    _keeper_only(request)
    return FileResponse(
        template_file(Policy.for_request(request)),
        as_attachment=True,
        filename="partnership-register-import-template.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


class CappedUploadHandler(FileUploadHandler):
    """Stops taking a file once it passes the size cap, so that an oversized upload is
    refused without being kept in memory or on disk."""

    def __init__(self, request=None):
        super().__init__(request)
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_UPLOAD_BYTES:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt  # the upload handler must be in place before the CSRF check reads the body
@require_http_methods(["GET", "POST"])
def import_upload(request):
    _keeper_only(request)
    capped = CappedUploadHandler(request)
    if request.method == "POST":
        request.upload_handlers.insert(0, capped)
    return _import_upload(request, capped)


@csrf_protect
def _import_upload(request, capped):
    problems = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if capped.too_large:
            problems = [f"The selected file must be smaller than {MAX_UPLOAD_MB} MB"]
        elif upload is None:
            problems = ["Select a CSV or Excel file to import"]
        else:
            try:
                register_import = register_import_upload(upload, actor=request.user)
            except SpreadsheetRejected as rejected:
                problems = rejected.problems
            else:
                return redirect("partnerships:import_review", pk=register_import.pk)
    recent = RegisterImport.objects.select_related("uploaded_by")[:10]
    return render(
        request,
        "partnerships/import_upload.html",
        {
            "problems": problems,
            "recent": recent,
            "max_mb": MAX_UPLOAD_MB,
            "max_rows": MAX_ROWS,
        },
    )


@require_http_methods(["GET", "POST"])
def import_review(request, pk):
    _keeper_only(request)
    register_import = get_object_or_404(RegisterImport.objects.select_related("uploaded_by"), pk=pk)
    plan = None
    already_imported = False
    if request.method == "POST":
        try:
            register_import, plan = register_import_run(register_import.pk, actor=request.user)
        except AlreadyImported:
            already_imported = True
            register_import.refresh_from_db()
        else:
            if not plan.errors:
                messages.success(
                    request,
                    f"{register_import.original_name} imported: "
                    f"{register_import.created_count} added, "
                    f"{register_import.updated_count} changed",
                )
                return redirect("partnerships:register")
    elif register_import.state == RegisterImport.State.CHECKED:
        # Checked again now: the register may have changed since the upload.
        try:
            plan = stored_plan(register_import)
        except SpreadsheetRejected as rejected:
            register_import.errors = [
                {"row": "", "column": "", "message": m} for m in rejected.problems
            ]
    errors = plan.errors if plan is not None else register_import.errors
    if register_import.state == RegisterImport.State.IMPORTED:
        errors = []
    return render(
        request,
        "partnerships/import_review.html",
        {
            "register_import": register_import,
            "plan": plan if plan is not None and not plan.errors else None,
            "errors": errors,
            "already_imported": already_imported,
        },
    )
