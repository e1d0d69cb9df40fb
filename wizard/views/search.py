"""Search: the full results page, or only its results for htmx active search, from one template.

Searching costs CPU on every keystroke of active search, so it is rate limited per client IP like the forms:
over the limit a full page answers 429 and an htmx request 200 (htmx does not swap 4xx responses by default), both
saying why and when to try again, without searching or recording anything.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails
from django_ratelimit.core import is_ratelimited

from .. import selectors
from ..models import Guide
from ..search import clean_query, search
from ..services.walks import walk_record_search, walk_ref_from_request

# Shorter queries are prefixes typed on the way to a real one: shown, not recorded.
MIN_RECORDED_LENGTH = 3
TOO_MANY = "Too many searches from your network in the last minute. Wait a minute, then search again."
RETRY_AFTER = "60"


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    guide = request.GET.get("guide") or None
    drafts = request.user.is_staff
    if guide is not None and selectors.guide_get(slug=guide, include_drafts=drafts) is None:
        guide = None
    # An empty box searches nothing, so only real queries count towards the limit.
    rate = settings.SEARCH_RATE_LIMIT or None
    limited = bool(query) and is_ratelimited(request, group="wizard.search", key="ip", rate=rate, increment=True)
    results = [] if limited else search(query, guide=guide)
    # The walk that a result starts: kept across keystrokes by the form's hidden field, so one walk
    # collects the search and the steps after it.
    walk = walk_ref_from_request(request)
    recorded = len(query) >= MIN_RECORDED_LENGTH and not limited
    if recorded:
        walk_record_search(
            walk_id=walk.id, query=query, results=len(results), top=[result.node_slug for result in results[:3]]
        )
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    guides = list(selectors.guide_list(include_drafts=drafts))
    context = {
        "query": query,
        "results": results,
        "walk": walk,
        "result_params": urlencode({"from": "search", "w": walk.param}),
        "guides": guides if not results else [],
        "guide_filter": _guide_filter(query, guide, guides, walk.param),
        "search_query": query,
        "search_walk": walk.param,
        "partial": partial,
        "recorded": recorded,
        "limited": TOO_MANY if limited else "",
    }
    response = render(request, "wizard/search.html#search-results" if partial else "wizard/search.html", context)
    if partial:
        # The address bar shows the plain, shareable search URL, whatever page the search began on.
        shared = {"q": query, **({"guide": guide} if guide else {})}
        response = push_url(response, f"{request.path}?{urlencode(shared)}" if query else request.path)
    elif limited:
        response.status_code = 429
        response["Retry-After"] = RETRY_AFTER
    patch_vary_headers(response, ["HX-Request"])
    return response


def _guide_filter(query: str, current: str | None, guides: list[Guide], walk: str) -> list[tuple[str, str, bool]]:
    """(label, URL, is current) to narrow results to one guide: only where there is more than one to pick from."""
    if not query or len(guides) < 2:
        return []
    choices = [("All guides", urlencode({"q": query, "w": walk}), current is None)]
    choices += [
        (guide.title, urlencode({"q": query, "guide": guide.slug, "w": walk}), guide.slug == current)
        for guide in guides
    ]
    page = reverse("wizard:search")
    return [(label, f"{page}?{params}", is_current) for label, params, is_current in choices]
