"""Rate limits: a sliding window counted in the database, shared by every process, on a clock the tests control."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from wizard.models import RateLimit
from wizard.services.rate_limits import Rate, rate_limit_hit

pytestmark = pytest.mark.django_db


def hits(count: int, rate: str = "3/m", keys: tuple[str, ...] = ("ip:a",)) -> list[bool]:
    return [rate_limit_hit(keys=keys, rate=rate) for _ in range(count)]


def test_requests_up_to_the_limit_pass_and_the_next_is_refused(clock):
    assert hits(4) == [False, False, False, True]


def test_the_window_slides_instead_of_restarting_at_the_minute(clock):
    hits(3)
    # Ten seconds on, a new clock minute has begun; the three requests are still within the last 60 seconds.
    clock.shift(10)
    assert hits(1) == [True]


def test_a_request_passes_again_once_the_oldest_leaves_the_window(clock):
    hits(1)
    clock.shift(30)
    hits(2)
    clock.shift(30.5)
    assert hits(2) == [False, True]


def test_refused_requests_are_not_counted(clock):
    hits(3)
    clock.shift(30)
    hits(5)
    clock.shift(30.5)
    assert hits(3) == [False, False, False]


def test_in_any_minute_no_more_than_the_limit_pass(clock):
    passed = []
    for _ in range(600):
        if not rate_limit_hit(keys=["ip:a"], rate="10/m"):
            passed.append(time.time())
        clock.shift(0.7)
    assert max(sum(1 for t in passed if start <= t < start + 60) for start in passed) == 10


def test_keys_count_apart(clock):
    hits(3, keys=("ip:a",))
    assert hits(1, keys=("ip:b",)) == [False]


def test_a_request_counts_against_every_key_or_none(clock):
    hits(3, keys=("ip:a",))
    # Refused by the address: the form's own count is left as it was.
    assert hits(1, keys=("ip:a", "form:x")) == [True]
    assert RateLimit.objects.get(key="form:x").hits == []


def test_an_empty_rate_is_no_limit(clock):
    assert hits(50, rate="") == [False] * 50


@pytest.mark.parametrize(
    ("text", "rate"), [("10/m", Rate(10, 60)), ("5/10m", Rate(5, 600)), ("1000/h", Rate(1000, 3600))]
)
def test_rates_parse(text, rate):
    assert Rate.parse(text) == rate


def test_a_malformed_rate_says_what_it_expects():
    with pytest.raises(ImproperlyConfigured, match="expected <count>/<unit>"):
        Rate.parse("ten per minute")


def test_old_windows_are_pruned(clock, monkeypatch):
    monkeypatch.setattr("wizard.services.rate_limits.PRUNE_EVERY", 1)
    hits(1, keys=("ip:old",))
    clock.shift(61)
    hits(1, keys=("ip:new",))
    assert list(RateLimit.objects.values_list("key", flat=True)) == ["ip:new"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_from_many_threads_never_pass_more_than_the_limit(clock):
    """As two workers would: each thread has its own database connection, all count in one row.

    On PostgreSQL only: SQLite's in-memory test database locks whole tables across threads and does not wait.
    tests/deploy/test_rate_limits.py covers a SQLite file, with real workers.
    """
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database does not wait for locks; see tests/deploy/test_rate_limits.py")
    results: list[bool] = []
    lock = threading.Lock()

    def post() -> None:
        try:
            limited = hits(5, rate="10/m")
            with lock:
                results.extend(limited)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (results.count(False), results.count(True)) == (10, 30)
