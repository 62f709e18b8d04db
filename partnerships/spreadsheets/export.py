"""The register as a spreadsheet (R10): CSV and Excel exports, streamed, and the import
template."""

import csv
import datetime
import tempfile

import openpyxl
import xlsxwriter
from django.utils import timezone
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accounts.models import Service, display_name

from ..models import (
    Kind,
    Partnership,
    StrategicObjective,
    kind_choices,
    kind_label,
)
from .columns import COLUMNS, EXPORT_CHUNK, IMPORTABLE, looks_like_formula


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


def _reader(column, policy, objectives):
    """How one column's value is read from a partnership's row. Worked out once per export,
    not once per cell: a large register has hundreds of thousands of cells."""
    field = column.field
    match column.kind:
        case "choice" if column.choices is Kind:

            def read(row):
                value = row[field]
                return kind_label(policy, value) if value else ""

        case "choice" | "status":
            labels = {value: str(label) for value, label in column.choices.choices}

            def read(row):
                value = row[field]
                return labels.get(value, value) if value else ""

        case "tier":

            def read(row):
                return policy.tier_label(row[field])

        case "yes_no":

            def read(row):
                return "Yes" if row[field] else "No"

        case "service":
            [name] = _read_fields(column)

            def read(row):
                return row[name]

        case "officer":
            first, last, username = _read_fields(column)

            def read(row):
                if not row[username]:
                    return ""
                return display_name(row[first], row[last], row[username])

        case "objectives":

            def read(row):
                return "; ".join(objectives.get(row["id"], []))

        case "changed":

            def read(row):
                return f"{timezone.localtime(row[field]):%Y-%m-%d %H:%M}"

        case "date" | "rank":

            def read(row):
                return row[field]

        case _:

            def read(row):
                return row[field] or ""

    return read


def _read_fields(column):
    """What the export reads from the database for a column, in the order its reader takes
    them."""
    match column.kind:
        case "service":
            return [f"{column.field}__name"]
        case "officer":
            return [f"{column.field}__{n}" for n in ("first_name", "last_name", "username")]
        case "objectives":
            return []
        case _:
            return [column.field]


def export_rows(queryset, policy):
    """The heading row, then one row per partnership, read from the database in chunks, as
    values rather than records: building three records a row (the partnership, its lead
    officer and its sponsor) was a third of the export's time."""
    objectives = _objective_names(queryset)
    readers = [_reader(c, policy, objectives) for c in COLUMNS]
    fields = dict.fromkeys(["id", *(name for c in COLUMNS for name in _read_fields(c))])
    yield [c.heading for c in COLUMNS]
    for row in queryset.values(*fields).iterator(chunk_size=EXPORT_CHUNK):
        yield [read(row) for read in readers]


def csv_safe(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    # A leading apostrophe makes a spreadsheet show the text rather than run it.
    return f"'{text}" if looks_like_formula(text) else text


class _Line:
    """csv.writer writes to this, and the streamed response sends each line as it comes."""

    def write(self, text):
        return text


def csv_lines(rows):
    writer = csv.writer(_Line())
    # Excel opens a CSV as UTF-8 only when it starts with a byte order mark.
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_safe(v) for v in row])


def write_xlsx(rows, handle, title="Partnerships"):
    """Writes the rows to a workbook in `handle`. In XlsxWriter's constant-memory mode each
    row goes to disk as it is written, so a large register is never held in memory at once.
    Text is always written as text: a remit that starts with "=" is never a formula."""
    book = xlsxwriter.Workbook(handle, {"constant_memory": True})
    sheet = book.add_worksheet(title)
    sheet.freeze_panes(1, 2)
    for index, column in enumerate(COLUMNS):
        sheet.set_column(index, index, 40 if column.kind == "text" else 18)
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    rows = iter(rows)
    for index, heading in enumerate(next(rows)):
        sheet.write_string(0, index, heading, bold)
    for number, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                # Most text is printable already; only the rest is searched for characters
                # a workbook cannot hold.
                if not value.isprintable():
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                sheet.write_string(number, index, value)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(number, index, value, day)
            else:
                sheet.write_number(number, index, value)
    book.close()


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
                for value, label in kind_choices(policy)
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
