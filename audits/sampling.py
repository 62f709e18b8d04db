"""Drawing a random sample of partnerships that anyone can draw again (V6).

The population is the partnerships the filters select, in primary key order; the sample is
`random.Random(seed).sample(population, size)`. Given the same seed and the same population,
Python draws the same sample on any machine, so the recorded seed and population ids are all
an auditor, or the auditor's auditor, needs to reproduce it. Python promises that only for
random() itself across its versions, so the sample drawn is recorded as well.
"""

import hashlib
import random
import secrets

from partnerships.models import CURRENT_STATUSES, Partnership, Status

CURRENT = "current"
ALL = "all"
STATUS_CHOICES = [
    (CURRENT, "Current (active or exiting)"),
    # A draft is its proposer's working copy, not yet something the council is in.
    *[(value, label) for value, label in Status.choices if value != Status.DRAFT],
    (ALL, "All, including excluded, rejected and ceased"),
]
# Typed seeds stay short enough to read out and type back in.
MAX_SEED = 999_999_999


def new_seed():
    return secrets.randbelow(MAX_SEED) + 1


def population(filters):
    """The ids of the partnerships the filters select, in primary key order.

    filters: {"status": "current" | "all" | a Status, "kind": "", "tier": "",
    "lead_service": ""}; a blank filter selects everything."""
    partnerships = Partnership.objects.all()
    status = filters.get("status") or CURRENT
    if status == CURRENT:
        partnerships = partnerships.filter(status__in=CURRENT_STATUSES)
    elif status != ALL:
        partnerships = partnerships.filter(status=status)
    else:
        partnerships = partnerships.exclude(status=Status.DRAFT)
    for name in ("kind", "tier", "lead_service"):
        if filters.get(name):
            partnerships = partnerships.filter(**{name: filters[name]})
    return list(partnerships.order_by("pk").values_list("pk", flat=True))


def digest(ids):
    return hashlib.sha256(",".join(str(pk) for pk in ids).encode()).hexdigest()


def draw(population_ids, seed, size):
    """The sample's ids, in the order drawn."""
    return random.Random(seed).sample(list(population_ids), size)


def redraw(spot_check):
    """Draws the spot check's sample again from its seed, twice: from the population it
    recorded (which must give the same sample, or the record is not what was drawn) and from
    the population the same filters select today (which may have changed since)."""
    today = population(spot_check.filters)
    from_record = draw(spot_check.population_ids, spot_check.seed, spot_check.sample_size)
    size_today = min(spot_check.sample_size, len(today))
    from_today = draw(today, spot_check.seed, size_today)
    return {
        "from_record": from_record,
        "record_matches": from_record == spot_check.sample_ids
        and digest(spot_check.population_ids) == spot_check.population_digest,
        "population_today": today,
        "population_changed": digest(today) != spot_check.population_digest,
        "added": sorted(set(today) - set(spot_check.population_ids)),
        "removed": sorted(set(spot_check.population_ids) - set(today)),
        "from_today": from_today,
        "today_matches": from_today == spot_check.sample_ids,
    }
