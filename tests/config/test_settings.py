"""What config/settings.py makes of the environment: the database, production's security settings, the headers
and content security policy every page gets, and where a login leads."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What a production server sets (README, Deployment).
PRODUCTION = {
    "DJANGO_SECURE": "1",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "help.example.com",
    "DJANGO_DEBUG": "0",
}
SQLITE_PRAGMAS = (
    "from django.db import connection\n"
    "c = connection.cursor()\n"
    "print(*(c.execute(f'PRAGMA {name}').fetchone()[0] for name in ('journal_mode', 'busy_timeout', 'mmap_size')))"
)


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """manage.py in a fresh process, so the settings are read from this environment."""
    environment = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def shell(code: str, **env: str) -> str:
    result = manage("shell", "-v", "0", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# The database -------------------------------------------------------------------------------------------------


def test_sqlite_file_database_runs_in_wal_mode_with_a_busy_timeout_and_a_memory_map(tmp_path):
    output = shell(SQLITE_PRAGMAS, DATABASE_URL=f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    assert output.split() == ["wal", "20000", str(1024**3)]


def test_sqlite_memory_map_can_be_turned_off(tmp_path):
    output = shell(SQLITE_PRAGMAS, DATABASE_URL=f"sqlite:///{tmp_path / 'wal.sqlite3'}", SQLITE_MMAP_SIZE="0")
    assert output.split() == ["wal", "20000", "0"]


# Production -----------------------------------------------------------------------------------------------------


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", **PRODUCTION)
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_settings_send_hsts():
    code = (
        "from django.test import Client\n"
        "r = Client().get('/healthz', secure=True, headers={'host': 'help.example.com'})\n"
        "print(r.headers.get('Strict-Transport-Security'))"
    )
    assert shell(code, **PRODUCTION).splitlines()[-1].startswith("max-age=31536000")


def test_production_cookies_stay_same_site_lax():
    """No cookie is SameSite=None: the embed forms need none, and the admin's must not go cross-site."""
    code = (
        "from django.test import Client\n"
        "r = Client().get('/admin/login/', secure=True, headers={'host': 'help.example.com'})\n"
        "print(r.cookies['csrftoken']['samesite'], r.cookies['csrftoken']['secure'])"
    )
    # The login page links the admin's CSS: without collectstatic's manifest, name files as they are.
    storage = {"DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    assert shell(code, **PRODUCTION, **storage).splitlines()[-1] == "Lax True"


# Headers and the content security policy --------------------------------------------------------------------


@pytest.mark.usefixtures("mini_guide")
def test_pages_send_security_headers(client):
    response = client.get("/guides/mini/")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]


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


# Login ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_after_login_a_refused_next_leads_staff_to_the_admin(client, admin_user, next_url):
    response = client.post(f"/admin/login/?next={next_url}", {"username": "admin", "password": "password"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_after_login_a_next_on_this_site_is_kept(client, admin_user):
    response = client.post("/admin/login/?next=/insights/", {"username": "admin", "password": "password"})
    assert response["Location"] == "/insights/"
