"""Search: the full results page, or only its results for htmx active search, from one template.

Searching costs CPU on every keystroke of active search, so it is rate limited per client IP like the forms:
over the limit a full page answers 429 and an htmx request 200 (htmx does not swap 4xx responses by default), both
saying why and when to try again, without searching or recording anything.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

from .. import selectors
from ..clients import TOO_MANY_SEARCHES, rate_limited, retry_after
from ..htmx import HtmxHttpRequest, wants_partial
from ..models import Guide
from ..search import clean_query, search
from ..services.walks import walk_record_search
from ..walk_urls import FROM_PARAM, FROM_SEARCH, WALK_PARAM, walk_ref
from .decorators import vary_on_htmx


@require_safe
# Results link to steps with the searcher's walk id.
@cache_control(private=True)
@vary_on_htmx
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    guide = request.GET.get("guide") or None
    drafts = request.user.is_staff
    if guide is not None and selectors.guide_get(slug=guide, include_drafts=drafts) is None:
        guide = None
    # An empty box searches nothing, so only real queries count towards the limit.
    limited = bool(query) and rate_limited(request, "wizard.search", settings.SEARCH_RATE_LIMIT)
    results = [] if limited else search(query, guide=guide)
    # The walk that a result starts: kept across keystrokes by the form's hidden field, so one walk
    # collects the search and the steps after it.
    walk = walk_ref(request.GET)
    recorded = False
    # A HEAD (an uptime check) is answered like a GET but is nobody's search.
    if query and not limited and request.method == "GET":
        top = [result.node_slug for result in results[:3]]
        recorded = walk_record_search(walk_id=walk.id, query=query, results=len(results), top=top)
    partial = wants_partial(request)
    guides = list(selectors.guide_list(include_drafts=drafts))
    context = {
        "query": query,
        "results": results,
        "walk": walk,
        "result_params": urlencode({FROM_PARAM: FROM_SEARCH, WALK_PARAM: walk.param}),
        "guides": guides if not results else [],
        "guide_filter": _guide_filter(query, guide, guides, walk.param),
        "search_query": query,
        "search_walk": walk.param,
        "partial": partial,
        "recorded": recorded,
        "limited": TOO_MANY_SEARCHES if limited else "",
    }
    response = render(request, "wizard/search.html#search-results" if partial else "wizard/search.html", context)
    if partial:
        # The address bar shows the plain, shareable search URL, whatever page the search began on.
        shared = {"q": query, **({"guide": guide} if guide else {})}
        response = push_url(response, f"{request.path}?{urlencode(shared)}" if query else request.path)
    elif limited:
        response.status_code = 429
        retry_after(response)
    return response


def _guide_filter(query: str, current: str | None, guides: list[Guide], walk: str) -> list[tuple[str, str, bool]]:
    """(label, URL, is current) to narrow results to one guide: only where there is more than one to pick from."""
    if not query or len(guides) < 2:
        return []
    choices = [("All guides", urlencode({"q": query, WALK_PARAM: walk}), current is None)]
    choices += [
        (guide.title, urlencode({"q": query, "guide": guide.slug, WALK_PARAM: walk}), guide.slug == current)
        for guide in guides
    ]
    page = reverse("wizard:search")
    return [(label, f"{page}?{params}", is_current) for label, params, is_current in choices]
