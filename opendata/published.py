"""The published register, made once per change of the register and then served from the
cache.

The cache key carries the register's last change (the latest `updated_at` and the number of
partnerships) and the open-data settings' own: when anything changes, the key changes, so
no host ever serves an old copy, whichever cache each host has (its own memory, or one
shared). Finding the key is one small aggregate query.
"""

import csv
import io
import json

from django.core.cache import cache
from django.db.models import Count, Max

from partnerships.models import Partnership

from .fields import FIELDS, published_rows

# Old keys are never read again once the register changes. What the key does not see (a
# service renamed, a lead officer's name corrected) shows within the hour.
CACHE_SECONDS = 3600


def register_stamp():
    changed = Partnership.objects.aggregate(latest=Max("updated_at"), count=Count("pk"))
    return changed["latest"], changed["count"]


def _moment(when):
    return when.timestamp() if when else 0


def _key(settings, stamp, what, policy=None):
    latest, count = stamp
    # The policy names the council in the JSON's heading.
    policy_moment = _moment(policy.updated_at) if policy else 0
    return (
        f"opendata:{what}:{_moment(latest)}:{count}:{_moment(settings.updated_at)}:{policy_moment}"
    )


def last_updated(settings, stamp):
    """When what is published last changed: the register, or the choice of fields."""
    return max(filter(None, [stamp[0], settings.updated_at]))


def rows(settings, stamp):
    return cache.get_or_set(
        _key(settings, stamp, "rows"), lambda: published_rows(settings.fields), CACHE_SECONDS
    )


def headings(settings):
    return [FIELDS[key][0] for key in FIELDS if key in settings.fields]


def as_csv(settings, stamp):
    def make():
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=headings(settings))
        writer.writeheader()
        for row in rows(settings, stamp):
            # A cell starting = + - @ would run as a formula in a spreadsheet.
            writer.writerow({k: ("'" + v if v[:1] in "=+-@" else v) for k, v in row.items()})
        return out.getvalue().encode("utf-8-sig")

    return cache.get_or_set(_key(settings, stamp, "csv"), make, CACHE_SECONDS)


def as_json(settings, stamp, policy, meta):
    def make():
        keys = [key for key in FIELDS if key in settings.fields]
        labels = headings(settings)
        items = [{key: row[label] for key, label in zip(keys, labels, strict=True)}
                 for row in rows(settings, stamp)]  # fmt: skip
        return json.dumps({**meta, "fields": dict(zip(keys, labels, strict=True)),
                           "partnerships": items}, indent=1).encode()  # fmt: skip

    return cache.get_or_set(_key(settings, stamp, "json", policy), make, CACHE_SECONDS)
