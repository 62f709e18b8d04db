"""Documents kept against a partnership (R8): which files the register accepts, and the service
functions that add and remove them.

A file is accepted only when its name ends in an extension on the list below and its contents
are what that extension says. It is stored under a name of the register's own making; the name
the person gave it is kept only to show and to offer on download."""

import codecs
import io
import re
import struct
import threading
import unicodedata
import uuid
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.db import transaction
from PIL import Image, ImageFile

from core.history import save_with_history

from .access import can_maintain_register
from .models import Document
from .services import lock_for_edit, touch

if TYPE_CHECKING:
    from accounts.models import User

NAME_LENGTH = Document._meta.get_field("original_name").max_length


def max_document_bytes():
    return settings.DOCUMENT_MAX_MB * 1024 * 1024


# The contents each accepted kind of file must have.


def _starts_with(signature):
    def check(upload):
        upload.seek(0)
        return upload.read(len(signature)) == signature

    return check


def _zip_names(upload):
    """The names inside a ZIP archive, or None when it is not one. Only the archive's directory
    is read, never its contents."""
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":
        # A ZIP may legally start with anything (a self-extracting program does); an Office or
        # OpenDocument file never does.
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            return {info.filename: info for info in archive.infolist()}
    except Exception:
        # Whatever a damaged or crafted archive makes the reader fail with, it is not a file
        # the register accepts.
        return None


def _zip_member(upload, info, limit=1024 * 1024):
    # The size in the directory is checked first so that a small archive cannot unpack into
    # something huge.
    if info.file_size > limit:
        return b""
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.read(info)
    except Exception:
        return b""


# An Office or OpenDocument file is a ZIP archive. What it would unpack to is bounded, so that
# a small upload cannot become a zip bomb in the hands of the next person to open it. A long
# report with pictures unpacks to tens of megabytes; XML compresses well, but not a thousandfold.
MAX_UNPACKED_BYTES = 250 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ARCHIVE_MEMBERS = 5000
ARCHIVE_ADVICE = "save it again from the program that made it, or as a PDF, and upload that"


def _check_archive_bounds(names):
    members = list(names.values())
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise ValidationError(
            f"The selected file holds more than {MAX_ARCHIVE_MEMBERS} parts: {ARCHIVE_ADVICE}",
            code="archive_members",
        )
    if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        raise ValidationError(
            f"The selected file would unpack to more than {MAX_UNPACKED_BYTES // 1024**2}MB: "
            + ARCHIVE_ADVICE,
            code="archive_size",
        )
    for info in members:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise ValidationError(
                f"The selected file is compressed more than {MAX_COMPRESSION_RATIO} times over, "
                f"as no document is: {ARCHIVE_ADVICE}",
                code="archive_ratio",
            )


def _missing_parts(names, parts):
    missing = [part for part in parts if part not in names]
    if missing:
        raise ValidationError(
            f"The selected file is damaged (it has no {missing[0]} part): {ARCHIVE_ADVICE}",
            code="archive_parts",
        )


OVERRIDE = re.compile(rb"<Override\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(rb'(PartName|ContentType)\s*=\s*"([^"]*)"', re.IGNORECASE)


def _office_open_xml(main_content_type):
    """Word, Excel and PowerPoint files declare what their main part is. Checking for the plain
    kind also refuses the macro-enabled and template kinds when they are renamed. The archive
    must hold the parts every such file has: its relationships and the main part it declares."""

    def check(upload):
        names = _zip_names(upload)
        if not names or "[Content_Types].xml" not in names:
            return False
        declared = _zip_member(upload, names["[Content_Types].xml"])
        main_parts = []
        for tag in OVERRIDE.findall(declared):
            attributes = {k.lower(): v for k, v in ATTRIBUTE.findall(tag)}
            if attributes.get(b"contenttype", b"").lower() == main_content_type.encode():
                main_parts.append(attributes.get(b"partname", b"").decode("utf-8", "replace"))
        if not main_parts and main_content_type.encode() not in declared.lower():
            return False
        _check_archive_bounds(names)
        # A writer that declares the main type by extension alone names no part to look for.
        _missing_parts(names, ["_rels/.rels", *[part.lstrip("/") for part in main_parts[:1]]])
        return True

    return check


def _open_document(mimetype):
    """OpenDocument files open with an uncompressed member named mimetype that says the kind,
    and hold a manifest and their content."""

    def check(upload):
        names = _zip_names(upload)
        if not names:
            return False
        first = next(iter(names.values()))
        if not (first.filename == "mimetype" and _zip_member(upload, first, 200) == mimetype):
            return False
        _check_archive_bounds(names)
        _missing_parts(names, ["META-INF/manifest.xml", "content.xml"])
        return True

    return check


# A picture is decoded in full to prove it is one; one with more pixels than a large camera
# photograph is refused before it is decoded, as Pillow would otherwise take the memory to.
MAX_IMAGE_PIXELS = 60_000_000


_DECODING = threading.Lock()


@contextmanager
def _strict_decoding():
    """WeasyPrint tells Pillow, for the whole process, to accept truncated pictures (its own
    are the portal's static files); an upload is decoded strictly, and the setting restored."""
    with _DECODING:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _image(pillow_format, signature):
    def check(upload):
        if not _starts_with(signature)(upload):
            return False
        upload.seek(0)
        try:
            with Image.open(upload) as picture:
                if picture.format != pillow_format:
                    return False
                width, height = picture.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        f"The selected image is larger than {MAX_IMAGE_PIXELS // 1_000_000} "
                        "million pixels: make it smaller and upload it again",
                        code="image_size",
                    )
                # verify() checks the file's structure and checksums, load() decodes every
                # pixel; a truncated file can pass one and not the other.
                picture.verify()
            upload.seek(0)
            with Image.open(upload) as picture, _strict_decoding():
                picture.load()
        except ValidationError:
            raise
        except Exception as error:
            # Truncated, corrupt or crafted: whatever Pillow fails with, it is not a picture.
            raise ValidationError(
                "The selected image could not be read, so it may be damaged: open it, save it "
                "again and upload the saved copy",
                code="image_damaged",
            ) from error
        return True

    return check


OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_LAST_SECTOR = 0xFFFFFFFA  # numbers above this mark the end of a chain or a free sector


def _ole_stream_names(upload):
    """The names of the streams in an OLE2 compound file (legacy Word and Excel files, but also
    Windows installers and others), read from its directory; an empty set when it is not one."""
    size = upload.size
    upload.seek(0)
    header = upload.read(512)
    if len(header) < 512 or header[:8] != OLE_SIGNATURE:
        return set()
    shift = struct.unpack_from("<H", header, 0x1E)[0]
    if shift not in (9, 12):
        return set()
    sector_size = 1 << shift
    # Every chain is bounded by the number of sectors the file can hold, so that a crafted
    # file with a loop in it is refused rather than followed for ever.
    most = size // sector_size + 1

    def sector(number):
        upload.seek((number + 1) * sector_size)
        data = upload.read(sector_size)
        if len(data) < sector_size:
            raise ValueError("sector beyond the end of the file")
        return data

    fat_count, directory_start = struct.unpack_from("<II", header, 0x2C)
    difat_next, difat_count = struct.unpack_from("<II", header, 0x44)
    fat_sectors = list(struct.unpack_from("<109I", header, 0x4C))
    per_sector = sector_size // 4
    try:
        for _ in range(min(difat_count, most)):
            if difat_next > OLE_LAST_SECTOR:
                break
            entries = struct.unpack(f"<{per_sector}I", sector(difat_next))
            fat_sectors.extend(entries[:-1])
            difat_next = entries[-1]
        fat = []
        for number in [s for s in fat_sectors if s <= OLE_LAST_SECTOR][: min(fat_count, most)]:
            fat.extend(struct.unpack(f"<{per_sector}I", sector(number)))
        names = set()
        current = directory_start
        for _ in range(most):
            if current > OLE_LAST_SECTOR or current >= len(fat):
                break
            block = sector(current)
            for offset in range(0, sector_size, 128):
                entry = block[offset : offset + 128]
                length = struct.unpack_from("<H", entry, 64)[0]
                if entry[66] in (1, 2) and 2 <= length <= 64:
                    names.add(entry[: length - 2].decode("utf-16-le", "replace").casefold())
            current = fat[current]
        return names
    except Exception:
        return set()


def _ole_with(*streams):
    def check(upload):
        return bool(_ole_stream_names(upload) & {s.casefold() for s in streams})

    return check


MARKUP_START = re.compile(rb"^\s*<[!?/a-zA-Z]")
MARKUP_TAG = re.compile(rb"<(?:!doctype|html|head|body|script|iframe|svg|\?xml)\b", re.IGNORECASE)


def _utf8_text(upload):
    upload.seek(0)
    head = upload.read(1024).removeprefix(codecs.BOM_UTF8)
    # Browsers treat a file that starts like a web page as one; it has no place in a text file.
    if MARKUP_START.match(head) or MARKUP_TAG.search(head):
        raise ValidationError(
            "The selected file is a web page or image markup (HTML, XML or SVG), which the "
            "register does not accept as text",
            code="markup",
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\0" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise ValidationError(
            "The selected file must be saved as UTF-8 text. Save it again with UTF-8 encoding",
            code="encoding",
        ) from error
    return True


@dataclass(frozen=True)
class FileType:
    extension: str
    name: str  # as in "The selected file is not a PDF"
    content_type: str
    check: object


def _types(*entries):
    return {entry.extension: entry for entry in entries}


OOXML = "application/vnd.openxmlformats-officedocument"
ODF = "application/vnd.oasis.opendocument"
ACCEPTED = _types(
    FileType(".pdf", "a PDF", "application/pdf", _starts_with(b"%PDF-")),
    FileType(
        ".docx",
        "a Word document",
        f"{OOXML}.wordprocessingml.document",
        _office_open_xml(f"{OOXML}.wordprocessingml.document.main+xml"),
    ),
    FileType(
        ".xlsx",
        "an Excel spreadsheet",
        f"{OOXML}.spreadsheetml.sheet",
        _office_open_xml(f"{OOXML}.spreadsheetml.sheet.main+xml"),
    ),
    FileType(
        ".pptx",
        "a PowerPoint presentation",
        f"{OOXML}.presentationml.presentation",
        _office_open_xml(f"{OOXML}.presentationml.presentation.main+xml"),
    ),
    FileType(
        ".odt",
        "an OpenDocument text document",
        f"{ODF}.text",
        _open_document(f"{ODF}.text".encode()),
    ),
    FileType(
        ".ods",
        "an OpenDocument spreadsheet",
        f"{ODF}.spreadsheet",
        _open_document(f"{ODF}.spreadsheet".encode()),
    ),
    FileType(".doc", "a Word document", "application/msword", _ole_with("WordDocument")),
    FileType(
        ".xls", "an Excel spreadsheet", "application/vnd.ms-excel", _ole_with("Workbook", "Book")
    ),
    FileType(".txt", "a plain text file", "text/plain; charset=utf-8", _utf8_text),
    FileType(".csv", "a CSV file", "text/csv; charset=utf-8", _utf8_text),
    FileType(".png", "a PNG image", "image/png", _image("PNG", b"\x89PNG\r\n\x1a\n")),
    FileType(".jpg", "a JPEG image", "image/jpeg", _image("JPEG", b"\xff\xd8\xff")),
    FileType(".jpeg", "a JPEG image", "image/jpeg", _image("JPEG", b"\xff\xd8\xff")),
)
ACCEPTED_LIST = "a PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, PNG or JPEG file"


def display_name(name):
    """The name a person gave their file, fit to show and to offer on download."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    # Control characters would break the download's header; format characters such as a
    # right-to-left override can make "report\u202efdp.exe" show as "reportexe.pdf".
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > NAME_LENGTH:
        extension = PurePath(name).suffix[:20]
        name = name[: NAME_LENGTH - len(extension)] + extension
    return name or "document"


def check_upload(upload):
    """The type of an acceptable file; for any other, a ValidationError that says what is wrong
    with it. Reads no more of the file than its checks need, and never all of it at once."""
    extension = PurePath(display_name(upload.name)).suffix.lower()
    file_type = ACCEPTED.get(extension)
    if file_type is None:
        raise ValidationError(f"The selected file must be {ACCEPTED_LIST}", code="type")
    if not upload.size:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size > max_document_bytes():
        raise ValidationError(
            f"The selected file must be smaller than {settings.DOCUMENT_MAX_MB}MB", code="size"
        )
    if not file_type.check(upload):
        raise ValidationError(
            f"The selected file is not {file_type.name}, although its name ends in {extension}",
            code="mismatch",
        )
    upload.seek(0)
    return file_type


class OversizeUpload(UploadedFile):
    """Stands in for a file that was larger than the cap: its name and size, none of it."""

    def __init__(self, name, content_type, size):
        super().__init__(io.BytesIO(), name, content_type, size)


class DocumentSizeCap(FileUploadHandler):
    """Counts each uploaded file and keeps nothing past the cap, so that an oversized file is
    refused by its size without being held in memory or written out in full."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > max_document_bytes():
            # The handlers after this one, which keep the file, see no more of it.
            return None
        return raw_data

    def file_complete(self, file_size):
        if file_size > max_document_bytes():
            return OversizeUpload(self.file_name, self.content_type, file_size)
        return None


def document_upload(partnership_id: int, *, actor: "User", kind, title: str, document_date, upload):
    """Attaches a file to a partnership (R8).

    The file is written last, inside the transaction, and removed again if anything fails, so
    that a refused or failed upload leaves nothing in storage. Call it outside any transaction
    of your own: a rollback after it returns would leave the file behind."""
    try:
        file_type = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from error
    document = Document(
        kind=kind,
        title=title,
        document_date=document_date,
        original_name=display_name(upload.name),
        content_type=file_type.content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    field = Document._meta.get_field("file")
    # Never the person's own file name: it could say anything, and it is not unique.
    name = field.generate_filename(document, f"{uuid.uuid4().hex}{file_type.extension}")
    written = None
    try:
        with transaction.atomic():
            partnership = lock_for_edit(partnership_id, actor=actor)
            document.partnership = partnership
            document.file.name = name
            document.full_clean()
            written = name  # from here a file, perhaps half-written, may be under this name
            written = document.file.name = field.storage.save(
                name, upload, max_length=field.max_length
            )
            save_with_history(document, actor=actor)
            touch(partnership, actor=actor)
    except BaseException:
        if written:
            field.storage.delete(written)
        raise
    return document


@transaction.atomic
def document_delete(partnership_id: int, document_id: int, *, actor: "User"):
    """Takes a document off the partnership: the register keeper's decision alone.

    The stored file is kept. The history still names it, and Internal Audit must be able to
    see what was attached, by whom and when (R12), after it has been taken off the record."""
    partnership = lock_for_edit(partnership_id, actor=actor)
    if not can_maintain_register(actor):
        raise PermissionDenied
    document = Document.objects.get(pk=document_id, partnership=partnership)
    document._history_user = actor
    document.delete()
    touch(partnership, actor=actor)
    return document
