from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.usefixtures("mini_guide")
@pytest.mark.parametrize("url", ["/", "/guides/mini/", "/guides/mini/wrong-src/", "/guides/mini/nope/"])
def test_csp_forbids_inline_code(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.usefixtures("mini_guide")
def test_every_script_is_a_file_or_carries_the_nonce(client):
    response = client.get("/guides/mini/widget/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts
    for tag in scripts:
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag


@pytest.mark.usefixtures("mini_guide")
def test_pages_refuse_framing_by_other_sites(client):
    response = client.get("/guides/mini/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SECURE": "1",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "help.example.com",
        "DJANGO_DEBUG": "0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
