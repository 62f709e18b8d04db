"""A real OpenID provider for the sign-in tests: panva's certified oidc-provider (npm, pinned
in package-lock.json), run by node from tests/oidc/provider.mjs on a free port of 127.0.0.1.

`Provider` starts and stops it; `sign_in_at_provider` goes through its sign-in and consent
pages as a browser would, with plain HTTP, and returns the address it sends the person back
to, so that a test can hand that (or a tampered copy) to the portal.
"""

import html
import os
import re
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin

import requests

SCRIPT = Path(__file__).with_name("provider.mjs")
ROOT = SCRIPT.parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Provider:
    def __init__(self):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["node", str(SCRIPT)],
            cwd=ROOT,
            env={**os.environ, "PORT": str(self.port)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.discovery = requests.get(
                    f"{self.issuer}/.well-known/openid-configuration", timeout=1
                ).json()
                return self
            except requests.ConnectionError:
                if self.process.poll() is not None:
                    raise RuntimeError("the OpenID provider did not start") from None
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the OpenID provider did not answer within 20 seconds")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def settings(self, client_id="portal"):
        """The portal's settings for this provider, as an administrator would set them."""
        d = self.discovery
        return {
            "OIDC_ENABLED": True,
            "OIDC_OP_ISSUER": d["issuer"],
            "OIDC_OP_AUTHORIZATION_ENDPOINT": d["authorization_endpoint"],
            "OIDC_OP_TOKEN_ENDPOINT": d["token_endpoint"],
            "OIDC_OP_USER_ENDPOINT": d["userinfo_endpoint"],
            "OIDC_OP_JWKS_ENDPOINT": d["jwks_uri"],
            "OIDC_OP_LOGOUT_ENDPOINT": d["end_session_endpoint"],
            "OIDC_RP_CLIENT_ID": client_id,
            "OIDC_RP_CLIENT_SECRET": f"{client_id}-secret",
            "OIDC_AUDIENCE": "",
        }


# The mapping an administrator keeps in the policy: app roles and groups to portal roles
# and services.
SIGN_IN_POLICY = {
    "sso_roles": {
        "Partnerships.Admin": "admin",
        "Partnerships.RegisterKeeper": "register_keeper",
    },
    "sso_services": {"grp-corporate": "Corporate Services"},
}


def _form(page):
    action = re.search(r'<form[^>]*action="([^"]+)"', page).group(1)
    fields = dict(re.findall(r'<input[^>]*type="hidden" name="([^"]+)" value="([^"]*)"', page))
    return html.unescape(action), fields


def sign_in_at_provider(authorize_url, account, back_to):
    """Sign in at the provider as `account` and consent; return the URL it redirects to
    that starts with `back_to` (the portal's callback)."""
    http = requests.Session()
    url, method, data = authorize_url, "get", None
    for _ in range(12):
        response = http.request(method, url, data=data, allow_redirects=False, timeout=10)
        if response.is_redirect:
            url = urljoin(url, response.headers["Location"])
            if url.startswith(back_to):
                return url
            method, data = "get", None
            continue
        action, fields = _form(response.text)
        if fields.get("prompt") == "login":
            fields.update(login=account, password="any")
        url, method, data = urljoin(url, action), "post", fields
    raise AssertionError("the provider never sent the person back")
