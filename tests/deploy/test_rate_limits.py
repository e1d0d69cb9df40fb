"""Rate limits hold across processes: two servers of two workers each count one admin-login limit together."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from .servers import Client, app_env, postgres_database, release, start_server

pytestmark = pytest.mark.slow

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
GUESSES = 40
LIMIT = 10


@pytest.fixture
def database_url(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        with postgres_database(url) as fresh:
            yield fresh
    else:
        yield f"sqlite:///{tmp_path / 'limits.sqlite3'}"


def _guess(base: str, n: int) -> int:
    client = Client(timeout=60)
    page = client.get(base + "/admin/login/")
    token = CSRF.search(page.body).group(1)
    reply = client.post(base + "/admin/login/", {"csrfmiddlewaretoken": token, "username": "admin", "password": f"{n}"})
    return reply.status


def test_forty_concurrent_guesses_on_four_processes_let_through_only_the_limit(database_url, tmp_path):
    # Per hour, so a slow machine cannot see the window pass during the test; the count is what is checked.
    env = app_env(database_url, ADMIN_LOGIN_RATE_LIMIT=f"{LIMIT}/h")
    release(env)
    servers = [start_server(env, tmp_path / f"server-{n}.log", workers=2, threads=4) for n in (1, 2)]
    try:
        with ThreadPoolExecutor(16) as pool:
            statuses = list(pool.map(lambda n: _guess(servers[n % 2].url, n), range(GUESSES)))
    finally:
        for server in servers:
            server.stop()
    # 200: the login form again with "wrong password"; 429: refused before the password is checked.
    assert (statuses.count(200), statuses.count(429)) == (LIMIT, GUESSES - LIMIT), statuses
