"""Demo register: Chorley Council's 13 key partnerships (Key Partnerships Framework,
November 2012, Appendix A), with the lead service, remit and monitoring arrangements as the
council published them. The kind of each arrangement is our reading of its remit."""

from partnerships.models import Kind, Tier

STREETSCENE = "Streetscene and Leisure Contracts"
CUSTOMER_ICT = "Customer, ICT & Transactional Services"

CHORLEY_KEY_PARTNERSHIPS = [
    {
        "name": "The Chorley Partnership (LSP)",
        "lead_service": "Policy and Communications",
        "kind": Kind.PARTNERSHIP,
        "remit": "To work on a multi-agency basis in coordinating a local approach to improving "
        "outcomes for local people and in particular delivering the sustainable community "
        "strategy.",
        "monitoring": [
            "Quarterly performance monitoring reports are presented to the Chorley Partnership "
            "and Executive Cabinet."
        ],
        "additional_monitoring": False,
    },
    {
        "name": "Active Nation",
        "lead_service": STREETSCENE,
        "kind": Kind.CONTRACT,
        "remit": "The management of the Council's indoor leisure facilities and to increase the "
        "number of centre users.",
        "monitoring": [
            "Monthly operational meetings are held with the contractor.",
            "Twice yearly partnership board meetings to which the Executive Member is invited.",
            "Capital programme monitoring reports include expenditure on the leisure centre "
            "buildings.",
            "Expenditure over £75k on the buildings will normally require an Executive Member "
            "decision or report to Cabinet.",
        ],
        "additional_monitoring": True,
    },
    {
        "name": "Veolia",
        "lead_service": STREETSCENE,
        "kind": Kind.CONTRACT,
        "remit": "To provide a waste and recycling collection service and deliver service "
        "improvements throughout the lifetime of the contract.",
        "monitoring": [
            "Regular operational meetings are held.",
            "Quarterly partnership board meetings to which the Executive Member is invited.",
            "Proposed changes to service are reported to Executive Cabinet.",
        ],
        "additional_monitoring": True,
    },
    {
        "name": "Glendale",
        "lead_service": STREETSCENE,
        "kind": Kind.CONTRACT,
        "remit": "Management of Duxbury Park golf course.",
        "monitoring": [
            "Regular operational meetings.",
            "Twice yearly partnership board meetings to which the Executive Member is invited.",
            "Additional reports are also presented to Executive Cabinet on major proposals i.e. "
            "course improvements, access road.",
        ],
        "additional_monitoring": True,
    },
    {
        "name": "Lancashire Waste Partnership (LWP)",
        "lead_service": STREETSCENE,
        "kind": Kind.PARTNERSHIP,
        "remit": "To coordinate waste management across the county.",
        "monitoring": [
            "Regular officers meetings.",
            "Thrice yearly LWP meetings for the Executive member.",
            "Major changes i.e. adoption of waste strategy, changes to cost share would go to "
            "Cabinet or be an Exec member report.",
        ],
        "additional_monitoring": False,
    },
    {
        "name": "Liberata",
        "lead_service": "Governance",
        "kind": Kind.CONTRACT,
        "remit": "To provide a professional property management and maintenance service.",
        "monitoring": ["Bi-monthly partnership meetings at an officer level."],
        "additional_monitoring": True,
    },
    {
        "name": "Select Move",
        "lead_service": "Strategic Housing",
        "kind": Kind.PARTNERSHIP,
        "remit": "To provide a sub-regional choice based lettings scheme with a common "
        "allocations policy.",
        "monitoring": [
            "There are monthly Steering Group meetings which the Housing manager (Options) "
            "usually attends and this is where any significant issues are raised and where "
            "decisions are made. This is the group which oversees the policy.",
            "Quarterly reports are produced to summarise performance and customer satisfaction "
            "surveys are also done periodically.",
            "There is also an operational group which meets monthly to discuss "
            "process/consistency etc.",
        ],
        "additional_monitoring": True,
    },
    {
        "name": "Capita Business Services Ltd",
        "lead_service": CUSTOMER_ICT,
        "kind": Kind.CONTRACT,
        "remit": "Revenues and Benefits software system solution.",
        "monitoring": ["Regular meetings with suppliers."],
        "additional_monitoring": True,
    },
    {
        "name": "Northgate information solutions",
        "lead_service": CUSTOMER_ICT,
        "kind": Kind.CONTRACT,
        "remit": "Provision of docs online managed service.",
        "monitoring": ["Regular meetings with suppliers."],
        "additional_monitoring": True,
    },
    {
        "name": "IDOX",
        "lead_service": CUSTOMER_ICT,
        "kind": Kind.CONTRACT,
        "remit": "Provision of planning, land charges, environment and licensing software.",
        "monitoring": ["Regular meetings with suppliers."],
        "additional_monitoring": True,
    },
    {
        "name": "Blackpool Council",
        "lead_service": "HR&OD",
        "kind": Kind.SHARED_SERVICE,
        "remit": "To provide a payroll and expenses service for all employees and elected members.",
        "monitoring": [
            "Regular service review meetings with Blackpool and finance check and monitor the "
            "invoices that come in."
        ],
        "additional_monitoring": True,
    },
    {
        "name": "Shared financial and assurance services",
        "lead_service": "CEO / Shared Financial Services",
        "kind": Kind.SHARED_SERVICE,
        "remit": "Shared financial and assurance services.",
        "monitoring": [
            "A joint committee is held on a regular basis to monitor performance of the shared "
            "service."
        ],
        "additional_monitoring": False,
    },
    {
        "name": "Civica",
        "lead_service": "Shared Financial Services",
        "kind": Kind.CONTRACT,
        "remit": "To provide the core financials system software licence and maintenance.",
        "monitoring": [
            "The contract is monitored by exception through the shared service performance "
            "report, reported to the joint committee."
        ],
        "additional_monitoring": True,
    },
]

# Every entry on Chorley's Appendix A is a key partnership.
DEMO_TIER = Tier.SIGNIFICANT

# One person for each role, so that every part of the portal can be tried.
DEMO_PASSWORD = "partnership-demo"  # noqa: S105 - printed for the demo, never for production
DEMO_USERS = [
    ("officer", "Sam", "Patel", "officer", STREETSCENE, "Contracts Officer"),
    ("member", "Jo", "Green", "member", None, "Executive Member"),
    ("head", "Alex", "Morgan", "head_of_service", STREETSCENE, "Head of Streetscene"),
    ("keeper", "Chris", "Taylor", "register_keeper", "Policy and Communications", "Head of Policy"),
    ("smt", "Pat", "Lewis", "smt", None, "Director"),
    ("clerk", "Dana", "Hughes", "clerk", "Governance", "Democratic Services Officer"),
    ("auditor", "Robin", "Shaw", "auditor", "Shared Financial Services", "Internal Auditor"),
    ("admin", "Lee", "Carter", "admin", None, "Systems Administrator"),
    # The memorandum of understanding is "approved by the Head of Governance": that post's
    # holder, one of SMT.
    ("governance", "Kim", "Ellis", "smt", "Governance", "Head of Governance"),
]
# The demo officer leads these, so that "their own partnerships" means something.
DEMO_OFFICER_LEADS = ["Active Nation", "Veolia", "Glendale"]

# Illustrative strategic objectives, in the form a council's corporate strategy states them.
DEMO_OBJECTIVES = [
    "Involving residents in improving their local area and equality of access for all",
    "Clean, safe and healthy communities",
    "An ambitious council that does more to meet the needs of residents and the local area",
    "A strong local economy",
]

# A fuller record for one partnership, so that every section of a record page has content.
DEMO_DETAIL = {
    "partnership": "Lancashire Waste Partnership (LWP)",
    "objectives": [1],
    "partners": [
        ("Lancashire County Council", "public", "yes"),
        ("Preston City Council", "public", "yes"),
        ("South Ribble Borough Council", "public", "yes"),
    ],
    "representatives": [
        ("Jo Green", "member", "representative", "2023-05-20"),
        ("Sam Patel", "officer", "substitute", "2024-01-08"),
    ],
    "resources": [
        ("2026/27", "time", "Officer and Executive Member time at meetings", None, 60, True),
        ("2026/27", "funding", "Share of the cost-sharing agreement", 25000, None, True),
    ],
    "risks": [
        (
            "Changes to the cost share increase the council's contribution beyond budget.",
            3,
            3,
            "Head of Streetscene",
            "Cost share changes go to Cabinet or an Executive Member report.",
            True,
        ),
    ],
}
