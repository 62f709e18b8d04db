"""What a web host needs to serve requests, each check answering only ok or failing: the
reasons go to the log, never to the (public) response."""

import logging
import time

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("health")


def database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations():
    # A host running newer code than the database's schema must not take requests.
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def storage():
    # On a bucket this asks the object store, with the portal's own credentials, for a name
    # that need not exist: a refusal or no answer raises.
    default_storage.exists("health-check")
    return True


def task_queue():
    """No email has waited for a worker longer than the limit: else the workers are down."""
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    if oldest is None:
        return True
    return (timezone.now() - oldest).total_seconds() <= settings.HEALTH_TASK_QUEUE_MAX_AGE


CHECKS = {
    "database": database,
    "migrations": migrations,
    "storage": storage,
    "task_queue": task_queue,
}


def run_checks():
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            passed = check()
        except Exception:
            logger.exception("Health check %s failed", name)
            passed = False
        if not passed:
            logger.error("Health check %s is failing", name)
        results[name] = {
            "status": "ok" if passed else "failing",
            "seconds": round(time.monotonic() - started, 3),
        }
        # Without a database the other checks can only fail slowly; say so at once.
        if name == "database" and not passed:
            for rest in list(CHECKS)[1:]:
                results[rest] = {"status": "not checked", "seconds": 0}
            break
    return results
