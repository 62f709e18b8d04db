"""The record's own rules across its fields, in one place: the record's form and the
register import (R11) both apply them, so a spreadsheet can never hold what the form would
refuse. Rules on one field alone (lengths, choices, required) are the model's and both apply
them through it."""

from core.bounds import EARLIEST_YEAR, LATEST_YEAR

RANK_FIELDS = ["rank_set_policy", "rank_service_delivery", "rank_networking", "rank_other"]
DATE_FIELDS = {"date_formed": "date formed", "proposed_end_date": "proposed end date"}


def record_problems(values):
    """(field, message) for each rule `values` breaks. A rule is applied only when every
    field it reads is in `values`, so a page or a file that does not carry a field is not
    refused for it."""
    problems = []
    for name, label in DATE_FIELDS.items():
        day = values.get(name)
        if day and not EARLIEST_YEAR <= day.year < LATEST_YEAR:
            problems.append(
                (name, f"The {label} must be between {EARLIEST_YEAR} and {LATEST_YEAR - 1}")
            )
    ranks = [values.get(name) for name in RANK_FIELDS]
    for name, rank in zip(RANK_FIELDS, ranks, strict=True):
        if rank is not None and not 1 <= rank <= 4:
            problems.append((name, "Enter a rank from 1 to 4, or leave it blank"))
    given = [rank for rank in ranks if rank]
    if len(given) != len(set(given)):
        problems.append(("rank_set_policy", "Give each function a different rank"))
    if "other_function" in values and values.get("rank_other") and not values["other_function"]:
        problems.append(("other_function", "Say what the other function is"))
    formed, ends = values.get("date_formed"), values.get("proposed_end_date")
    if formed and ends and ends < formed:
        problems.append(("proposed_end_date", "The proposed end date must be after it formed"))
    return problems
