"""/health/ (liveness) and /health/ready/ (readiness) for the load balancer and monitoring."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.objectstore import free_ports

ROOT = Path(__file__).resolve().parents[2]


def test_it_says_a_live_host_is_live_without_asking_the_database(client):
    # No database for this test: pytest-django makes any query in it an error.
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]  # a monitor never reads a kept answer


def test_it_says_a_host_is_ready_when_everything_it_needs_answers(client, db):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "migrations": "ok",
        "storage": "ok",
        "task_queue": "ok",
    }


def test_it_shows_nobody_anything_personal(client, keeper):
    client.force_login(keeper)
    for url in ("/health/", "/health/ready/"):
        body = client.get(url).content.decode()
        assert keeper.username not in body and keeper.email not in body
        assert str(connection.settings_dict["NAME"]) not in body


def test_it_is_not_ready_while_an_email_has_waited_too_long_for_a_worker(client, db, settings):
    settings.HEALTH_TASK_QUEUE_MAX_AGE = 60
    waiting = DBTaskResult.objects.create(
        task_path="accounts.tasks.send_email",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=timezone.now() - timedelta(hours=2),
    )
    DBTaskResult.objects.filter(pk=waiting.pk).update(
        enqueued_at=timezone.now() - timedelta(hours=2)
    )
    response = client.get("/health/ready/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["task_queue"]["status"] == "failing"
    assert checks["database"]["status"] == "ok"
    DBTaskResult.objects.filter(pk=waiting.pk).update(enqueued_at=timezone.now())
    assert client.get("/health/ready/").status_code == 200


def test_it_is_not_ready_when_the_storage_does_not_answer(client, db, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "nowhere",
                "endpoint_url": f"http://127.0.0.1:{free_ports(1)[0]}",
                "access_key": "x",
                "secret_key": "y",
                "region_name": "us-east-1",
            },
        },
    }
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["status"] == "failing"


CHECK_WITH_NO_DATABASE = """
import django, json
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = {url: client.get(url) for url in ("/health/", "/health/ready/")}
print(json.dumps({url: [r.status_code, r.json()] for url, r in answers.items()}))
"""


def test_it_is_live_but_not_ready_when_the_database_is_down():
    # A portal process of its own, pointed at a database server that is not there.
    (port,) = free_ports(1)
    env = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://portal@127.0.0.1:{port}/portal",
        "LOG_FORMAT": "json",
        "ALLOWED_HOSTS": "testserver",
    }
    done = subprocess.run(
        [sys.executable, "-c", CHECK_WITH_NO_DATABASE],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    assert answers["/health/"] == [200, {"status": "ok"}]
    status, body = answers["/health/ready/"]
    assert status == 503
    assert body["status"] == "failing"
    assert body["checks"]["database"]["status"] == "failing"
    assert body["checks"]["migrations"]["status"] == "not checked"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_answers_only_reads(method, db):
    assert getattr(Client(), method)("/health/ready/").status_code == 405
