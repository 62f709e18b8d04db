"""The steps of scripts/benchmark that run inside Django. Each prints one line of JSON.

    benchmark_steps.py queries         query counts of the register pages
    benchmark_steps.py session         a signed-in officer's session cookie, for wrk
    benchmark_steps.py export FORMAT   time and peak memory of exporting the whole register
    benchmark_steps.py import ROWS     time to check and import ROWS new partnerships, then
                                       to check and import a change to each of them

It runs against whatever DATABASE_URL names: scripts/benchmark gives it a database of its own.
"""

import csv
import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Service, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from partnerships.models import Partnership, Status, StrategicObjective  # noqa: E402
from partnerships.spreadsheets.importing import register_import_run, register_import_upload  # noqa: E402


def user(username, role):
    person, _ = User.objects.get_or_create(
        username=username, defaults={"role": role, "first_name": "Benchmark"}
    )
    return person


def signed_in(role=Role.OFFICER):
    client = Client()
    client.force_login(user(f"bench.{role}", role), backend="accounts.backends.PortalBackend")
    client.get("/")  # the first page after sign-in starts the session clock
    return client


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            for _ in response.streaming_content:
                pass
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def queries():
    client = signed_in()
    # Filter values taken from a partnership the list shows, so that every filter finds rows
    # in the small register as in the large one: an empty page saves a query, which would
    # hide a difference that matters.
    shown = Partnership.objects.filter(status__in=[Status.ACTIVE, Status.EXITING])
    sample = shown.order_by("pk").first()
    statutory = "yes" if shown.filter(statutory=True).exists() else "no"
    # The partnership with the most parts: the detail page's count must not depend on them.
    busiest = (
        Partnership.objects.annotate(
            parts=Count("partner_organisations", distinct=True)
            + Count("representatives", distinct=True)
            + Count("risks", distinct=True)
        )
        .order_by("-parts", "pk")
        .first()
    )
    pages = {
        "register": "/register/",
        "search": f"/register/?{urlencode({'q': sample.name.split()[0]})}",
        "status: all": "/register/?status=all",
        "kind": f"/register/?kind={sample.kind}",
        "tier": f"/register/?tier={sample.tier}",
        "statutory": f"/register/?statutory={statutory}",
        "lead service": f"/register/?lead_service={sample.lead_service_id}",
        "filter: review": "/register/?review=overdue",
        "sort: name": "/register/?sort=name",
        "sort: reference": "/register/?sort=reference",
        "sort: service": "/register/?sort=service",
        "sort: changed": "/register/?sort=updated",
        "page 2": "/register/?status=all&page=2",
        "detail": f"/register/{busiest.pk}/",
        "export.csv": "/register/export.csv?status=all",
        "export.xlsx": "/register/export.xlsx?status=all",
    }
    counts = {name: count_queries(client, url) for name, url in pages.items()}
    print(json.dumps({"partnerships": Partnership.objects.count(), "queries": counts}))


def session():
    name = settings.SESSION_COOKIE_NAME
    print(json.dumps({"cookie": f"{name}={signed_in().cookies[name].value}"}))


def export(kind):
    client = signed_in()
    rows = Partnership.objects.count()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(f"/register/export.{kind}?status=all")
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert response.status_code == 200
    print(
        json.dumps(
            {
                "format": kind,
                "rows": rows,
                "seconds": round(seconds, 2),
                "bytes": size,
                "rss_before_mb": round(baseline / 1024, 1),
                "rss_peak_mb": round(peak / 1024, 1),
            }
        )
    )


def spreadsheet(rows, remit):
    services = list(Service.objects.values_list("name", flat=True))
    objectives = list(StrategicObjective.objects.values_list("name", flat=True)[:3])
    officers = list(User.objects.filter(role=Role.OFFICER).values_list("username", flat=True)[:50])
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(
        [
            "Name",
            "Kind",
            "Lead service",
            "Main purpose or remit",
            "Statutory",
            "Lead officer",
            "Strategic objectives",
            "Date formed",
            "Monitoring arrangements",
        ]
    )
    for n in range(rows):
        writer.writerow(
            [
                f"Benchmark partnership {n:04d}",
                "Partnership",
                services[n % len(services)],
                remit,
                "Yes" if n % 7 == 0 else "No",
                officers[n % len(officers)] if officers else "",
                "; ".join(objectives[: n % 3]),
                "01/04/2020",
                "Quarterly reports to the board.",
            ]
        )
    return SimpleUploadedFile("benchmark.csv", out.getvalue().encode())


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, round(time.perf_counter() - started, 2)


def import_rows(rows):
    keeper = user("bench.keeper", Role.REGISTER_KEEPER)
    results = {"rows": rows, "register_before": Partnership.objects.count()}
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        for step, remit in [("create", "To work together."), ("update", "To work closer.")]:
            checked, check_seconds = timed(register_import_upload, keeper, spreadsheet(rows, remit))
            assert not checked.errors, checked.errors[:3]
            (done, plan), run_seconds = timed(register_import_run, keeper, checked.pk)
            assert not plan.errors, plan.errors[:3]
            counts = done.created_count if step == "create" else done.updated_count
            assert counts == rows, (step, counts)
            results[step] = {"check_seconds": check_seconds, "import_seconds": run_seconds}
    results["register_after"] = Partnership.objects.count()
    print(json.dumps(results))


if __name__ == "__main__":
    step, *arguments = sys.argv[1:] or ["help"]
    if step == "queries":
        queries()
    elif step == "session":
        session()
    elif step == "export":
        export(arguments[0])
    elif step == "import":
        import_rows(int(arguments[0]))
    else:
        sys.exit(__doc__)
