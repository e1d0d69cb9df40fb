"""Two stateless app servers, one PostgreSQL database: any request may land on either."""

from __future__ import annotations

import re

import psycopg
import pytest

from .forms import post_forms
from .servers import Client, app_env, count_rows, postgres_database, postgres_url, release, start_server, wait_for

pytestmark = pytest.mark.slow

WALK_RECORD_DELAY = 0.5
ANSWER = re.compile(r'href="(/guides/mini/[a-z0-9-]+/\?w=([0-9a-f]{32}))"')


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    with postgres_database(postgres_url()) as url:
        env = app_env(
            url,
            FEEDBACK_RATE_LIMIT="1000/m",
            ESCALATION_RATE_LIMIT="1000/m",
            WALK_RECORD_DELAY=str(WALK_RECORD_DELAY),
        )
        release(env)
        logs = tmp_path_factory.mktemp("two-servers")
        servers = [start_server(env, logs / f"server-{n}.log", workers=1, threads=2) for n in (1, 2)]
        try:
            yield env, servers
        finally:
            for server in servers:
                server.stop()


def test_a_walk_begun_on_one_server_continues_on_the_other(deployment):
    env, (first, second) = deployment
    client = Client()
    start = client.get(first.url + "/guides/mini/")
    path, walk = ANSWER.search(start.body).groups()
    # A reader takes longer to answer than the servers wait before writing their steps (WALK_RECORD_DELAY).
    assert wait_for(lambda: _event_kinds(env, walk), 15)
    step = client.get(second.url + path, htmx=True)
    assert step.status == 200
    assert f"w={walk}" in step.body
    # "answered" is only recorded when the second server finds the walk the first one started.
    assert wait_for(lambda: "answered" in _event_kinds(env, walk), 15)


def _event_kinds(env: dict[str, str], walk: str) -> set[str]:
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        rows = connection.execute("SELECT DISTINCT kind FROM wizard_event WHERE walk_id = %s", [walk]).fetchall()
    return {kind for (kind,) in rows}


def test_feedback_sent_through_both_servers_is_all_there(deployment):
    env, servers = deployment
    before = count_rows(env, "Feedback")["Feedback"]
    sent = 0
    for server in servers * 3:
        client = Client()
        page = client.get(server.url + "/guides/mini/ad-blocker/")
        (form,) = [form for form in post_forms(page.body, "/guides/mini/ad-blocker/") if "feedback" in form.action]
        reply = client.post(server.url + form.action, form.filled(helpful="yes"))
        assert reply.status == 200, reply.body[-500:]
        sent += 1
    after = count_rows(env, "Feedback")["Feedback"]
    assert after - before == sent == 6
