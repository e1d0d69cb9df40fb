"""A guide's error code lookup page (front matter `lookup:`): a plain GET form, so it works without JavaScript.

An input that *is* a code (alone, or the `error_code` of a pasted error object) that some node of any guide lists
goes straight to that node; anything else (a message, an email, a code nobody lists) shows search results across
every guide on the lookup page itself. The step view searches (under the search page's rate limit) and records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from ..search import SearchResult, lookup_code
from ..walk_urls import FROM_PARAM, FROM_SEARCH, WALK_PARAM, WalkRef, node_url


@dataclass(frozen=True)
class LookupAnswer:
    """Where a lookup goes: straight to a node (`redirect`), or the lookup page with results (`context`)."""

    redirect: str = ""
    context: dict[str, Any] = field(default_factory=dict)


def lookup_answer(
    query: str, results: Sequence[SearchResult], *, walk: WalkRef, embed: bool, params: Mapping[str, str]
) -> LookupAnswer:
    """`results` are the search's for `query`; links keep the walk and what every link keeps (an embed's theme)."""
    link = f"?{urlencode({FROM_PARAM: FROM_SEARCH, WALK_PARAM: walk.param, **params})}"
    code = lookup_code(query)
    if code and results and results[0].code == code:
        top = results[0]
        return LookupAnswer(redirect=node_url(top.guide_slug, top.node_slug, embed=embed) + link)
    found = [(result, node_url(result.guide_slug, result.node_slug, embed=embed) + link) for result in results]
    return LookupAnswer(context={"lookup_query": query, "lookup_results": found})
