"""The steps of scripts/benchmark that run inside Django. Each prints one line of JSON.

    benchmark_steps.py queries         query counts of the register pages and of every page
                                       measured under gunicorn
    benchmark_steps.py pages           the pages measured under gunicorn, each with its
                                       signed-in session cookie and a phrase it must show
    benchmark_steps.py export FORMAT   time and peak memory of exporting the whole register
    benchmark_steps.py import ROWS     time to check and import ROWS new partnerships, then
                                       to check and import a change to each of them
    benchmark_steps.py reports         time to build the SMT summary and to draw a spot check
                                       of 100 partnerships

It runs against whatever DATABASE_URL names: scripts/benchmark gives it a database of its own,
with the portal's settings plus the bare view the pages are measured against (benchmark_urls).
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
# Each step's finding goes to standard output alone; the portal's log lines (the security log
# writes to standard output) go to standard error, beside the benchmark's progress.
findings = sys.stdout
sys.stdout = sys.stderr
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmark_settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import Service, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from audits.services import spot_check_draw  # noqa: E402
from partnerships.models import Kind, Partnership, Status, StrategicObjective  # noqa: E402
from partnerships.spreadsheets.importing import register_import_run, register_import_upload  # noqa: E402


def report(finding):
    print(json.dumps(finding), file=findings)


def user(username, role, **fields):
    person, _ = User.objects.get_or_create(
        username=username, defaults={"role": role, "first_name": "Benchmark", **fields}
    )
    return person


def signed_in(role=Role.OFFICER):
    client = Client()
    if role == Role.ADMIN:
        # The Django admin is for the portal's administrators, who have passed their
        # second factor.
        person = user("bench.admin", role, is_staff=True, is_superuser=True)
    else:
        person = user(f"bench.{role}", role)
    client.force_login(person, backend="accounts.backends.PortalBackend")
    if role == Role.ADMIN:
        session = client.session
        session["mfa"] = "done"
        session.save()
    client.get("/")  # the first page after sign-in starts the session clock
    return client


def count_queries(client, url):
    # A signed-in session notes when it was last seen once a minute, a write on whichever
    # request falls then: of two requests in a row, the fewer queries are the page's own.
    return min(count_queries_once(client, url), count_queries_once(client, url))


def count_queries_once(client, url):
    # Counted as they run: Django empties its own log of queries when each request starts.
    count = 0

    def counted(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        response = client.get(url)
        if response.streaming:
            for _ in response.streaming_content:
                pass
    assert response.status_code == 200, (url, response.status_code)
    return count


def busiest():
    """The partnership with the most parts: the record page's count must not depend on them."""
    return (
        Partnership.objects.annotate(
            parts=Count("partner_organisations", distinct=True)
            + Count("representatives", distinct=True)
            + Count("risks", distinct=True)
        )
        .order_by("-parts", "pk")
        .first()
    )


# The pages measured under gunicorn, side by side: (name, address, who, what it must show).
# wrk counts a redirect to the sign-in page as a success, so each is checked first.
def measured_pages():
    record = busiest()
    return [
        ("bare signed-in view", "/benchmark/bare/", Role.OFFICER, "Signed in."),
        ("lightest page", "/accessibility/", Role.OFFICER, "Signed in as"),
        ("register list", "/register/", Role.OFFICER, "Showing 1 to 25 of"),
        (
            "register, filtered and sorted",
            f"/register/?{urlencode({'kind': Kind.PARTNERSHIP, 'sort': 'updated'})}",
            Role.OFFICER,
            "Showing 1 to 25 of",
        ),
        ("record page", record.get_absolute_url(), Role.OFFICER, record.reference),
        ("inbox", "/", Role.OFFICER, "Signed in as"),
        ("admin changelist", "/admin/partnerships/partnership/", Role.ADMIN, "Select partnership"),
    ]


def pages():
    clients = {}
    listed = []
    for name, url, role, shows in measured_pages():
        if role not in clients:
            clients[role] = signed_in(role)
        cookie = settings.SESSION_COOKIE_NAME
        listed.append(
            {
                "name": name,
                "url": url,
                "cookie": f"{cookie}={clients[role].cookies[cookie].value}",
                "shows": shows,
            }
        )
    report(listed)


def queries():
    client = signed_in()
    # Filter values taken from a partnership the list shows, so that every filter finds rows
    # in the small register as in the large one: an empty page saves a query, which would
    # hide a difference that matters.
    shown = Partnership.objects.filter(status__in=[Status.ACTIVE, Status.EXITING])
    sample = shown.order_by("pk").first()
    statutory = "yes" if shown.filter(statutory=True).exists() else "no"
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
        "detail": busiest().get_absolute_url(),
        "export.csv": "/register/export.csv?status=all",
        "export.xlsx": "/register/export.xlsx?status=all",
    }
    counts = {name: count_queries(client, url) for name, url in pages.items()}
    clients = {Role.OFFICER: client, Role.ADMIN: signed_in(Role.ADMIN)}
    for name, url, role, _ in measured_pages():
        counts[name] = count_queries(clients[role], url)
    report({"partnerships": Partnership.objects.count(), "queries": counts})


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
    report(
        {
            "format": kind,
            "rows": rows,
            "seconds": round(seconds, 2),
            "bytes": size,
            "rss_before_mb": round(baseline / 1024, 1),
            "rss_peak_mb": round(peak / 1024, 1),
        }
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


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, round(time.perf_counter() - started, 2)


def import_rows(rows):
    keeper = user("bench.keeper", Role.REGISTER_KEEPER)
    results = {"rows": rows, "register_before": Partnership.objects.count()}
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        for step, remit in [("create", "To work together."), ("update", "To work closer.")]:
            checked, check_seconds = timed(
                register_import_upload, spreadsheet(rows, remit), actor=keeper
            )
            assert not checked.errors, checked.errors[:3]
            (done, plan), run_seconds = timed(register_import_run, checked.pk, actor=keeper)
            assert not plan.errors, plan.errors[:3]
            counts = done.created_count if step == "create" else done.updated_count
            assert counts == rows, (step, counts)
            results[step] = {"check_seconds": check_seconds, "import_seconds": run_seconds}
    results["register_after"] = Partnership.objects.count()
    report(results)


def reports():
    """The SMT summary page (V4) and a spot check of 100 drawn from the whole register (V6)."""
    keeper = signed_in(Role.REGISTER_KEEPER)
    started = time.perf_counter()
    response = keeper.get("/reports/smt-summary/")
    summary_seconds = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    auditor = user("bench.auditor", Role.AUDITOR)
    started = time.perf_counter()
    spot_check = spot_check_draw("Benchmark", 100, {"status": "all"}, actor=auditor)
    draw_seconds = time.perf_counter() - started
    assert len(spot_check.sample_ids) == 100
    report(
        {
            "partnerships": Partnership.objects.count(),
            "smt_summary_seconds": round(summary_seconds, 2),
            "spot_check_seconds": round(draw_seconds, 2),
        }
    )


if __name__ == "__main__":
    step, *arguments = sys.argv[1:] or ["help"]
    if step == "queries":
        queries()
    elif step == "pages":
        pages()
    elif step == "reports":
        reports()
    elif step == "export":
        export(arguments[0])
    elif step == "import":
        import_rows(int(arguments[0]))
    else:
        sys.exit(__doc__)
