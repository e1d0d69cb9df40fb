"""Reading what a reader gets (steps may come from the page cache, where the test client sees no context); the tests
of wizard/pages/."""

from __future__ import annotations

import re
import uuid

from django.http import HttpResponse

WALK_IN_LINK = re.compile(r"[?&]w=([0-9a-f]{32})\b")


def walk_param(response: HttpResponse) -> str:
    """The walk id the page's links and forms carry (all of them carry the same one)."""
    found = set(WALK_IN_LINK.findall(response.content.decode()))
    assert len(found) == 1, f"expected one walk id in the page, found {found or 'none'}"
    return found.pop()


def walk_id(response: HttpResponse) -> uuid.UUID:
    return uuid.UUID(hex=walk_param(response))
