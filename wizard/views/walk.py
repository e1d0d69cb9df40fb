"""The walk: one GET per step; htmx requests get the wizard panel, others the full page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from .. import selectors
from ..content.graph import START
from ..models import Choice, Node
from ..redirects import node_redirect_target
from ..services.step_records import StepNode
from ..services.walks import walk_record_step, walk_ref_from_request
from . import agent_tools, lookup
from .errors import not_found
from .page_cache import (
    HOLE_CSRF,
    HOLE_FORM_TOKEN,
    HOLE_NONCE,
    HOLE_WALK,
    CachedPage,
    page_fill,
    page_get,
    page_key,
    page_set,
)
from .seo import node_description


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # `/?q=...` (a browser's site search, a help center's link) opens the search with the query filled in.
    if request.GET.get("q", "").strip():
        return redirect(f"{reverse('wizard:search')}?{request.GET.urlencode()}")
    overviews = selectors.guide_overviews(include_drafts=request.user.is_staff)
    return render(request, "wizard/home.html", {"overviews": overviews, "guides": [item.guide for item in overviews]})


@require_GET
def guide(request: HtmxHttpRequest, guide: str) -> HttpResponse:
    return step(request, guide, START)


@require_GET
def node(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    if node == START:
        return HttpResponsePermanentRedirect(selectors.node_url(guide, START))
    return step(request, guide, node)


def step(
    request: HtmxHttpRequest,
    guide_slug: str,
    node_slug: str,
    *,
    embed: bool = False,
    params: Mapping[str, str] | None = None,
    extra_context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """One step. `params` are extra query parameters every link keeps (an embed's validated theme)."""
    params = dict(params or {})
    drafts = request.user.is_staff
    version = selectors.guide_version(slug=guide_slug, include_drafts=drafts)
    walk = walk_ref_from_request(request)
    fresh_step = agent_tools.records_step(request)
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    query = lookup.lookup_query(request, node_slug)
    # A form's result or errors (a query parameter, a bound form) and lookup results are this reader's alone.
    cacheable = version is not None and fresh_step and not query
    unsure = agent_tools.unsure_from_query(request.GET)
    variant = {**params, **agent_tools.unsure_params(unsure)}
    key = page_key(request, version, node_slug, embed=embed, partial=partial, params=variant) if cacheable else None
    page = page_get(key)
    status = 200
    if page is None:
        current = version and selectors.node_for_step(
            guide_slug=guide_slug, node_slug=node_slug, include_drafts=drafts, version=version
        )
        if current is None:
            return _missing_step(request, guide_slug, node_slug, embed=embed, include_drafts=drafts)
        if query and current.kind == Node.Kind.LOOKUP:
            answer = lookup.lookup_answer(request, query=query, walk=walk, embed=embed, params=params)
            if answer.redirect:
                return redirect(answer.redirect)
            extra_context = {**(extra_context or {}), **answer.context}
            # htmx does not swap a 4xx answer: the panel saying "too many" comes with 200.
            status = answer.status if not partial else 200
        context = _step_context(
            request, current, embed=embed, params=params, unsure=unsure, extra_context=extra_context
        )
        html = render_to_string("wizard/node.html#wizard-panel" if partial else "wizard/node.html", context, request)
        page = CachedPage(html, StepNode.of(current))
        # Only lists a walk can produce are cached: made-up `?unsure=` lists (rendered as if absent) would
        # otherwise add a cache entry each and push out the pages readers need.
        if [trail_step.node for trail_step in context["unsure_steps"]] == unsure:
            page_set(key, page)
    if fresh_step:
        walk_record_step(request=request, ref=walk, node=page.node, embed=embed, unsure=unsure)
    response = HttpResponse(page_fill(page, request=request, walk=walk), status=status)
    # The same URL answers with a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _missing_step(
    request: HttpRequest, guide_slug: str, node_slug: str, *, embed: bool, include_drafts: bool
) -> HttpResponse:
    # A node removed by a publish keeps its links alive: 301 to the closest node that is still there.
    moved_to = node_redirect_target(guide_slug=guide_slug, node_slug=node_slug, include_drafts=include_drafts)
    if moved_to is not None:
        query = request.META.get("QUERY_STRING", "")
        url = selectors.node_url(guide_slug, moved_to, embed=embed)
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    guide = selectors.guide_get(slug=guide_slug, include_drafts=include_drafts)
    return not_found(request, guide=guide, embed=embed)


def _answer_url(choice: Choice, current: Node, unsure: list[str], link: Callable[..., str]) -> str:
    """Where an answer leads, with the "Not sure" answers so far (this one too, when it is a Not sure).

    An answer into another guide starts that guide's own trail (its node's URL tells its path there), so the
    "Not sure" answers given here, which that trail cannot show, stay behind.
    """
    target = choice.target
    if target.guide_id != current.guide_id:
        return link(target.slug, [], target.guide.slug)
    return link(target.slug, [*unsure, current.slug] if choice.is_unsure else unsure)


def _step_context(
    request: HttpRequest,
    current: Node,
    *,
    embed: bool,
    params: dict[str, str],
    unsure: list[str],
    extra_context: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The step's template context, with holes where each request's own values go (see page_cache).

    `params` are the embed's theme; `unsure` the questions answered "Not sure" so far, as the URL says.
    """
    guide_slug = current.guide.slug
    walk = HOLE_WALK

    def link(slug: str, unsure_so_far: list[str], guide_slug: str | None = None) -> str:
        # The walk id rides along in the URL: no cookie, so it also works in a cross-site iframe.
        link_params = {**params, **agent_tools.unsure_params(unsure_so_far)}
        return agent_tools.walk_url(current, walk, embed=embed, params=link_params, slug=slug, guide_slug=guide_slug)

    trail = selectors.node_trail(current, link=link, unsure=unsure)
    unsure = [step.node for step in trail if step.unsure]
    link_params = {**params, **agent_tools.unsure_params(unsure)}
    tools = agent_tools.tools_context(
        request, node=current, walk=walk, embed=embed, params=link_params, unsure=unsure, token=HOLE_FORM_TOKEN
    )
    answers = [(choice, _answer_url(choice, current, unsure, link)) for choice in current.choices.all()]
    related = [
        (item, link(item.slug, [], item.guide_slug))
        # Only a draft (a preview) may link into drafts: the page is cached for every reader alike.
        for item in selectors.node_related(current, include_drafts=current.guide.is_draft)
    ]
    ruled_out, not_checked = selectors.escalation_causes(current, trail)
    canonical_url = request.build_absolute_uri(selectors.node_url(guide_slug, current.slug))
    return {
        "guide": current.guide,
        "node": current,
        "trail": trail,
        "back_url": trail[-1].url if trail else None,
        "start_url": selectors.node_url(guide_slug, START, embed=embed) + (f"?{urlencode(params)}" if params else ""),
        "answers": answers,
        "related": related,
        "lookup_fields": lookup.lookup_fields(walk, params) if current.kind == Node.Kind.LOOKUP else [],
        "ruled_out": ruled_out,
        "not_checked": not_checked,
        "unsure_steps": [step for step in trail if step.unsure],
        "canonical_url": canonical_url,
        # An embed's "Open in full page" keeps what the URL alone cannot tell: the "Not sure" answers.
        "full_page_url": canonical_url
        + (f"?{urlencode(agent_tools.unsure_params(unsure), safe=',')}" if unsure else ""),
        "description": node_description(current, current.guide),
        "embed": embed,
        "show_cause": current.cause_html and current.cause_html != f"<p>{current.title_html}</p>",
        "csrf_token": HOLE_CSRF,
        "csp_nonce": HOLE_NONCE,
        **tools,
        **(extra_context or {}),
    }
