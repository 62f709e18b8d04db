"""Documents kept against a partnership (R8): adding one, downloading one, taking one off."""

import logging
import re
from datetime import date

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dates import MONTHS
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from . import documents
from .access import can_maintain_register, get_partnership_for_user
from .models import Document

logger = logging.getLogger(__name__)

DATE_PARTS = [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)]
FIRST_YEAR = 1900


class DateProblem(Exception):
    def __init__(self, message, *parts):
        super().__init__(message)
        self.message = message
        self.parts = set(parts)


def _month(text):
    """A month as a number; people also write "3", "Mar" or "March"."""
    if re.fullmatch(r"[0-9]{1,2}", text):
        return int(text)
    text = text.lower()
    if len(text) >= 3:
        for number, name in MONTHS.items():
            if str(name).lower().startswith(text):
                return number
    return None


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of document is it?",
        choices=Document.Kind.choices,
        error_messages={
            "required": "Select what kind of document it is",
            "invalid_choice": "Select what kind of document it is",
        },
    )
    title = forms.CharField(
        max_length=Document._meta.get_field("title").max_length,
        error_messages={
            "required": "Enter the title of the document",
            "max_length": "The title must be %(limit_value)d characters or fewer",
        },
    )
    document_date_day = forms.CharField(required=False)
    document_date_month = forms.CharField(required=False)
    document_date_year = forms.CharField(required=False)
    file = forms.FileField(
        error_messages={
            "required": "Select a file",
            "missing": "Select a file",
            "invalid": "Select a file",
            "empty": "The selected file is empty",
        },
    )

    def __init__(self, *args, **kwargs):
        # Ids without a prefix, so that the error summary's links land on the inputs that the
        # template writes out.
        super().__init__(*args, auto_id="%s", **kwargs)
        self.helper = FormHelper()
        self.date_error = None
        self.date_at_fault = set()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        documents.check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["document_date"] = self._document_date()
        except DateProblem as problem:
            self.date_error = problem.message
            self.date_at_fault = problem.parts
            # The error belongs to the first box at fault, so that the summary links to it.
            first = next(part for part, _, _ in DATE_PARTS if part in problem.parts)
            self.add_error(f"document_date_{first}", problem.message)
        return cleaned

    def _document_date(self):
        """The date from its three boxes, or a DateProblem naming the boxes at fault, with the
        messages of the GOV.UK date input pattern."""
        raw = {
            part: self.cleaned_data.get(f"document_date_{part}", "") for part, _, _ in DATE_PARTS
        }
        missing = [part for part, _, _ in DATE_PARTS if not raw[part]]
        if len(missing) == len(DATE_PARTS):
            raise DateProblem("Enter the date of the document", *missing)
        if missing:
            raise DateProblem(
                f"The date of the document must include a {' and '.join(missing)}", *missing
            )
        day = int(raw["day"]) if re.fullmatch(r"[0-9]{1,2}", raw["day"]) else None
        month = _month(raw["month"])
        year_digits = re.fullmatch(r"[0-9]+", raw["year"])
        if year_digits and len(raw["year"]) != 4:
            raise DateProblem("The year must include 4 numbers", "year")
        year = int(raw["year"]) if year_digits else None
        unreal = [
            part
            for part, value, most in [("day", day, 31), ("month", month, 12), ("year", year, 9999)]
            if value is None or not 1 <= value <= most
        ]
        if unreal:
            raise DateProblem("The date of the document must be a real date", *unreal)
        try:
            value = date(year, month, day)
        except ValueError:
            # Every box is plausible on its own, as in 31 4 2026: the day is what is wrong.
            raise DateProblem("The date of the document must be a real date", "day") from None
        if value.year < FIRST_YEAR:
            raise DateProblem(f"The date of the document must be in {FIRST_YEAR} or later", "year")
        if value > timezone.localdate():
            raise DateProblem(
                "The date of the document must be today or in the past", "day", "month", "year"
            )
        return value

    def date_inputs(self):
        """The day, month and year boxes, as the template writes them out."""
        for part, label, width in DATE_PARTS:
            yield {
                "id": f"document_date_{part}",
                "label": label,
                "value": self[f"document_date_{part}"].value() or "",
                "width": width,
                "at_fault": part in self.date_at_fault,
            }


@csrf_exempt
@require_http_methods(["GET", "POST"])
def document_add(request, pk):
    # The size cap has to be in place before anything reads the request body. The CSRF check
    # reads it, so that check is made just inside, once the cap is in place.
    request.upload_handlers.insert(0, documents.DocumentSizeCap(request))
    return _document_add(request, pk)


@csrf_protect
def _document_add(request, pk):
    partnership = get_partnership_for_user(request, pk, write=True)
    form = DocumentForm(request.POST, request.FILES) if request.method == "POST" else DocumentForm()
    if form.is_bound and form.is_valid():
        try:
            document = documents.document_upload(
                partnership.pk,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                document_date=form.cleaned_data["document_date"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as error:
            for field, problems in error.update_error_dict({}).items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, f"{document.title} has been added to the documents")
            return redirect(f"{partnership.get_absolute_url()}#documents")
    return render(
        request,
        "partnerships/document_form.html",
        {
            "form": form,
            "partnership": partnership,
            "max_mb": settings.DOCUMENT_MAX_MB,
            "accept": ",".join(documents.ACCEPTED),
        },
    )


@require_safe
def document_download(request, pk, doc):
    partnership = get_partnership_for_user(request, pk)
    document = get_object_or_404(Document, pk=doc, partnership=partnership)
    try:
        stored = document.file.open("rb")
    except FileNotFoundError:
        logger.error("Document %s has no file in storage (%s)", document.pk, document.file.name)
        raise Http404("The file is missing") from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=documents.display_name(document.original_name),
        content_type=document.content_type,
    )
    # Always a download, never shown in the portal's own pages, whatever is inside it.
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "POST"])
def document_delete(request, pk, doc):
    partnership = get_partnership_for_user(request, pk)
    if not can_maintain_register(request.user):
        raise PermissionDenied
    document = get_object_or_404(
        Document.objects.select_related("uploaded_by"), pk=doc, partnership=partnership
    )
    if request.method == "POST":
        try:
            documents.document_delete(partnership.pk, document.pk, actor=request.user)
        except Document.DoesNotExist:
            raise Http404("Someone else has already removed it") from None
        messages.success(request, f"{document.title} has been removed from the documents")
        return redirect(f"{partnership.get_absolute_url()}#documents")
    return render(
        request,
        "partnerships/document_confirm_delete.html",
        {"partnership": partnership, "document": document},
    )
