"""The register's spreadsheet columns, declared once and shared by the exports, the import
template and the import, so that a downloaded register can be corrected in Excel and
imported again (R10, R11)."""

import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from ..models import (
    CouncilRole,
    Engagement,
    Kind,
    LegalStatus,
    Status,
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


def looks_like_formula(text):
    # Spreadsheets skip leading spaces and line breaks before deciding a cell is a formula.
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)
