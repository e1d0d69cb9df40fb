"""The walk: one GET per step; htmx requests get the wizard panel, others the full page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from .. import selectors
from ..clients import TOO_MANY_SEARCHES, rate_limited, referrer_host
from ..content.graph import LOOKUP, START
from ..embedding import Theme
from ..htmx import HtmxHttpRequest, wants_partial
from ..models import Node
from ..pages.cache import CachedPage, page_fill, page_get, page_key, page_set, theme_with_hole
from ..pages.lookup import lookup_answer
from ..pages.step import step_context
from ..search import clean_query, search
from ..services.step_records import StepNode
from ..services.walks import walk_record_search, walk_record_step
from ..walk_urls import (
    ESCALATION_PARAM,
    FEEDBACK_PARAM,
    FROM_PARAM,
    FROM_SEARCH,
    SOURCE_PARAM,
    is_new_step,
    node_url,
    unsure_from_query,
    unsure_params,
    walk_ref,
)
from .decorators import vary_on_htmx, walk_page
from .errors import not_found


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # `/?q=...` (a browser's site search, a help center's link) opens the search with the query filled in.
    if request.GET.get("q", "").strip():
        return redirect(f"{reverse('wizard:search')}?{request.GET.urlencode()}")
    overviews = selectors.guide_overviews(include_drafts=request.user.is_staff)
    cards = [
        {
            "guide": item.guide,
            "symptoms": [(label, node_url(item.guide.slug, target)) for label, target in item.symptoms],
            "more": item.more,
            "lookup_url": node_url(item.guide.slug, LOOKUP) if item.has_lookup else None,
        }
        for item in overviews
    ]
    return render(request, "wizard/home.html", {"overviews": cards, "guides": [item.guide for item in overviews]})


@require_safe
@walk_page
@vary_on_htmx
def guide(request: HtmxHttpRequest, guide: str) -> HttpResponse:
    return step(request, guide, START)


@require_safe
@walk_page
@vary_on_htmx
def node(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    if node == START:
        return HttpResponsePermanentRedirect(node_url(guide, START))
    return step(request, guide, node)


def step(
    request: HtmxHttpRequest,
    guide_slug: str,
    node_slug: str,
    *,
    embed: bool = False,
    theme: Theme | None = None,
    extra_context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """One step: served from the page cache, or rendered (and cached) and then filled in for this reader.

    `theme`: an embed's validated theme; its parameters ride along on every link, its accent as a hole (see
    pages/cache.py). `extra_context`: a form shown again with its errors (the form views).
    """
    # Rendered (and cached) with the embed's accent as a hole, filled with this request's colour.
    cached_theme = theme_with_hole(theme) if theme is not None else None
    params = cached_theme.params if cached_theme is not None else {}
    drafts = request.user.is_staff
    stamp = selectors.guide_stamp(slug=guide_slug, include_drafts=drafts)
    walk = walk_ref(request.GET)
    new_step = is_new_step(request.method or "", request.GET)
    partial = wants_partial(request)
    query = clean_query(request.GET.get("q", "")) if node_slug == LOOKUP else ""
    # A form's result or errors (a query parameter, a bound form) and lookup results are this reader's alone.
    unsure = unsure_from_query(request.GET)
    origin = f"{request.scheme}://{request.get_host()}"
    key = None
    if stamp is not None and new_step and not query:
        variant = {**params, **unsure_params(unsure)}
        key = page_key(stamp, node_slug, origin=origin, embed=embed, partial=partial, params=variant)
    page = page_get(key)
    status = 200
    if page is None:
        current = None
        if stamp is not None:
            current = selectors.node_for_step(guide_slug=guide_slug, node_slug=node_slug, include_drafts=drafts)
        if current is None:
            return _missing_step(request, guide_slug, node_slug, embed=embed, include_drafts=drafts)
        context = step_context(
            current,
            origin=origin,
            embed=embed,
            params=params,
            unsure=unsure,
            feedback_result=request.GET.get(FEEDBACK_PARAM),
            escalation_key=request.GET.get(ESCALATION_PARAM, ""),
        )
        if cached_theme is not None:
            context["theme"] = cached_theme
        if query and current.kind == Node.Kind.LOOKUP:
            if rate_limited(request, "wizard.search", settings.SEARCH_RATE_LIMIT):
                context |= {"lookup_query": query, "lookup_limited": TOO_MANY_SEARCHES}
                # htmx does not swap a 4xx answer: the panel saying "too many" comes with 200.
                status = 200 if partial else 429
            else:
                results = search(query)
                top = [result.node_slug for result in results[:3]]
                walk_record_search(walk_id=walk.id, query=query, results=len(results), top=top)
                answer = lookup_answer(query, results, walk=walk, embed=embed, params=params)
                if answer.redirect:
                    return redirect(answer.redirect)
                context |= answer.context
        context |= extra_context or {}
        html = render_to_string("wizard/node.html#wizard-panel" if partial else "wizard/node.html", context, request)
        page = CachedPage(html, StepNode.of(current))
        # Only lists a walk can produce are cached: made-up `?unsure=` lists (rendered as if absent) would
        # otherwise add a cache entry each and push out the pages readers need.
        if [trail_step.node for trail_step in context["unsure_steps"]] == unsure:
            page_set(key, page)
    if new_step:
        walk_record_step(
            walk_id=walk.id,
            node=page.node,
            embed=embed,
            from_search=request.GET.get(FROM_PARAM) == FROM_SEARCH,
            referrer_host=referrer_host(request),
            source_name=request.GET.get(SOURCE_PARAM, ""),
            unsure=unsure,
        )
    return HttpResponse(page_fill(page, request=request, walk=walk, theme=theme), status=status)


def _missing_step(
    request: HttpRequest, guide_slug: str, node_slug: str, *, embed: bool, include_drafts: bool
) -> HttpResponse:
    # A node removed by a publish keeps its links alive: 301 to the closest node that is still there.
    moved_to = selectors.node_redirect_target(guide_slug=guide_slug, node_slug=node_slug, include_drafts=include_drafts)
    if moved_to is not None:
        query = request.META.get("QUERY_STRING", "")
        url = node_url(guide_slug, moved_to, embed=embed)
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    guide = selectors.guide_get(slug=guide_slug, include_drafts=include_drafts)
    return not_found(request, guide=guide, embed=embed)
