import os
import re
import subprocess
import sys
from pathlib import Path

from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_reports_nothing_in_production_mode():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2Lm9Rt4Vw8Yz" * 3,
            "ALLOWED_HOSTS": "partnerships.example.gov.uk",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_every_page_carries_a_csp_with_a_fresh_nonce_that_the_inline_script_uses(db):
    client = Client()
    first = client.get("/sign-in/")
    second = client.get("/sign-in/")
    policy = first["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert nonce not in second["Content-Security-Policy"]
    body = first.content.decode()
    scripts = re.findall(r"<script([^>]*)>", body)
    inline = [attrs for attrs in scripts if "src=" not in attrs]
    assert inline, "the layout has its js-enabled script"
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline)
    assert ' style="' not in body


def test_it_sends_the_other_protective_headers(db):
    response = Client().get("/sign-in/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
