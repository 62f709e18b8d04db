"""Each council's demo: its register, its people and the records the other demo loaders add,
so that under one council's policy the demo shows that council's partnerships only.

Chorley's register is its own published list (demo/register.py). Northamptonshire's protocol
names three of its partnerships; the other entries, and every entry for Melton,
Nottinghamshire and South Derbyshire, whose documents name none, are examples of the kinds
their registers hold, and their names say so ("Example: ...")."""

from dataclasses import dataclass, field

from accounts.models import Policy
from demo import register as chorley
from partnerships.models import Kind, Partnership, Tier

DEFAULT_COUNCIL = "chorley"
EXAMPLE = "Example: "


@dataclass(frozen=True)
class CouncilDemo:
    # Each: name, lead_service, kind, tier, remit, monitoring (lines), additional_monitoring.
    partnerships: list
    # Each: username, first name, last name, role, service name, job title.
    users: list
    # The demo officer leads these; the first is brought forward, the second is overdue.
    officer_leads: list
    # The demo Head of Service sponsors the partnerships their service leads.
    sponsor_service: str
    objectives: list
    detail: dict
    proposal: dict
    overdue_conclusions: str
    brought_forward_reason: str
    # Each: partnership name, priority, reasons for withdrawal (empty if none), notes.
    priorities: list = field(default_factory=list)


def _entry(name, lead_service, kind, tier, remit, monitoring, additional_monitoring=False):
    return {
        "name": name,
        "lead_service": lead_service,
        "kind": kind,
        "tier": tier,
        "remit": remit,
        "monitoring": monitoring,
        "additional_monitoring": additional_monitoring,
    }


def _users(officer, member, head, keeper, smt, clerk, auditor):
    """The same eight people in every council, with that council's services and titles."""
    return [
        ("officer", "Sam", "Patel", "officer", *officer),
        ("member", "Jo", "Green", "member", None, member),
        ("head", "Alex", "Morgan", "head_of_service", *head),
        ("keeper", "Chris", "Taylor", "register_keeper", *keeper),
        ("smt", "Pat", "Lewis", "smt", None, smt),
        ("clerk", "Dana", "Hughes", "clerk", *clerk),
        ("auditor", "Robin", "Shaw", "auditor", *auditor),
        ("admin", "Lee", "Carter", "admin", None, "Systems Administrator"),
    ]


# Illustrative objectives for the councils whose documents quote none of their own.
EXAMPLE_OBJECTIVES = [
    "Safe, healthy and connected communities",
    "A thriving local economy",
    "A clean and sustainable environment",
    "A council that works well with its partners and residents",
]

CHORLEY = CouncilDemo(
    partnerships=[
        {**entry, "tier": chorley.DEMO_TIER} for entry in chorley.CHORLEY_KEY_PARTNERSHIPS
    ],
    users=chorley.DEMO_USERS,
    officer_leads=chorley.DEMO_OFFICER_LEADS,
    sponsor_service=chorley.STREETSCENE,
    objectives=chorley.DEMO_OBJECTIVES,
    detail={
        **chorley.DEMO_DETAIL,
        "meeting_frequency": "Three times a year",
        "exit_strategy": "Twelve months' notice under the cost-sharing agreement.",
    },
    proposal={
        "name": "Chorley Youth Zone",
        "remit": "A youth centre open seven days a week, run with local businesses.",
        "accountable_body": "Chorley Youth Zone (charity)",
        "alternative_existing": "No existing partnership provides for young people.",
        "alternative_consult": "Consultation alone would not build or run the centre.",
        "alternative_contract": "The charity raises funds a contract could not.",
    },
    overdue_conclusions="Reviewed before the register moved online: the contract still meets "
    "the council's requirements.",
    brought_forward_reason="The leisure contract overspent in the second quarter; Executive "
    "Cabinet asked for an early review.",
    priorities=[
        (
            "The Chorley Partnership (LSP)",
            "high",
            "",
            "Leads the borough's Sustainable Community Strategy; every strategic objective "
            "depends on it.",
        ),
        (
            "Glendale",
            "low",
            "The golf course contributes to one strategic objective only and the market could "
            "run it without the council. Consider withdrawing at the contract break in 2027 and "
            "leasing the course instead.",
            "",
        ),
    ],
)

# Melton's protocol names the kinds the Council joins (section 5: "Crime and Disorder
# Reduction Partnerships, Local Strategic Partnerships"; nominations to governing bodies) but
# no partnership of its own.
MELTON_COMMUNITIES = "Communities and Neighbourhoods"
MELTON = CouncilDemo(
    partnerships=[
        _entry(
            f"{EXAMPLE}Melton Local Strategic Partnership",
            "Policy and Performance",
            Kind.PARTNERSHIP,
            Tier.SIGNIFICANT,
            "An example of a statutory partnership the protocol names: the Council and its "
            "partners agreeing the borough's priorities, with the Council as lead organisation.",
            ["Meets quarterly; the Management Team receives its minutes."],
        ),
        _entry(
            f"{EXAMPLE}Melton Crime and Disorder Reduction Partnership",
            MELTON_COMMUNITIES,
            Kind.PARTNERSHIP,
            Tier.SIGNIFICANT,
            "An example of a statutory partnership the protocol names: the Council, police and "
            "other agencies working together to reduce crime and disorder in the borough.",
            ["Quarterly partnership meetings.", "An annual report to the Management Team."],
            True,
        ),
        _entry(
            f"{EXAMPLE}Rural community transport partnership",
            MELTON_COMMUNITIES,
            Kind.PARTNERSHIP,
            Tier.STANDARD,
            "An example of a partnership meeting a community need for which no one agency is "
            "responsible: transport for residents of the borough's villages.",
            ["Officer meetings every two months."],
        ),
        _entry(
            f"{EXAMPLE}Town centre funding partnership",
            MELTON_COMMUNITIES,
            Kind.PARTNERSHIP,
            Tier.STANDARD,
            "An example of a partnership joined to access funding: the Council, businesses and "
            "a funder improving Melton Mowbray's town centre.",
            ["Monthly project meetings; progress reported to the funder each quarter."],
            True,
        ),
        _entry(
            f"{EXAMPLE}Shared revenues and benefits service",
            "Corporate Services",
            Kind.SHARED_SERVICE,
            Tier.STANDARD,
            "An example of a shared service, which the protocol includes: a public sector "
            "arrangement run through delegation and managed by a joint committee.",
            ["The joint committee meets quarterly."],
        ),
        _entry(
            f"{EXAMPLE}Voluntary and community sector partnership",
            MELTON_COMMUNITIES,
            Kind.PARTNERSHIP,
            Tier.STANDARD,
            "An example of a partnership: the Council and voluntary groups agreeing a joint "
            "programme of support for the borough's communities.",
            ["Meets twice a year."],
        ),
    ],
    users=_users(
        officer=(MELTON_COMMUNITIES, "Community Safety Officer"),
        member="Councillor",
        head=(MELTON_COMMUNITIES, "Head of Communities and Neighbourhoods"),
        keeper=("Policy and Performance", "Policy and Performance Manager"),
        smt="Director",
        clerk=("Democratic Services", "Democratic Services Officer"),
        auditor=("Internal Audit", "Internal Auditor"),
    ),
    officer_leads=[
        f"{EXAMPLE}Town centre funding partnership",
        f"{EXAMPLE}Melton Crime and Disorder Reduction Partnership",
        f"{EXAMPLE}Rural community transport partnership",
    ],
    sponsor_service=MELTON_COMMUNITIES,
    objectives=EXAMPLE_OBJECTIVES,
    detail={
        "partnership": f"{EXAMPLE}Melton Crime and Disorder Reduction Partnership",
        "objectives": [0],
        "partners": [
            ("Example: the police", "public", "yes"),
            ("Example: the county council", "public", "yes"),
            ("Example: a housing association", "voluntary", "yes"),
        ],
        "representatives": [
            ("Jo Green", "member", "representative", "2023-05-20"),
            ("Sam Patel", "officer", "substitute", "2024-01-08"),
        ],
        "resources": [
            ("2026/27", "time", "Officer and councillor time at meetings", None, 60, True),
            (
                "2026/27",
                "funding",
                "The Council's contribution to joint projects",
                8000,
                None,
                True,
            ),
        ],
        "risks": [
            (
                "Partners' funding for joint projects ends and the Council is asked to fill "
                "the gap.",
                3,
                3,
                "Head of Communities and Neighbourhoods",
                "Any new contribution beyond budget goes to the Policy, Finance and "
                "Administration Committee.",
                True,
            ),
        ],
        "meeting_frequency": "Quarterly",
        "exit_strategy": "The partnership agreement allows a partner to leave with six months' "
        "notice.",
    },
    proposal={
        "name": f"{EXAMPLE}Melton youth activities partnership",
        "remit": "Activities for young people in the borough, run with local clubs and schools.",
        "accountable_body": "Melton Borough Council",
        "alternative_existing": "No existing partnership provides activities for young people.",
        "alternative_consult": "Consultation alone would not run the activities.",
        "alternative_contract": "The clubs and schools bring volunteers a contract could not.",
    },
    overdue_conclusions="Evaluated before the register moved online: the partnership still "
    "meets the Council's priorities.",
    brought_forward_reason="The partnership's funding changed this year; the Management Team "
    "asked for an early evaluation.",
    priorities=[
        (
            f"{EXAMPLE}Melton Local Strategic Partnership",
            "high",
            "",
            "Agrees the borough's priorities with the Council's partners.",
        ),
        (
            f"{EXAMPLE}Voluntary sector forum",
            "low",
            "The forum supports none of the Council's priorities directly and meets rarely. "
            "Consider leaving it and keeping in touch by email.",
            "",
        ),
    ],
)

# Northamptonshire's protocol names three partnerships in its own words (section 3: "The
# Children and Young People's Partnership arrangements", "the Public Service Board is
# responsible for the county-wide Sustainable Community Strategy"; section 4(e): the
# Partnership Sharing Statement "agreed through the Northamptonshire Partnership"), and gives
# joint waste work between local authorities as an example of a partnership.
NORTHANTS_POLICY = "Policy"
NORTHAMPTONSHIRE = CouncilDemo(
    partnerships=[
        _entry(
            "Public Service Board",
            NORTHANTS_POLICY,
            Kind.STRATEGIC_PARTNERING,
            Tier.SIGNIFICANT,
            "Responsible for the county-wide Sustainable Community Strategy.",
            ["Officer representatives report to CMT annually."],
            True,
        ),
        _entry(
            "Children and Young People's Partnership",
            "Children and Young People's Services",
            Kind.PARTNERSHIP,
            Tier.SIGNIFICANT,
            "Develops policy and manages resources which have an impact on the ability of the "
            "Council and other public sector organisations to deliver statutory services or "
            "duties for children and young people.",
            ["Officer representatives report to CMT annually."],
            True,
        ),
        _entry(
            "Northamptonshire Partnership",
            NORTHANTS_POLICY,
            Kind.PARTNERSHIP,
            Tier.STANDARD,
            "The partnership through which the Partnership Sharing Statement was agreed, with "
            "which the Council's information sharing protocols are consistent.",
            ["An annual review of its effectiveness."],
        ),
        _entry(
            f"{EXAMPLE}Waste partnership of local authorities",
            "Environment",
            Kind.PARTNERSHIP,
            Tier.STANDARD,
            "Local authorities working together to reduce the environmental and financial "
            "impact of domestic and commercial waste, agreeing aims and objectives and sharing "
            "the tasks which deliver them.",
            ["Officer meetings every quarter.", "An annual review of its effectiveness."],
        ),
        _entry(
            f"{EXAMPLE}Shared payroll service with another council",
            "Finance",
            Kind.SHARED_SERVICE,
            Tier.STANDARD,
            "An example of a shared service: another local authority runs the Council's payroll.",
            ["Quarterly service review meetings."],
            True,
        ),
        _entry(
            f"{EXAMPLE}Nomination to a community trust's board",
            NORTHANTS_POLICY,
            Kind.OUTSIDE_BODY,
            Tier.STANDARD,
            "An example of an outside body: a charity to whose board the Council nominates a "
            "councillor as trustee.",
            ["The councillor reports to the Head of Policy once a year."],
        ),
    ],
    # Delegated approval is the Assistant Chief Executive's or a Director's: the demo's CMT
    # member is a Director, and the Assistant Chief Executive is one of CMT too.
    users=_users(
        officer=(NORTHANTS_POLICY, "Partnerships Officer"),
        member="Cabinet Member",
        head=(NORTHANTS_POLICY, "Head of Policy and Partnerships"),
        keeper=(NORTHANTS_POLICY, "Head of Policy"),
        smt="Director",
        clerk=("Democratic Services", "Committee Clerk"),
        auditor=("Internal Audit", "Internal Auditor"),
    )
    + [("ace", "Jamie", "Reid", "smt", NORTHANTS_POLICY, "Assistant Chief Executive")],
    officer_leads=[
        "Public Service Board",
        "Northamptonshire Partnership",
        f"{EXAMPLE}Nomination to a community trust's board",
    ],
    sponsor_service=NORTHANTS_POLICY,
    objectives=EXAMPLE_OBJECTIVES,
    detail={
        "partnership": f"{EXAMPLE}Waste partnership of local authorities",
        "objectives": [2],
        "partners": [
            ("Example: a district council", "public", "yes"),
            ("Example: a borough council", "public", "yes"),
            ("Example: a second district council", "public", "yes"),
        ],
        "representatives": [
            ("Jo Green", "member", "representative", "2023-05-20"),
            ("Sam Patel", "officer", "substitute", "2024-01-08"),
        ],
        "resources": [
            ("2026/27", "time", "Officer and councillor time at meetings", None, 40, True),
            (
                "2026/27",
                "funding",
                "The Council's share of the joint waste budget",
                20000,
                None,
                True,
            ),
        ],
        "risks": [
            (
                "Partners cannot agree how the costs of a new waste strategy are shared.",
                2,
                3,
                "Head of Policy and Partnerships",
                "Changes to the cost share are taken to CMT before they are agreed.",
                False,
            ),
        ],
        "meeting_frequency": "Quarterly",
        "exit_strategy": "A partner may leave at the end of a financial year with twelve "
        "months' notice.",
    },
    proposal={
        "name": f"{EXAMPLE}County road safety partnership",
        "remit": "Partners working together to reduce road casualties in the county.",
        "accountable_body": "Northamptonshire County Council",
        "alternative_existing": "No existing partnership works on road safety.",
        "alternative_consult": "Consultation alone would not deliver a joint programme.",
        "alternative_contract": "The partners share the tasks; a contract would not.",
    },
    overdue_conclusions="Reported to CMT before the register moved online: the partnership "
    "still meets the Council's corporate outcomes.",
    brought_forward_reason="The Board's membership changed this year; CMT asked for an early "
    "report.",
    priorities=[
        (
            "Public Service Board",
            "high",
            "",
            "Responsible for the county-wide Sustainable Community Strategy.",
        ),
        (
            f"{EXAMPLE}Nomination to a community trust's board",
            "low",
            "The trust's work no longer supports the Council's corporate outcomes. Consider "
            "ending the nomination at the trust's next annual meeting.",
            "",
        ),
    ],
)

# Nottinghamshire's framework covers every kind of partnership, outside bodies included
# (section 5), and names none.
NOTTS_PLACE = "Place"
NOTTINGHAMSHIRE = CouncilDemo(
    partnerships=[
        _entry(
            f"{EXAMPLE}Nottinghamshire community safety partnership",
            "Communities",
            Kind.PARTNERSHIP,
            Tier.SIGNIFICANT,
            "An example of a statutory partnership: the county council, district councils, "
            "police and health services working together to reduce crime and disorder.",
            ["Quarterly partnership meetings.", "An annual review by the Chief Officer."],
            True,
        ),
        _entry(
            f"{EXAMPLE}Highways maintenance contract",
            NOTTS_PLACE,
            Kind.CONTRACT,
            Tier.SIGNIFICANT,
            "An example of a contractual partnership: a provider maintains the county's roads "
            "under a long-term contract with a partnership board.",
            ["Monthly contract meetings.", "Twice-yearly partnership board meetings."],
            True,
        ),
        _entry(
            f"{EXAMPLE}Economic growth partnership",
            NOTTS_PLACE,
            Kind.STRATEGIC_PARTNERING,
            Tier.SIGNIFICANT,
            "An example of a strategic partnership: councils and businesses agreeing the "
            "county's priorities for growth and jobs.",
            ["Meets quarterly; its plan is reported to the Cabinet lead."],
        ),
        _entry(
            f"{EXAMPLE}Shared legal service",
            "Chief Executive's",
            Kind.SHARED_SERVICE,
            Tier.STANDARD,
            "An example of a shared service: legal services provided with another council.",
            ["Quarterly service review meetings."],
            True,
        ),
        _entry(
            f"{EXAMPLE}Countywide climate change forum",
            NOTTS_PLACE,
            Kind.JOINT_WORKING,
            Tier.STANDARD,
            "An example of a forum: officers from the county's councils sharing practice on "
            "climate change.",
            ["Meets twice a year."],
        ),
        _entry(
            f"{EXAMPLE}Council-appointed trustee of a local charity",
            "Communities",
            Kind.OUTSIDE_BODY,
            Tier.STANDARD,
            "An example of a partnership which is also an outside body: a charity to whose "
            "board the council appoints a trustee.",
            ["The trustee reports to the Chief Officer once a year."],
        ),
    ],
    users=_users(
        officer=(NOTTS_PLACE, "Partnerships Officer"),
        member="Cabinet Member",
        head=(NOTTS_PLACE, "Corporate Director, Place"),
        keeper=("Chief Executive's", "Corporate Partnerships Manager"),
        smt="Corporate Director",
        clerk=("Democratic Services", "Democratic Services Officer"),
        auditor=("Internal Audit", "Internal Auditor"),
    ),
    officer_leads=[
        f"{EXAMPLE}Highways maintenance contract",
        f"{EXAMPLE}Economic growth partnership",
        f"{EXAMPLE}Countywide climate change forum",
    ],
    sponsor_service=NOTTS_PLACE,
    objectives=EXAMPLE_OBJECTIVES,
    detail={
        "partnership": f"{EXAMPLE}Nottinghamshire community safety partnership",
        "objectives": [0],
        "partners": [
            ("Example: a district council", "public", "yes"),
            ("Example: the police", "public", "yes"),
            ("Example: an NHS trust", "public", "yes"),
        ],
        "representatives": [
            ("Jo Green", "member", "representative", "2023-05-20"),
            ("Sam Patel", "officer", "substitute", "2024-01-08"),
        ],
        "resources": [
            ("2026/27", "time", "Officer and councillor time at meetings", None, 80, True),
            (
                "2026/27",
                "funding",
                "The council's contribution to joint projects",
                30000,
                None,
                True,
            ),
        ],
        "risks": [
            (
                "A partner withdraws its funding and the partnership's work stops.",
                2,
                4,
                "Corporate Director, Place",
                "The pre-partnership agreement sets out each partner's contribution.",
                True,
            ),
        ],
        "meeting_frequency": "Quarterly",
        "exit_strategy": "A risk analysis of withdrawal, then six months' notice to partners.",
    },
    proposal={
        "name": f"{EXAMPLE}Youth services partnership",
        "remit": "Youth centres across the county run with voluntary groups.",
        "accountable_body": "Nottinghamshire County Council",
        "alternative_existing": "No existing partnership provides for young people.",
        "alternative_consult": "Consultation alone would not run the centres.",
        "alternative_contract": "The voluntary groups bring volunteers a contract could not.",
    },
    overdue_conclusions="Reviewed before the register moved online: the partnership's aims "
    "still align with the council's strategic objectives.",
    brought_forward_reason="The contract's costs rose this year; the Corporate Leadership Team "
    "asked for an early review.",
    priorities=[
        (
            f"{EXAMPLE}Nottinghamshire community safety partnership",
            "high",
            "",
            "A statutory partnership that every department depends on.",
        ),
        (
            f"{EXAMPLE}Countywide climate change forum",
            "low",
            "The forum's work overlaps with the economic growth partnership. Consider leaving "
            "it and reading its notes instead.",
            "",
        ),
    ],
)

# South Derbyshire's register holds, in order, statutory partnerships ("e.g. Crime & Disorder
# Reduction Partnership"), community based partnerships and network groups or forums; its
# examples of joint working are an environmental forum and community funding agreements.
SD_COMMUNITY = "Community and Planning Services"
SOUTH_DERBYSHIRE = CouncilDemo(
    partnerships=[
        _entry(
            f"{EXAMPLE}South Derbyshire Crime & Disorder Reduction Partnership",
            SD_COMMUNITY,
            Kind.PARTNERSHIP,
            Tier.SIGNIFICANT,
            "An example of a statutory partnership, the one the policy names: the Council, "
            "police and other agencies working together to reduce crime and disorder in the "
            "district.",
            [
                "Quarterly partnership meetings.",
                "The annual assessment goes to the Head of Corporate Services.",
            ],
            True,
        ),
        _entry(
            f"{EXAMPLE}Local strategic partnership",
            "Corporate Services",
            Kind.STRATEGIC_PARTNERING,
            Tier.SIGNIFICANT,
            "An example of a strategic partnership: the Council and its partners agreeing the "
            "district's sustainable community strategy, with the Council as accountable body.",
            ["Meets quarterly; its annual report goes to SMT and Leading Members."],
        ),
        _entry(
            f"{EXAMPLE}Swadlincote community partnership",
            SD_COMMUNITY,
            Kind.PARTNERSHIP,
            Tier.STANDARD,
            "An example of a community based partnership: residents' groups and the Council "
            "improving the town centre.",
            ["Meetings every two months."],
        ),
        _entry(
            f"{EXAMPLE}Environmental forum",
            SD_COMMUNITY,
            Kind.JOINT_WORKING,
            Tier.STANDARD,
            "An example of joint working the policy gives: membership of an environmental "
            "forum, in an advisory role.",
            ["Meets twice a year."],
        ),
        _entry(
            f"{EXAMPLE}Community funding agreement with a voluntary group",
            SD_COMMUNITY,
            Kind.JOINT_WORKING,
            Tier.STANDARD,
            "An example of joint working the policy gives: funding over a fixed period in "
            "return for an agreed set of actions.",
            ["Six-monthly progress reports against the agreed actions."],
            True,
        ),
        _entry(
            f"{EXAMPLE}Nomination to a local charity's board",
            "Corporate Services",
            Kind.OUTSIDE_BODY,
            Tier.STANDARD,
            "An example of an outside body: a charity to whose board the Council nominates an "
            "Elected Member.",
            ["The Member reports once a year."],
        ),
    ],
    users=_users(
        officer=(SD_COMMUNITY, "Community Safety Officer"),
        member="Leading Member",
        head=(SD_COMMUNITY, "Head of Community and Planning Services"),
        keeper=("Corporate Services", "Head of Corporate Services"),
        smt="Director",
        clerk=("Democratic Services", "Committee Services Officer"),
        auditor=("Internal Audit", "Internal Auditor"),
    ),
    officer_leads=[
        f"{EXAMPLE}Community funding agreement with a voluntary group",
        f"{EXAMPLE}South Derbyshire Crime & Disorder Reduction Partnership",
        f"{EXAMPLE}Swadlincote community partnership",
    ],
    sponsor_service=SD_COMMUNITY,
    objectives=EXAMPLE_OBJECTIVES,
    detail={
        "partnership": f"{EXAMPLE}South Derbyshire Crime & Disorder Reduction Partnership",
        "objectives": [0],
        "partners": [
            ("Example: the police", "public", "yes"),
            ("Example: the county council", "public", "yes"),
            ("Example: the fire and rescue service", "public", "yes"),
        ],
        "representatives": [
            ("Jo Green", "member", "representative", "2023-05-20"),
            ("Sam Patel", "officer", "substitute", "2024-01-08"),
        ],
        "resources": [
            ("2026/27", "time", "Officer and Member time at meetings", None, 60, True),
            (
                "2026/27",
                "funding",
                "The Council's contribution to joint projects",
                10000,
                None,
                True,
            ),
        ],
        "risks": [
            (
                "Partners' grant funding ends and the Council is asked for resources beyond its "
                "approved budgets.",
                3,
                3,
                "Head of Community and Planning Services",
                "Resources beyond approved budgets are agreed by SMT first.",
                True,
            ),
        ],
        "meeting_frequency": "Quarterly",
        "exit_strategy": "The Partnership Agreement allows a partner to leave with six months' "
        "notice.",
    },
    proposal={
        "name": f"{EXAMPLE}Rural youth partnership",
        "remit": "Activities for young people in the district's villages, run with parish "
        "councils.",
        "accountable_body": "South Derbyshire District Council",
        "alternative_existing": "No existing partnership provides for young people in the "
        "villages.",
        "alternative_consult": "Consultation alone would not run the activities.",
        "alternative_contract": "The parish councils bring premises a contract could not.",
    },
    overdue_conclusions="Assessed before the register moved online: the partnership still "
    "supports the Council's corporate plan.",
    brought_forward_reason="The partnership's funding changed this year; SMT asked for an "
    "early assessment.",
    priorities=[
        (
            f"{EXAMPLE}South Derbyshire Crime & Disorder Reduction Partnership",
            "high",
            "",
            "A statutory partnership: it heads the register.",
        ),
        (
            f"{EXAMPLE}Environmental forum",
            "low",
            "The forum is advisory and supports one priority only. Consider leaving it at the "
            "end of the year.",
            "",
        ),
    ],
)

COUNCILS = {
    "chorley": CHORLEY,
    "melton": MELTON,
    "northamptonshire": NORTHAMPTONSHIRE,
    "nottinghamshire": NOTTINGHAMSHIRE,
    "south-derbyshire": SOUTH_DERBYSHIRE,
}


def council_of_register():
    """The council whose demo register is loaded, or None if none is."""
    names = set(Partnership.objects.values_list("name", flat=True))
    for key, demo in COUNCILS.items():
        if names & {entry["name"] for entry in demo.partnerships}:
            return key
    return None


def current():
    """The demo of the council whose policy is in force (Chorley's if it has none)."""
    return COUNCILS.get(Policy.current().preset, COUNCILS[DEFAULT_COUNCIL])
