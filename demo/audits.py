"""Demo data for this part of the portal, loaded by `manage.py load_demo` after the
register. Running it again adds nothing.

A small completed spot check by the demo auditor, with one finding whose follow-up action
waits in the demo officer's inbox."""

import datetime

from django.utils import timezone

from audits import sampling, services
from audits.models import Outcome, SpotCheck

DEMO_TITLE = "Partnership documentation, demo sample"
DEMO_SEED = 20261
AS_THE_REGISTER_SHOWS = {
    "present": Outcome.FOUND,
    "missing": Outcome.MISSING,
    "not_applicable": Outcome.NOT_APPLICABLE,
}


def load(users, stdout):
    auditor = users["auditor"]
    if SpotCheck.objects.filter(auditor=auditor, title=DEMO_TITLE).exists():
        return
    filters = {"status": sampling.CURRENT, "kind": "", "tier": "", "lead_service": ""}
    size = min(3, len(sampling.population(filters)))
    if not size:
        return
    spot_check = services.spot_check_draw(DEMO_TITLE, size, filters, seed=DEMO_SEED, actor=auditor)
    for sampled in spot_check.sampled.prefetch_related("items"):
        answers = {
            item.key: (AS_THE_REGISTER_SHOWS[item.register_shows], "")
            for item in sampled.items.all()
        }
        services.checklist_save(sampled.pk, answers, actor=auditor)
    first = spot_check.sampled.select_related("partnership").first()
    missing = [item.label.lower() for item in first.items.filter(outcome=Outcome.MISSING)]
    finding = services.finding_add(
        spot_check.pk,
        f"Missing from the record: {', '.join(missing)}."
        if missing
        else "Every item was found; the terms of reference are due for renewal.",
        "medium",
        partnership=first.partnership,
        actor=auditor,
    )
    services.action_add(
        finding.pk,
        "Complete the record and attach the papers that are missing.",
        users["officer"],
        timezone.localdate() + datetime.timedelta(days=60),
        actor=auditor,
    )
    services.spot_check_complete(
        spot_check.pk,
        "The sampled partnerships are on the register, but their documentation is not "
        "complete: see the checklists and the finding.",
        actor=auditor,
    )
    stdout.write(f"Demo spot check: a sample of {size} drawn with seed {DEMO_SEED}, completed.")
