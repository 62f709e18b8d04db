"""What the open-data register may publish, field by field.

Each field is (label, hint, how to read it from a partnership). The default set is what a
council publishes under the Local Government Transparency Code without a second thought; the
others are the keeper's choice. Declarations, risks and money are not offered at all: they
are for the council's officers and Members, not the council's website.
"""

from partnerships.models import CURRENT_STATUSES, Partnership


def _display(name):
    return lambda p: getattr(p, f"get_{name}_display")()


def _date(name):
    def read(p):
        value = getattr(p, name)
        return value.isoformat() if value else ""

    return read


FIELDS = {
    "reference": ("Reference", "", lambda p: p.reference),
    "name": ("Name", "", lambda p: p.name),
    "kind": ("Kind of arrangement", "", _display("kind")),
    "remit": ("Purpose or remit", "", lambda p: p.remit),
    "lead_service": ("Lead service", "", lambda p: p.lead_service.name),
    "statutory": ("Statutory", "", lambda p: "Yes" if p.statutory else "No"),
    "date_formed": ("Date formed", "", _date("date_formed")),
    "council_role": ("The council's role", "", _display("council_role")),
    "status": ("Status", "Active or exiting", _display("status")),
    "legal_status": ("Legal status", "", _display("legal_status")),
    "accountable_body": ("Accountable body", "", lambda p: p.accountable_body),
    "proposed_end_date": ("Proposed end date", "", _date("proposed_end_date")),
    "meeting_frequency": ("How often it meets", "", lambda p: p.meeting_frequency),
    "partners": (
        "Partner organisations",
        "The names of the other organisations",
        lambda p: "; ".join(o.name for o in p.partner_organisations.all()),
    ),
    "lead_officer": (
        "Lead officer or Member",
        "A person's name: publish it only if the council's policy says so",
        lambda p: p.lead_officer.display_name if p.lead_officer else "",
    ),
}
DEFAULT_FIELDS = [
    "name", "kind", "remit", "lead_service", "statutory", "date_formed", "council_role"
]  # fmt: skip


def published_rows(fields):
    """The current register (active or exiting), in register order, as {label: text}."""
    chosen = [key for key in FIELDS if key in fields]
    partnerships = (
        Partnership.objects.filter(status__in=CURRENT_STATUSES)
        .select_related("lead_service", *(["lead_officer"] if "lead_officer" in chosen else []))
        .in_register_order()
    )
    if "partners" in chosen:
        partnerships = partnerships.prefetch_related("partner_organisations")
    return [{FIELDS[key][0]: FIELDS[key][2](p) for key in chosen} for p in partnerships]
