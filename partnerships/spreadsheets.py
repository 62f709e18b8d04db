"""The register as a spreadsheet: export (R10) and import (R11).

The columns are declared once, here, and shared by the exports, the import template and the
import, so that a downloaded register can be corrected in Excel and imported again.

An import is checked whole before anything is written: the keeper sees every row's problems
at once, and the real run writes all the rows or none, through the same services as the
forms, so that each change is in the partnership's history under the keeper's name.
"""

import csv
import datetime
import io
import re
import tempfile
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import openpyxl
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accounts.models import Service, User
from accounts.policy import Policy

from .access import can_maintain_register
from .models import (
    CouncilRole,
    Engagement,
    Kind,
    LegalStatus,
    Partnership,
    RegisterImport,
    Status,
    StrategicObjective,
)
from .services import (
    StaleEdit,
    format_reference,
    next_reference_number,
    partnership_create,
    partnership_update,
)

MAX_UPLOAD_MB = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
# An import runs inside one request: this keeps the real run well inside a server timeout.
MAX_ROWS = 2000
# A 10 MB workbook of register text unpacks to far less than this; a zip bomb does not.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# How many file problems the upload page lists before it says how many more there are.
MAX_FILE_PROBLEMS = 20
EXPORT_CHUNK = 500

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters that make a spreadsheet treat a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"]
OBJECTIVE_SEPARATOR = re.compile(r"[;\n]")


@dataclass(frozen=True)
class Column:
    heading: str
    field: str
    # How the value is written and read: text, reference, choice, status, tier, yes_no,
    # date, rank, service, officer, objectives or changed.
    kind: str = "text"
    choices: type | None = None
    required: bool = False
    importable: bool = True
    help: str = ""


COLUMNS = [
    Column(
        "Reference",
        "reference",
        "reference",
        help="The register's reference, for example P0012. Leave it blank for a new "
        "partnership and the register gives it the next one. A row with a reference updates "
        "that partnership; a row without one updates the partnership with the same name and "
        "lead service, or adds a new one.",
    ),
    Column("Name", "name", required=True, help="The partnership's name."),
    Column(
        "Kind",
        "kind",
        "choice",
        Kind,
        required=True,
        help="What the arrangement is. A kind the council's register does not hold is "
        "recorded as excluded, and needs an exclusion reason.",
    ),
    Column(
        "Status",
        "status",
        "status",
        Status,
        help="Blank keeps the status of a partnership already in the register, and makes a "
        "new one Active. Excluded from the register follows from the kind.",
    ),
    Column(
        "Exclusion reason",
        "exclusion_reason",
        help="Why the arrangement is not in the register. Needed when the kind is one the "
        "register does not hold.",
    ),
    Column(
        "Tier",
        "tier",
        "tier",
        importable=False,
        help="Decided by the policy's tier test on the partnership's page, so not imported.",
    ),
    Column("Statutory", "statutory", "yes_no", help="Yes or No. Blank means No."),
    Column(
        "Lead service",
        "lead_service",
        "service",
        required=True,
        help="The council service that leads, exactly as the register names it.",
    ),
    Column(
        "Lead officer",
        "lead_officer",
        "officer",
        help="The officer or Member who leads: their username, email address or full name.",
    ),
    Column(
        "Sponsoring officer",
        "sponsor",
        "officer",
        help="Their username, email address or full name.",
    ),
    Column("Accountable body", "accountable_body", help="The organisation it answers to."),
    Column(
        "Council is the accountable body",
        "council_is_accountable_body",
        "yes_no",
        help="Yes or No. Blank means No.",
    ),
    Column("Council's role", "council_role", "choice", CouncilRole, help="Blank if not known."),
    Column(
        "Engagement level",
        "engagement",
        "choice",
        Engagement,
        help="Blank means Full member.",
    ),
    Column("Main purpose or remit", "remit", required=True, help="What the partnership is for."),
    Column(
        "Strategic objectives",
        "strategic_objectives",
        "objectives",
        help="The council's strategic objectives it contributes to, separated by semicolons.",
    ),
    Column(
        "Contribution to strategic objectives",
        "objectives_contribution",
        help="How it links and contributes to those objectives.",
    ),
    Column("Set policy (rank)", "rank_set_policy", "rank", help="1 (most important) to 4."),
    Column("Service delivery (rank)", "rank_service_delivery", "rank", help="1 to 4."),
    Column("Networking (rank)", "rank_networking", "rank", help="1 to 4."),
    Column("Other function (rank)", "rank_other", "rank", help="1 to 4."),
    Column("Other function", "other_function", help="What the other function is."),
    Column("Date formed", "date_formed", "date", help="For example 31/03/2026."),
    Column("Proposed end date", "proposed_end_date", "date", help="For example 31/03/2030."),
    Column("Legal status", "legal_status", "choice", LegalStatus, help="Blank if not known."),
    Column("Meeting location", "meeting_location"),
    Column("Meeting frequency", "meeting_frequency", help="For example Quarterly."),
    Column(
        "Has a partnership agreement",
        "has_agreement",
        "yes_no",
        help="A constitution or terms of reference. Yes or No; blank means No.",
    ),
    Column("Type of agreement", "agreement_description"),
    Column("Exit strategy", "exit_strategy"),
    Column("Monitoring arrangements", "monitoring_arrangements"),
    Column(
        "Additional monitoring required",
        "additional_monitoring_required",
        "yes_no",
        help="Yes or No. Blank means No.",
    ),
    Column("Additional information or comments", "additional_information"),
    Column(
        "Last changed",
        "updated_at",
        "changed",
        importable=False,
        help="When the record was last changed; not imported.",
    ),
]
IMPORTABLE = [c for c in COLUMNS if c.importable]
BY_HEADING = {c.heading.casefold(): c for c in COLUMNS}
HEADING_OF = {c.field: c.heading for c in COLUMNS}


def normalise_heading(text):
    return " ".join(str(text or "").split()).casefold()


def export_filename(policy, extension):
    name = slugify(policy.register_name) or "partnership-register"
    return f"{name}-{timezone.localdate():%Y-%m-%d}.{extension}"


# Export ------------------------------------------------------------------------------------


def _objective_names(queryset):
    """Every exported partnership's objectives in one query, so the count of queries stays
    the same however many rows are exported."""
    through = Partnership.strategic_objectives.through
    names = {}
    links = (
        through.objects.filter(partnership_id__in=queryset.order_by().values("pk"))
        .order_by("strategicobjective__position", "strategicobjective__name")
        .values_list("partnership_id", "strategicobjective__name")
    )
    for partnership_id, name in links:
        names.setdefault(partnership_id, []).append(name)
    return names


def _export_value(column, partnership, policy, objectives):
    value = getattr(partnership, column.field, None)
    match column.kind:
        case "choice" | "status":
            return getattr(partnership, f"get_{column.field}_display")() if value else ""
        case "tier":
            return policy.tier_label(value)
        case "yes_no":
            return "Yes" if value else "No"
        case "service":
            return value.name
        case "officer":
            return value.display_name if value else ""
        case "objectives":
            return "; ".join(objectives.get(partnership.pk, []))
        case "changed":
            return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
        case "date" | "rank":
            return value
        case _:
            return value or ""


def export_rows(queryset, policy):
    """The heading row, then one row per partnership, read from the database in chunks."""
    objectives = _objective_names(queryset)
    yield [c.heading for c in COLUMNS]
    for partnership in queryset.iterator(chunk_size=EXPORT_CHUNK):
        yield [_export_value(c, partnership, policy, objectives) for c in COLUMNS]


def _csv_safe(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    # A leading apostrophe makes a spreadsheet show the text rather than run it.
    return f"'{text}" if _looks_like_formula(text) else text


def _looks_like_formula(text):
    # Spreadsheets skip leading spaces and line breaks before deciding a cell is a formula.
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


class _Line:
    """csv.writer writes to this, and the streamed response sends each line as it comes."""

    def write(self, text):
        return text


def csv_lines(rows):
    writer = csv.writer(_Line())
    # Excel opens a CSV as UTF-8 only when it starts with a byte order mark.
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_csv_safe(v) for v in row])


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            # openpyxl would store this as a formula; the register's text is never one.
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
    return value


def write_xlsx(rows, handle, title="Partnerships"):
    """Writes the rows to a workbook in `handle`. openpyxl's write-only mode streams each row
    to disk, so a large register is never held in memory at once."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "C2"
    for index, column in enumerate(COLUMNS, start=1):
        width = 40 if column.kind == "text" else 18
        sheet.column_dimensions[get_column_letter(index)].width = width
    rows = iter(rows)
    bold = Font(bold=True)
    headings = []
    for heading in next(rows):
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        headings.append(cell)
    sheet.append(headings)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    book.save(handle)


def xlsx_export_file(queryset, policy):
    # Left open for the response to send; FileResponse closes it, and so removes it.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write_xlsx(export_rows(queryset, policy), handle)
    handle.seek(0)
    return handle


def _allowed_values(column, policy):
    match column.kind:
        case "choice" if column.choices is Kind:
            return "\n".join(
                label if policy.holds_kind(value) else f"{label} (not held: give a reason)"
                for value, label in Kind.choices
            )
        case "choice" | "status":
            return "\n".join(label for _, label in column.choices.choices)
        case "yes_no":
            return "Yes\nNo"
        case "service":
            return "\n".join(Service.objects.values_list("name", flat=True))
        case "objectives":
            return "\n".join(
                StrategicObjective.objects.filter(active=True).values_list("name", flat=True)
            )
        case "rank":
            return "1, 2, 3 or 4"
    return ""


def template_file(policy):
    """The import template: the importable headings, and a sheet that explains them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Partnerships"
    sheet.append([c.heading for c in IMPORTABLE])
    sheet.freeze_panes = "A2"
    for index, _ in enumerate(IMPORTABLE, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = 24
    notes = book.create_sheet("Columns")
    notes.append(["Column", "Must be filled in", "What to enter", "Allowed values"])
    for column in IMPORTABLE:
        notes.append(
            [
                column.heading,
                "Yes" if column.required else "No",
                column.help,
                _allowed_values(column, policy),
            ]
        )
    notes.append([])
    notes.append(
        [
            "The first sheet is imported. Keep its first row of headings; you may leave out "
            "columns that are not needed, except those that must be filled in. Nothing is "
            "changed until you have checked the result and chosen to import it."
        ]
    )
    for index, width in enumerate([34, 16, 70, 50], start=1):
        notes.column_dimensions[get_column_letter(index)].width = width
    for row in notes.iter_rows(min_row=1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.row == 1:
                cell.font = Font(bold=True)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (as above)
    book.save(handle)
    handle.seek(0)
    return handle


# Reading an uploaded file ------------------------------------------------------------------


class SpreadsheetRejected(Exception):
    """The file cannot be imported at all. Nothing is kept."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass
class Sheet:
    columns: list  # the importable columns the file has
    rows: list  # (row number, {field: text})


def _xlsx_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _is_xlsx(data):
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _xlsx_table(data):
    """Rows of (text, is_formula) cells from the first sheet of a workbook."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise SpreadsheetRejected(
                ["The selected file is too large once unpacked: split it into smaller files"]
            )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds of error for a damaged file
        raise SpreadsheetRejected(
            [
                "The selected file could not be read as an Excel workbook: save it again from "
                "Excel as an Excel Workbook (.xlsx)"
            ]
        ) from error
    try:
        return _table(
            [(_xlsx_text(c.value), c.data_type == "f") for c in row]
            for row in book.worksheets[0].iter_rows()
        )
    except SpreadsheetRejected:
        raise
    except Exception as error:  # as above: a damaged sheet fails in many ways
        raise SpreadsheetRejected(
            ["The selected file could not be read as an Excel workbook"]
        ) from error
    finally:
        book.close()


def _table(rows):
    """The rows that have something in them, with the row numbers a spreadsheet shows."""
    table = []
    for number, cells in enumerate(rows, start=1):
        if any(text.strip() or formula for text, formula in cells):
            table.append((number, cells))
            # The headings and one row more than allowed are enough to refuse the file.
            if len(table) > MAX_ROWS + 1:
                break
    return table


def _csv_table(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetRejected(["The selected file must be saved as CSV UTF-8"])
    try:
        return _table(
            [(cell, cell.startswith("=")) for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""))
        )
    except csv.Error as error:
        raise SpreadsheetRejected(
            [f"The selected file could not be read as a CSV file: {error}"]
        ) from error


def _undo_export_guard(text):
    """An exported cell that began with a formula character was given an apostrophe."""
    if text.startswith("'") and _looks_like_formula(text[1:]):
        return text[1:]
    return text


def read_spreadsheet(name, data):
    """Checks the file as a whole (type, size, headings, formulas) and returns its rows.
    Raises SpreadsheetRejected with everything wrong with it."""
    if not data:
        raise SpreadsheetRejected(["The selected file is empty"])
    if len(data) > MAX_UPLOAD_BYTES:
        raise SpreadsheetRejected([f"The selected file must be smaller than {MAX_UPLOAD_MB} MB"])
    extension = PurePath(name or "").suffix.lower()
    if extension == ".xls":
        raise SpreadsheetRejected(
            [
                "The selected file is an old Excel file (.xls): save it as an Excel Workbook "
                "(.xlsx) or as CSV, and upload that"
            ]
        )
    if extension not in (".csv", ".xlsx"):
        raise SpreadsheetRejected(["The selected file must be a CSV or an Excel workbook (.xlsx)"])
    # The name is only what the sender called it: the content decides.
    if extension == ".xlsx":
        if not _is_xlsx(data):
            raise SpreadsheetRejected(
                [
                    "The selected file is not an Excel workbook, although its name ends .xlsx. "
                    "If it has a password, remove it, then save it as an Excel Workbook (.xlsx)"
                ]
            )
        table = _xlsx_table(data)
    else:
        if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")) or b"\x00" in data:
            raise SpreadsheetRejected(
                ["The selected file is not a CSV file, although its name ends .csv"]
            )
        table = _csv_table(data)
    return _sheet_from_table(table)


def _sheet_from_table(table):
    if not table:
        raise SpreadsheetRejected(["The selected file is empty"])
    header_number, header = table[0]
    if header_number != 1:
        raise SpreadsheetRejected(
            ["The first row of the file must be the column headings from the template"]
        )
    problems = []
    positions = {}  # column position -> Column
    headed = set()  # positions with a heading, known or not
    for position, (text, _) in enumerate(header):
        heading = normalise_heading(text)
        if not heading:
            continue
        headed.add(position)
        letter = get_column_letter(position + 1)
        column = BY_HEADING.get(heading)
        if column is None:
            problems.append(
                f"Column {letter} is headed ‘{text.strip()}’, which the register does not "
                "know: use the headings from the template"
            )
        elif column in positions.values():
            problems.append(f"The file has two columns headed ‘{column.heading}’")
        else:
            positions[position] = column
    for column in IMPORTABLE:
        if column.required and column not in positions.values():
            problems.append(f"The file has no ‘{column.heading}’ column")

    rows = []
    for number, cells in table[1:]:
        if len(rows) == MAX_ROWS:
            problems.append(
                f"The file has more than {MAX_ROWS:,} partnerships: split it into smaller files"
            )
            break
        values = {}
        for position, (text, formula) in enumerate(cells):
            column = positions.get(position)
            place = column.heading if column else f"column {get_column_letter(position + 1)}"
            if formula:
                problems.append(
                    f"Row {number}, {place}: the cell holds a formula. Replace formulas with "
                    "their values"
                )
            elif column is None and text.strip() and position not in headed:
                problems.append(
                    f"Row {number}, {place}: the cell has a value but its column has no heading"
                )
            elif column is not None and column.importable:
                values[column.field] = _undo_export_guard(text.strip())
        rows.append((number, values))
    if not rows and not problems:
        problems.append("The file has headings but no partnerships")
    if problems:
        if len(problems) > MAX_FILE_PROBLEMS:
            more = len(problems) - MAX_FILE_PROBLEMS
            problems = problems[:MAX_FILE_PROBLEMS] + [f"And {more:,} more problems like these"]
        raise SpreadsheetRejected(problems)
    importable = [c for c in positions.values() if c.importable]
    return Sheet(columns=importable, rows=rows)


# Checking the rows against the register ----------------------------------------------------


@dataclass
class RowPlan:
    row: int
    action: str  # "create", "update" or "unchanged"
    name: str
    service_name: str
    reference: str = ""
    partnership: Partnership | None = None
    fields: dict = field(default_factory=dict)
    changed: list = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # {"row", "column", "message"}

    @property
    def creates(self):
        return [r for r in self.rows if r.action == "create"]

    @property
    def updates(self):
        return [r for r in self.rows if r.action == "update"]

    @property
    def unchanged(self):
        return [r for r in self.rows if r.action == "unchanged"]


class _RowError(Exception):
    def __init__(self, column, message):
        self.column = column
        self.message = message


def _key(text):
    return " ".join(text.split()).casefold()


class _Register:
    """What the rows are checked against, read in a few queries for the whole file."""

    def __init__(self, sheet, lock):
        self.policy = Policy.current()
        self.services = {_key(s.name): s for s in Service.objects.all()}
        self.objectives = {_key(o.name): o for o in StrategicObjective.objects.all()}
        self.users_by_login = {}
        self.users_by_name = {}
        for user in User.objects.only("username", "email", "first_name", "last_name"):
            self.users_by_login[user.username.casefold()] = user
            if user.email:
                self.users_by_login.setdefault(user.email.casefold(), user)
            self.users_by_name.setdefault(_key(user.get_full_name()), []).append(user)
        references = {_key(v["reference"]) for _, v in sheet.rows if v.get("reference")}
        names = {_key(v["name"]) for _, v in sheet.rows if v.get("name")}
        matches = Partnership.objects.annotate(
            ref_key=Lower("reference"), name_key=Lower("name")
        ).filter(Q(ref_key__in=references) | Q(name_key__in=names))
        if lock:
            # The real run: no one may change these rows between the check and the write.
            matches = matches.select_for_update()
        self.by_reference = {}
        self.by_name = {}
        for partnership in matches:
            self.by_reference[_key(partnership.reference)] = partnership
            self.by_name[(_key(partnership.name), partnership.lead_service_id)] = partnership
        through = Partnership.strategic_objectives.through
        self.objectives_of = {}
        for partnership_id, objective_id in through.objects.filter(
            partnership_id__in=[p.pk for p in self.by_reference.values()]
        ).values_list("partnership_id", "strategicobjective_id"):
            self.objectives_of.setdefault(partnership_id, set()).add(objective_id)


def _choice(column, text):
    if not text:
        if column.choices is Engagement:
            return Engagement.FULL
        if column.required:
            raise _RowError(column, f"Enter the {column.heading.lower()}")
        return ""
    wanted = _key(text)
    for value, label in column.choices.choices:
        if wanted in (_key(label), value):
            return value
    allowed = "; ".join(label for _, label in column.choices.choices)
    raise _RowError(column, f"‘{text}’ is not one of the allowed values: {allowed}")


def _yes_no(column, text):
    answer = text.casefold()
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise _RowError(column, f"Enter Yes or No, not ‘{text}’")


def _date(column, text):
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _RowError(column, f"‘{text}’ is not a real date: enter it like 31/03/2026")


def _rank(column, text):
    if not text:
        return None
    if text not in {"1", "2", "3", "4"}:
        raise _RowError(column, f"Enter a rank from 1 to 4, not ‘{text}’")
    return int(text)


def _text(column, text):
    limit = Partnership._meta.get_field(column.field).max_length
    if limit and len(text) > limit:
        raise _RowError(column, f"Must be {limit} characters or fewer")
    if column.required and not text:
        raise _RowError(column, f"Enter the {column.heading.lower()}")
    return text


def _service(column, text, register):
    if not text:
        raise _RowError(column, "Enter the lead service")
    service = register.services.get(_key(text))
    if service is None:
        raise _RowError(
            column,
            f"The register has no service called ‘{text}’. Use a service's name as the "
            "register gives it, or ask the administrator to add the service first",
        )
    return service


def _officer(column, text, register):
    if not text:
        return None
    user = register.users_by_login.get(text.casefold())
    if user is not None:
        return user
    named = register.users_by_name.get(_key(text), [])
    if len(named) == 1:
        return named[0]
    if named:
        raise _RowError(column, f"More than one person is called ‘{text}’: give their username")
    raise _RowError(column, f"No one with an account is called ‘{text}’")


def _objectives(column, text, register):
    chosen = []
    for part in OBJECTIVE_SEPARATOR.split(text):
        if not part.strip():
            continue
        objective = register.objectives.get(_key(part))
        if objective is None:
            raise _RowError(column, f"The register has no strategic objective ‘{part.strip()}’")
        chosen.append(objective)
    return chosen


def _parse(column, text, register):
    match column.kind:
        case "choice" | "status":
            return _choice(column, text)
        case "yes_no":
            return _yes_no(column, text)
        case "date":
            return _date(column, text)
        case "rank":
            return _rank(column, text)
        case "service":
            return _service(column, text, register)
        case "officer":
            return _officer(column, text, register)
        case "objectives":
            return _objectives(column, text, register)
        case "reference":
            if len(text) > Partnership._meta.get_field("reference").max_length:
                raise _RowError(column, "Must be 20 characters or fewer")
            return text
        case _:
            return _text(column, text)


def _classify(values, existing, register, fail):
    """R1 for a row: a kind the policy does not hold is kept as excluded, with its reason,
    as partnership_create does for the form."""
    kind = values.get("kind", existing.kind if existing else Kind.PARTNERSHIP)
    reason = values.get("exclusion_reason", existing.exclusion_reason if existing else "")
    status = values.get("status") or None
    if not register.policy.holds_kind(kind):
        if not reason.strip():
            fail(
                BY_HEADING["exclusion reason"],
                f"The council's register does not hold a {Kind(kind).label.lower()}: give "
                "the reason it is recorded but excluded",
            )
        if status not in (None, Status.EXCLUDED):
            fail(
                BY_HEADING["status"],
                f"A {Kind(kind).label.lower()} is excluded from this register: leave the "
                "status blank or make it Excluded from the register",
            )
        values["status"] = Status.EXCLUDED
    else:
        if status == Status.EXCLUDED:
            fail(
                BY_HEADING["status"],
                "Only a kind of arrangement the register does not hold can be excluded",
            )
        if status is None:
            kept = existing.status if existing else Status.ACTIVE
            status = Status.ACTIVE if kept == Status.EXCLUDED else kept
        values["status"] = status
        values["exclusion_reason"] = ""


def _current(partnership, name, register):
    if name == "strategic_objectives":
        return register.objectives_of.get(partnership.pk, set())
    field_ = Partnership._meta.get_field(name)
    return getattr(partnership, field_.attname)


def _comparable(name, value):
    if name == "strategic_objectives":
        return {o.pk for o in value}
    if hasattr(value, "pk"):
        return value.pk
    return value


def _check_row(number, cells, columns, register, seen, plan):
    errors = []

    def fail(column, message):
        errors.append({"row": number, "column": column.heading, "message": message})

    values = {}
    for column in columns:
        try:
            values[column.field] = _parse(column, cells.get(column.field, ""), register)
        except _RowError as error:
            fail(error.column, error.message)
    if errors:
        plan.errors.extend(errors)
        return

    reference = values.pop("reference", "")
    service = values["lead_service"]
    name_key = (_key(values["name"]), service.pk)
    existing = None
    if reference:
        existing = register.by_reference.get(_key(reference))
        same_name = register.by_name.get(name_key)
        if existing is None and same_name is not None:
            fail(
                BY_HEADING["reference"],
                f"The register has no partnership {reference}, but already has "
                f"‘{same_name.name}’ led by {service.name}, as {same_name.reference}: use "
                "that reference, or leave the reference blank",
            )
    else:
        existing = register.by_name.get(name_key)
    other = register.by_name.get(name_key)
    if existing is not None and other is not None and other.pk != existing.pk:
        fail(
            BY_HEADING["name"],
            f"Another partnership, {other.reference}, already has this name and lead service",
        )

    # Two rows for one partnership would leave the register depending on their order.
    keys = [("name", name_key)]
    if reference:
        keys.append(("reference", _key(reference)))
    if existing is not None:
        keys.append(("pk", existing.pk))
    earlier = next((seen[key] for key in keys if key in seen), None)
    if earlier is not None:
        fail(
            BY_HEADING["name"],
            f"Row {earlier} is the same partnership: each partnership may be in a file once",
        )
    for key in keys:
        seen.setdefault(key, number)

    _classify(values, existing, register, fail)

    if existing is None:
        if reference:
            values["reference"] = reference
        if not values.get("strategic_objectives"):
            values.pop("strategic_objectives", None)  # nothing to set on a new record
        candidate = Partnership(**{k: v for k, v in values.items() if k != "strategic_objectives"})
        action, changed = "create", []
    else:
        changed = [
            name
            for name, value in values.items()
            if _comparable(name, value) != _current(existing, name, register)
        ]
        values = {name: values[name] for name in changed}
        candidate = Partnership(
            **{f.attname: getattr(existing, f.attname) for f in Partnership._meta.concrete_fields}
        )
        for name, value in values.items():
            if name != "strategic_objectives":
                setattr(candidate, name, value)
        action = "update" if changed else "unchanged"

    # The model's own rules, as the forms apply them; uniqueness is checked above, and the
    # services check it again on the real run.
    exclude = {"lead_service", "lead_officer", "sponsor"}
    if not candidate.reference:
        exclude.add("reference")
    try:
        candidate.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            heading = HEADING_OF.get(name, "")
            for message in messages:
                errors.append({"row": number, "column": heading, "message": message})

    if errors:
        plan.errors.extend(errors)
        return
    plan.rows.append(
        RowPlan(
            row=number,
            action=action,
            name=candidate.name,
            service_name=service.name,
            reference=existing.reference if existing else reference,
            partnership=existing,
            fields=values,
            changed=[HEADING_OF[name] for name in changed],
        )
    )


def check_sheet(sheet, lock=False):
    """The dry run: what each row would do to the register, or what is wrong with it."""
    register = _Register(sheet, lock)
    plan = ImportPlan()
    seen = {}
    for number, cells in sheet.rows:
        _check_row(number, cells, sheet.columns, register, seen, plan)
    return plan


# The import services -----------------------------------------------------------------------


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
def register_import_upload(actor, uploaded):
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


def register_import_run(actor, import_id):
    """R11: imports a checked file, all of it or nothing. Each row goes through
    partnership_create or partnership_update, so each change is in the partnership's history
    under the actor's name. Any register keeper may run a file another keeper uploaded: the
    history names who ran it, the import record who uploaded it.

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
                _write(actor, plan)
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


def _write(actor, plan):
    # Number the new partnerships once, not by searching the register for every row, and
    # after any reference the file itself gives a new partnership.
    given = [
        int(ref[1:])
        for ref in (row.fields.get("reference", "") for row in plan.rows)
        if re.fullmatch(r"P[0-9]+", ref or "")
    ]
    number = max([next_reference_number(), *(n + 1 for n in given)])
    for row in plan.rows:
        try:
            if row.action == "create":
                if not row.fields.get("reference"):
                    row.fields["reference"] = format_reference(number)
                    number += 1
                created = partnership_create(actor, **row.fields)
                row.reference = created.reference
            elif row.action == "update":
                partnership_update(actor, row.partnership.pk, row.partnership.version, **row.fields)
        except ValidationError as error:
            messages = "; ".join(error.messages)
            raise _WriteFailed({"row": row.row, "column": "", "message": messages}) from error
        except StaleEdit as error:
            raise _WriteFailed(
                {
                    "row": row.row,
                    "column": "",
                    "message": "Someone changed this partnership while the file was being "
                    "imported: import the file again",
                }
            ) from error
        except DatabaseError as error:
            # A partnership added elsewhere at the same moment, with the same reference or
            # name: the transaction is rolled back whole.
            raise _WriteFailed(
                {
                    "row": row.row,
                    "column": "",
                    "message": "The register changed while the file was being imported: "
                    "import the file again",
                }
            ) from error
