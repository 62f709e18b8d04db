"""The documentation an auditor checks for each sampled partnership (V6), and what the
register shows for each item when the sample is drawn.

The register's answer is only a starting point: the auditor confirms it against the papers
or overrides it with a note. It is worked out once, at the draw, so that the checklist says
what the register showed at the time even after the record changes.
"""

import calendar
import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from accounts.policy import Policy
from partnerships.models import Document

from .models import RegisterShows

# (key, label, what the auditor looks for)
ITEMS = [
    ("information_form", "Partnership information form",
     "The register record's core fields: purpose, accountable body, lead officer, sponsoring "
     "officer, the council's role, date formed, legal status and meetings."),
    ("agreement", "Partnership agreement or terms of reference",
     "A constitution, terms of reference, memorandum of understanding or agreement."),
    ("assessment", "Current assessment",
     "An assessment submitted or signed off within the policy's review cycle."),
    ("risks", "Risk entries", "Risks scored on the council's matrix, with owners."),
    ("exit_strategy", "Exit strategy", "How the council would leave the partnership."),
    ("representatives", "Council representatives", "The council's current representatives."),
    ("declarations", "Declarations of interest",
     "A declaration of interests for each current representative."),
]  # fmt: skip
LABELS = {key: label for key, label, _hint in ITEMS}
HINTS = {key: hint for key, _label, hint in ITEMS}

AGREEMENT_KINDS = {
    Document.Kind.TERMS_OF_REFERENCE,
    Document.Kind.CONSTITUTION,
    Document.Kind.MEMORANDUM,
    Document.Kind.AGREEMENT,
}
ASSESSED_STATES = ["submitted", "approved"]

PRESENT, MISSING, NOT_APPLICABLE = (
    RegisterShows.PRESENT,
    RegisterShows.MISSING,
    RegisterShows.NOT_APPLICABLE,
)


def months_before(day, months):
    """The same day `months` earlier, or the month's last day when it has no such day."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _long_date(value):
    return date_format(timezone.localtime(value), "j F Y")


def _information_form(partnership):
    core = [
        ("main purpose or remit", partnership.remit.strip()),
        ("accountable body",
         partnership.accountable_body.strip() or partnership.council_is_accountable_body),
        ("lead officer or Member", partnership.lead_officer_id),
        ("sponsoring officer", partnership.sponsor_id),
        ("council's role", partnership.council_role),
        ("date formed", partnership.date_formed),
        ("legal status", partnership.legal_status),
        ("meeting frequency", partnership.meeting_frequency.strip()),
    ]  # fmt: skip
    missing = [name for name, value in core if not value]
    if missing:
        return MISSING, "Not recorded: " + ", ".join(missing) + "."
    return PRESENT, "Every core field is recorded."


def _agreement(partnership, documents):
    papers = [d for d in documents if d.kind in AGREEMENT_KINDS]
    if papers:
        titles = "; ".join(f"{d.title} ({d.get_kind_display()})" for d in papers)
        return PRESENT, f"Attached: {titles}."
    if partnership.has_agreement:
        return PRESENT, "Recorded as having an agreement; no copy is attached."
    return MISSING, "No agreement recorded or attached."


def _assessment(partnership, policy, today):
    if not policy.assessment_form:
        return NOT_APPLICABLE, "The council's policy names no assessment form."
    try:
        cycle = policy.review_cycle(partnership.tier)
    except KeyError:
        return NOT_APPLICABLE, "The council's policy sets no review cycle for this tier."
    since = months_before(today, int(cycle["months"]))
    latest = (
        partnership.completed_forms.filter(
            template__key=policy.assessment_form,
            state__in=ASSESSED_STATES,
            submitted_at__date__gte=since,
        )
        .select_related("template")
        .order_by("-submitted_at")
        .first()
    )
    if latest is None:
        return MISSING, (
            f"No assessment submitted since {date_format(since, 'j F Y')} "
            f"({cycle['label'].lower()}, every {cycle['months']} months)."
        )
    return PRESENT, (
        f"{latest.template.title}, {latest.get_state_display().lower()}, "
        f"submitted {_long_date(latest.submitted_at)}."
    )


def _count(items, one, many, none):
    if not items:
        return MISSING, none
    return PRESENT, (one if len(items) == 1 else many.format(n=len(items)))


def _declarations(representatives):
    if not representatives:
        return MISSING, "No current representatives, so no declarations."
    without = [r.name for r in representatives if not r.declarations.all()]
    if without:
        return MISSING, "No declaration for: " + ", ".join(without) + "."
    return PRESENT, "Every current representative has made a declaration."


def register_shows(partnership, policy=None, today=None):
    """[(key, label, what the register shows, detail)] for one partnership, in order."""
    policy = policy or Policy.current()
    today = today or timezone.localdate()
    documents = list(partnership.documents.all())
    risks = list(partnership.risks.all())
    representatives = list(
        partnership.representatives.filter(finished_on__isnull=True).prefetch_related(
            "declarations"
        )
    )
    answers = {
        "information_form": _information_form(partnership),
        "agreement": _agreement(partnership, documents),
        "assessment": _assessment(partnership, policy, today),
        "risks": _count(risks, "1 risk entry.", "{n} risk entries.", "No risk entries."),
        "exit_strategy": (PRESENT, "Recorded.")
        if partnership.exit_strategy.strip()
        else (MISSING, "No exit strategy recorded."),
        "representatives": _count(
            representatives,
            "1 current representative.",
            "{n} current representatives.",
            "No current representatives.",
        ),
        "declarations": _declarations(representatives),
    }
    return [(key, item_label(key, policy), *answers[key]) for key, _label, _hint in ITEMS]


def item_label(key, policy):
    """The item's name; the record's core fields are checked as the council's own proposal
    form asks them (U1)."""
    if key == "information_form":
        return capfirst(policy.proposal_form_name)
    return LABELS[key]
