"""Soak: 50 concurrent clients walk, search, send feedback and escalate for a while; nothing fails, nothing is lost.

Short in CI (SOAK_SECONDS, default 20); `bench/run` runs it longer. It runs on whatever database the suite runs
on: a SQLite file (WAL, busy timeout) in the SQLite pass, PostgreSQL in the PostgreSQL pass.
"""

from __future__ import annotations

import collections
import os
import random
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from .forms import post_forms
from .servers import Client, app_env, count_rows, postgres_database, release, start_server

pytestmark = pytest.mark.slow

CLIENTS = int(os.environ.get("SOAK_CLIENTS", "50"))
SECONDS = float(os.environ.get("SOAK_SECONDS", "20"))
WALK = re.compile(r'href="(/guides/mini/[a-z0-9-]+/\?w=[0-9a-f]{32})"')
RESOLUTION = "/guides/mini/ad-blocker/"
ESCALATION = "/guides/mini/widget-escalate/"
SEARCHES = ["widget", "WIDGET_BLOCKED", "<b>blank</b>", "android package", "zzz no match", "%00", "404 script"]


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: collections.Counter[tuple[str, int]] = collections.Counter()
        self.saved = collections.Counter()

    def add(self, action: str, status: int, *, saved: str | None = None) -> None:
        with self.lock:
            self.statuses[action, status] += 1
            if saved and status < 400:
                self.saved[saved] += 1


def _submit(client: Client, base: str, page_url: str, kind: str, tally: Tally, **values: str) -> None:
    page = client.get(base + page_url)
    tally.add(f"{kind} page", page.status)
    forms = [form for form in post_forms(page.body, page_url) if kind in form.action]
    if forms:
        reply = client.post(base + forms[0].action, forms[0].filled(**values))
        tally.add(kind, reply.status, saved=kind)


def _walk(client: Client, base: str, tally: Tally, rng: random.Random) -> None:
    page = client.get(base + "/guides/mini/")
    tally.add("walk", page.status)
    for _ in range(3):
        links = WALK.findall(page.body)
        if not links:
            return
        page = client.get(base + rng.choice(links), htmx=rng.random() < 0.7)
        tally.add("walk", page.status)


def _client_loop(base: str, deadline: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    client = Client(timeout=30)
    while time.monotonic() < deadline:
        roll = rng.random()
        try:
            if roll < 0.55:
                _walk(client, base, tally, rng)
            elif roll < 0.8:
                reply = client.get(base + "/search/?q=" + rng.choice(SEARCHES), htmx=rng.random() < 0.5)
                tally.add("search", reply.status)
            elif roll < 0.93:
                _submit(client, base, RESOLUTION, "feedback", tally, helpful=rng.choice(["yes", "no"]))
            else:
                _submit(client, base, ESCALATION, "escalate", tally)
        except OSError as error:
            # A refused or timed-out connection is a failure too: count it, do not hide it.
            tally.add(f"connection error {type(error).__name__}", 599)


@pytest.fixture
def database_url(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        with postgres_database(url) as fresh:
            yield fresh
    else:
        yield f"sqlite:///{tmp_path / 'soak.sqlite3'}"


def test_soak_loses_nothing_and_never_answers_5xx(database_url, tmp_path):
    limits = {name: "100000/m" for name in ("FEEDBACK_RATE_LIMIT", "ESCALATION_RATE_LIMIT", "SEARCH_RATE_LIMIT")}
    env = app_env(database_url, **limits)
    release(env)
    before = count_rows(env, "Feedback", "Escalation")
    server = start_server(env, tmp_path / "server.log", workers=2, threads=8)
    tally = Tally()
    try:
        deadline = time.monotonic() + SECONDS
        with ThreadPoolExecutor(CLIENTS) as pool:
            for seed in range(CLIENTS):
                pool.submit(_client_loop, server.url, deadline, tally, seed)
    finally:
        server.stop()
    after = count_rows(env, "Feedback", "Escalation")
    failures = {key: count for key, count in tally.statuses.items() if key[1] >= 500}
    assert failures == {}, (failures, server.log.read_text()[-3000:])
    assert sum(tally.statuses.values()) > CLIENTS * 2, tally.statuses
    assert after["Feedback"] - before["Feedback"] == tally.saved["feedback"]
    assert after["Escalation"] - before["Escalation"] == tally.saved["escalate"]
    print(f"soak {SECONDS:.0f}s x {CLIENTS} clients:", dict(sorted(tally.statuses.items())))
