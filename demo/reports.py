"""Demo data for this part of the portal, loaded by `manage.py load_demo` after the
register: two prioritisations (one a candidate for withdrawal) and, where the council's
policy asks for regular performance reports (Chorley's key partnerships report to Cabinet),
the report for April to September 2026, written and closed. Running it again adds
nothing."""

from datetime import date

from accounts.models import Policy
from demo import councils
from partnerships.models import Partnership
from reports.models import CabinetReport, Prioritisation
from reports.services import (
    cabinet_entry_save,
    cabinet_report_close,
    cabinet_report_open,
    prioritisation_save,
)

# What each of Chorley's lead officers would write, by partnership; the rest get the general
# entry below.
ENTRIES = {
    "Active Nation": (
        "Visits to the leisure centres rose by 6% against a target of 4%; the swimming "
        "lessons target was met.",
        "Energy costs at Clayton Green are above the contract's assumptions; a variation is "
        "being discussed.",
        "no",
        "Active Nation's latest accounts show a small surplus; its trustees are unchanged.",
    ),
    "Veolia": (
        "Missed bins stayed under 1 in 1,000 collections; recycling at 47% against a 45% target.",
        "None this period.",
        "yes",
        "A national company with sound finances; no change in the local management team.",
    ),
    "Glendale": (
        "Rounds played fell by 3% against a target of holding steady.",
        "The clubhouse roof needs repair: who pays is under discussion.",
        "yes",
        "Glendale is stable; the golf division was restructured in the spring.",
    ),
}
GENERAL = (
    "The partnership's objectives and outputs for the half year were delivered as planned.",
    "None this period.",
    "not_applicable",
    "The key partners remain well governed and financially stable.",
)


def load(users, stdout):
    keeper = users["keeper"]
    for name, priority, reasons, notes in councils.current().priorities:
        partnership = Partnership.objects.filter(name=name).first()
        if partnership and not Prioritisation.objects.filter(partnership=partnership).exists():
            prioritisation_save(
                partnership.pk, priority, bool(reasons), reasons, notes, actor=keeper
            )

    if CabinetReport.objects.exists() or not Policy.current().performance_report_months:
        return
    report = cabinet_report_open(
        date(2026, 4, 1),
        date(2026, 9, 30),
        "The half-yearly report on the council's key partnerships, as the Key Partnerships "
        "Framework asks.",
        actor=keeper,
    )
    for entry in report.entries.select_related("partnership"):
        performance, issues, on_budget, strength = ENTRIES.get(entry.partnership.name, GENERAL)
        writer = users["officer"] if entry.partnership.lead_officer_id else keeper
        cabinet_entry_save(
            entry.pk,
            entry.version,
            performance=performance,
            emerging_issues=issues,
            on_budget=on_budget,
            partner_strength=strength,
            changes=entry.changes or "No changes to the partnership this period.",
            actor=writer,
        )
    cabinet_report_close(report.pk, actor=keeper)
    stdout.write(f"Demo Cabinet report: {report.period_label}, {report.entries.count()} entries.")
