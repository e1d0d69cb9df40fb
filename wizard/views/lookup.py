"""A guide's error code lookup page (front matter `lookup:`): a plain GET form, so it works without JavaScript.

An input that *is* a code (alone, or the `error_code` of a pasted error object) that some node of any guide lists
goes straight to that node; anything else (a message, an email, a code nobody lists) shows search results across
every guide on the lookup page itself. Searching costs what the search page costs, so it shares its rate limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest

from .. import selectors
from ..content.graph import LOOKUP
from ..search import clean_query, lookup_code, search
from ..services.walks import WALK_PARAM, WalkRef, walk_record_search
from .limits import rate_limited
from .search import MIN_RECORDED_LENGTH, TOO_MANY

QUERY_PARAM = "q"


@dataclass(frozen=True)
class LookupAnswer:
    """Where a lookup goes: straight to a node (`redirect`), or the lookup page with results (`context`)."""

    redirect: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    status: int = 200


def lookup_query(request: HttpRequest, node_slug: str) -> str:
    """The reader's input on a lookup page; "" anywhere else, where `?q=` means nothing."""
    return clean_query(request.GET.get(QUERY_PARAM, "")) if node_slug == LOOKUP else ""


def lookup_fields(walk: WalkRef, params: Mapping[str, str]) -> list[tuple[str, str]]:
    """Hidden fields of the lookup form: the walk, and what every link keeps (an embed's theme)."""
    return [(WALK_PARAM, walk.param), *params.items()]


def lookup_answer(
    request: HttpRequest, *, query: str, walk: WalkRef, embed: bool, params: Mapping[str, str]
) -> LookupAnswer:
    # The search page's own limit: a lookup costs what a search costs.
    if rate_limited(request, "wizard.search", settings.SEARCH_RATE_LIMIT):
        return LookupAnswer(context={"lookup_query": query, "lookup_limited": TOO_MANY}, status=429)
    results = search(query)
    if len(query) >= MIN_RECORDED_LENGTH:
        walk_record_search(
            walk_id=walk.id, query=query, results=len(results), top=[result.node_slug for result in results[:3]]
        )
    link = f"?{urlencode({'from': 'search', WALK_PARAM: walk.param, **params})}"
    code = lookup_code(query)
    if code and results and results[0].code == code:
        top = results[0]
        return LookupAnswer(redirect=selectors.node_url(top.guide_slug, top.node_slug, embed=embed) + link)
    found = [
        (result, selectors.node_url(result.guide_slug, result.node_slug, embed=embed) + link) for result in results
    ]
    return LookupAnswer(context={"lookup_query": query, "lookup_results": found})
