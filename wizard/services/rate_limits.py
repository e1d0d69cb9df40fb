"""Rate limits counted in the database, so every process and every app server counts together.

Why the database and not Django's cache: without `CACHE_URL` the cache is each process's own memory (a limit of
10/m let 20-32 of 40 admin logins through two workers), and Django's database cache would be shared but counts
with a read then a write (`incr` is get + set), so concurrent requests, exactly what a password guesser sends,
lose counts. Here each key's row is locked while it is counted (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite's
IMMEDIATE transactions take the write lock up front), and the database is there already: no new service.

Why a sliding window: counters per clock minute (django-ratelimit's) allow twice the limit across a minute
boundary. Keeping the times of the counted requests makes "10/m" mean at most 10 in any 60 seconds. A refused
request is not counted, so a client that slows down to the limit gets through at the limit's pace.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from ..models import RateLimit

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"(\d+)/(\d*)([smhd])")
# Rows whose window has passed are deleted by every this-many-th counted request of a process.
PRUNE_EVERY = 200
_counted = itertools.count(1)


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int

    @classmethod
    def parse(cls, text: str) -> Rate | None:
        """`10/m`, `5/10m`, `1000/h`, ...; an empty setting means no limit."""
        if not text.strip():
            return None
        match = RATE.fullmatch(text.strip())
        if match is None:
            raise ImproperlyConfigured(f"rate limit {text!r}: expected <count>/<unit>, e.g. 10/m (units: s, m, h, d)")
        count, multiple, unit = match.groups()
        return cls(limit=int(count), period=int(multiple or 1) * UNITS[unit])


def rate_limit_hit(*, keys: Sequence[str], rate: str, now: float | None = None) -> bool:
    """Count one request against each key; True when any key is at its limit (then none is counted).

    One transaction locks every key's row (in a fixed order, so two requests never wait on each other), checks
    them all and records the request in all of them.
    """
    parsed = Rate.parse(rate)
    if parsed is None or not keys:
        return False
    now = time.time() if now is None else now
    start = now - parsed.period
    with transaction.atomic():
        rows = [_locked_row(key, now) for key in sorted(set(keys))]
        recent = {row.key: [hit for hit in row.hits if hit > start] for row in rows}
        limited = any(len(hits) >= parsed.limit for hits in recent.values())
        for row in rows:
            row.hits = recent[row.key] if limited else [*recent[row.key], now]
            row.expires_at = max(row.hits, default=now) + parsed.period
            row.save(update_fields=["hits", "expires_at"])
    if next(_counted) % PRUNE_EVERY == 0:
        RateLimit.objects.filter(expires_at__lt=now).delete()
    return limited


def _locked_row(key: str, now: float) -> RateLimit:
    row = RateLimit.objects.select_for_update().filter(key=key).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return RateLimit.objects.create(key=key, hits=[], expires_at=now)
    except IntegrityError:
        # Another request created it meanwhile: wait for its lock like any other.
        return RateLimit.objects.select_for_update().get(key=key)
