"""Real servers for the deployment tests: gunicorn subprocesses on loopback ports, databases made for the test.

pytest-django's test database lives inside a transaction that other processes cannot see, so these tests make
their own database (a SQLite file, or a PostgreSQL database with a random name), migrate it and load content
into it through manage.py, exactly as the README's release step does.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI_DIR = ROOT / "tests" / "fixtures" / "content"
GUNICORN = Path(sys.executable).with_name("gunicorn")
# One key for every server of a deployment: a CSRF cookie or a signed form token from one is valid on the other.
SECRET_KEY = secrets.token_urlsafe(50)


def postgres_url() -> str:
    """The PostgreSQL server the suite runs against, or a skip when this pass is on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (scripts/test runs this in its PostgreSQL pass)")
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_DEBUG="0",
        WHITENOISE_USE_FINDERS="1",
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        PYTHONWARNINGS="ignore",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}: {result.stdout}{result.stderr}"
    return result.stdout


def release(env: dict[str, str], content: Path = MINI_DIR) -> None:
    """The README's release step, minus collectstatic (the servers serve static files from the finders)."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_content", "--path", str(content))


def count_rows(env: dict[str, str], *models: str) -> dict[str, int]:
    names = list(models)
    code = f"from wizard import models as m; print(' '.join(str(getattr(m, n).objects.count()) for n in {names!r}))"
    numbers = manage(env, "shell", "-v", "0", "-c", code).split()
    return dict(zip(models, map(int, numbers), strict=True))


@contextlib.contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh database on the suite's PostgreSQL server, dropped afterwards; yields its URL."""
    import psycopg

    name = f"ts_deploy_{secrets.token_hex(4)}"
    parts = urllib.parse.urlsplit(server_url)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            drop_database(admin, name)


def drop_database(admin, name: str) -> None:
    """Drop a scratch database that servers (perhaps killed ones) may still be connected to.

    Not `WITH (FORCE)`: for a role that is not a superuser, PostgreSQL 15 refuses it whenever an autovacuum
    worker happens to be in the database ("must be a member of the role whose process is being terminated").
    Plain DROP DATABASE stops autovacuum itself; only our own sessions need ending first.
    """
    import psycopg

    for attempt in range(10):
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()",
            [name],
        )
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except psycopg.errors.ObjectInUse:
            if attempt == 9:
                raise
            time.sleep(0.5)


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_server(env: dict[str, str], log: Path, *, workers: int = 2, threads: int = 4) -> Server:
    port = free_port()
    command = [str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    command += ["--threads", str(threads), "--worker-class", "gthread", "--timeout", "30"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited: {log.read_text()[-2000:]}")
        with contextlib.suppress(OSError):
            if Client().get(server.url + "/healthz").status == 200:
                return server
        time.sleep(0.2)
    server.stop()
    pytest.fail(f"gunicorn did not answer /healthz within 30 s: {log.read_text()[-2000:]}")


@dataclass
class Reply:
    status: int
    body: str
    url: str
    headers: dict[str, str]


class Client:
    """A small browser: cookies, the CSRF header, and every status as a value instead of an exception."""

    def __init__(self, timeout: float = 15) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.timeout = timeout

    def request(self, url: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> Reply:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        if data is not None:
            # Same-origin POST, as a browser sends it: Django's CSRF check compares the Origin header.
            origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(url))
            request.add_header("Origin", origin)
            request.add_header("Referer", url)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Reply(response.status, response.read().decode(), response.url, dict(response.headers))
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode(errors="replace"), url, dict(error.headers))

    def get(self, url: str, *, htmx: bool = False) -> Reply:
        return self.request(url, headers={"HX-Request": "true"} if htmx else None)

    def post(self, url: str, data: dict[str, str]) -> Reply:
        return self.request(url, data=data)


def wait_for(check: Callable[[], object], seconds: float) -> bool:
    """Poll `check` until it is true or `seconds` pass: servers write walk steps in the background."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False
