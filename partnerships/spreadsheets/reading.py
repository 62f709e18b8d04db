"""Reading an uploaded spreadsheet (R11): CSV or Excel, bounded in size, into a sheet of
text cells."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import openpyxl
from openpyxl.utils import get_column_letter

from .columns import (
    BY_HEADING,
    IMPORTABLE,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MB,
    looks_like_formula,
    normalise_heading,
)


class SpreadsheetRejected(Exception):
    """The file cannot be imported at all. Nothing is kept."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass
class Sheet:
    columns: list  # the importable columns the file has
    rows: list  # (row number, {field: text})
    # What is wrong with the file as a whole (a heading it does not know, a formula): its
    # rows are still checked, so that the keeper sees every problem in one pass.
    problems: list = field(default_factory=list)


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


def undo_export_guard(text):
    """An exported cell that began with a formula character was given an apostrophe."""
    if text.startswith("'") and looks_like_formula(text[1:]):
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
                values[column.field] = undo_export_guard(text.strip())
        rows.append((number, values))
    if not rows:
        problems.append("The file has headings but no partnerships")
    importable = [c for c in positions.values() if c.importable]
    return Sheet(columns=importable, rows=rows, problems=problems)
