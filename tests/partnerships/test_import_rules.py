# ruff: noqa: F811 (the fixtures are imported from the tests they come from)
"""Bad input in a register spreadsheet (issue "Hardening", item 5): the import applies the
record form's rules from the same definition (partnerships.rules), and a file's problems are
all told in one pass, whatever their kind."""

import pytest

from partnerships.models import Partnership, RegisterImport
from partnerships.rules import record_problems
from tests.factories import PartnershipFactory
from tests.partnerships.test_edit import edit_data, sd_policy  # noqa: F401 (fixture)
from tests.partnerships.test_import import (  # noqa: F401 (fixtures)
    HOUSING,
    client_keeper,
    csv_upload,
    housing,
    media,
    upload,
)

HEADINGS = [
    "Reference", "Name", "Kind", "Lead service", "Main purpose or remit", "Set policy (rank)",
    "Service delivery (rank)", "Other function (rank)", "Other function", "Date formed",
    "Proposed end date",
]  # fmt: skip

# Each rule across the record's fields: the spreadsheet's cells, the edit form's fields, and
# what both must say.
RULES = {
    "end before it formed": (
        {"Date formed": "01/04/2026", "Proposed end date": "31/03/2026"},
        {"date_formed": ("1", "4", "2026"), "proposed_end_date": ("31", "3", "2026")},
        "The proposed end date must be after it formed",
    ),
    "two functions ranked alike": (
        {"Set policy (rank)": "1", "Service delivery (rank)": "1"},
        {"rank_set_policy": "1", "rank_service_delivery": "1"},
        "Give each function a different rank",
    ),
    "other function ranked but not said": (
        {"Other function (rank)": "2"},
        {"rank_other": "2"},
        "Say what the other function is",
    ),
}


def sheet_row(cells, name="Select Move"):
    row = {
        "Name": name,
        "Kind": "Partnership",
        "Lead service": HOUSING,
        "Main purpose or remit": "To let homes.",
    }
    row.update(cells)
    return [row.get(heading, "") for heading in HEADINGS]


def form_fields(fields):
    data = {}
    for name, value in fields.items():
        if isinstance(value, tuple):
            for part, text in enumerate(value):
                data[f"{name}_{part}"] = text
        else:
            data[name] = value
    return data


@pytest.mark.parametrize("rule", RULES, ids=list(RULES))
def test_it_refuses_in_an_import_what_the_record_form_refuses(
    sd_policy,
    client_keeper,
    keeper,
    rule,
):
    cells, fields, message = RULES[rule]
    partnership = PartnershipFactory(name="Veolia")
    form_page = client_keeper.post(
        f"/register/{partnership.pk}/edit/", edit_data(partnership, **form_fields(fields))
    )
    assert form_page.status_code == 200
    assert message in form_page.content.decode()

    upload(client_keeper, csv_upload([sheet_row(cells)], headings=HEADINGS))
    register_import = RegisterImport.objects.get()
    assert register_import.state == RegisterImport.State.INVALID
    assert message in [error["message"] for error in register_import.errors]
    assert not Partnership.objects.filter(name="Select Move").exists()


def test_it_bounds_the_years_of_an_imported_date_as_the_form_does(sd_policy, client_keeper):
    upload(client_keeper, csv_upload([sheet_row({"Date formed": "01/04/2206"})], headings=HEADINGS))
    errors = RegisterImport.objects.get().errors
    assert {
        "row": 2,
        "column": "Date formed",
        "message": "The date formed must be between 1900 and 2199",
    } in errors


def test_its_rules_apply_only_to_the_fields_given():
    import datetime

    assert record_problems({"proposed_end_date": datetime.date(2000, 1, 1)}) == []
    assert record_problems({"rank_other": 2}) == []
    assert record_problems({"rank_other": 2, "other_function": ""}) == [
        ("other_function", "Say what the other function is")
    ]


def test_an_unreadable_cell_hides_none_of_the_rows_other_problems(sd_policy, client_keeper):
    cells = {
        "Kind": "Friendship",
        "Date formed": "01/04/2026",
        "Proposed end date": "31/03/2026",
        "Set policy (rank)": "7",
    }
    upload(client_keeper, csv_upload([sheet_row(cells, name="x" * 301)], headings=HEADINGS))
    messages = {
        (e["column"], e["message"].split(":")[0]) for e in RegisterImport.objects.get().errors
    }
    assert ("Kind", "‘Friendship’ is not one of the allowed values") in messages
    assert ("Set policy (rank)", "Enter a rank from 1 to 4, not ‘7’") in messages
    assert ("Proposed end date", "The proposed end date must be after it formed") in messages
    assert any(column == "Name" for column, _ in messages)


def test_a_file_of_the_wrong_shape_tells_its_rows_problems_too(sd_policy, client_keeper, media):
    headings = [*HEADINGS, "Budget"]
    bad = [*sheet_row({"Date formed": "31/02/2026"}), "£5,000"]
    response = upload(client_keeper, csv_upload([bad], headings=headings))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Column L is headed ‘Budget’, which the register does not know" in body
    assert "Row 2, Date formed: ‘31/02/2026’ is not a real date" in body
    assert RegisterImport.objects.count() == 0


def test_it_refuses_a_control_character_in_a_cell_as_the_form_does(sd_policy, client_keeper):
    # A line break is part of a multi-line answer (the remit) but not of a one-line one.
    rows = [
        sheet_row({}, name="Select\x07 Move"),
        sheet_row({"Main purpose or remit": "To let homes.\nAnd to house."}, name="Home Swap"),
        sheet_row({}, name="Home\nChoice"),
    ]
    upload(client_keeper, csv_upload(rows, headings=HEADINGS))
    register_import = RegisterImport.objects.get()
    problems = {(e["row"], e["column"]): e["message"] for e in register_import.errors}
    assert problems[(2, "Name")].startswith("This cell contains a hidden control character")
    assert problems[(4, "Name")].startswith("This cell must be on one line")
    assert not any(row == 3 for row, _column in problems)
    assert register_import.state == RegisterImport.State.INVALID
    assert not Partnership.objects.filter(name__contains="Move").exists()
