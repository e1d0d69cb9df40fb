"""The walk: one GET per step; htmx requests get the wizard panel, others the full page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from .. import selectors
from ..content.graph import START
from ..services.walks import WALK_PARAM, walk_record_step, walk_ref_from_request
from .errors import not_found


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    guides = selectors.guide_list(include_drafts=request.user.is_staff)
    return render(request, "wizard/home.html", {"guides": guides})


@require_GET
def guide(request: HtmxHttpRequest, guide: str) -> HttpResponse:
    return step(request, guide, START)


@require_GET
def node(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    if node == START:
        return HttpResponsePermanentRedirect(selectors.node_url(guide, START))
    return step(request, guide, node)


def step(request: HtmxHttpRequest, guide_slug: str, node_slug: str, *, embed: bool = False) -> HttpResponse:
    drafts = request.user.is_staff
    current = selectors.node_for_step(guide_slug=guide_slug, node_slug=node_slug, include_drafts=drafts)
    if current is None:
        return not_found(request, guide=selectors.guide_get(slug=guide_slug, include_drafts=drafts))
    walk = walk_ref_from_request(request)
    walk_record_step(request=request, ref=walk, node=current, embed=embed)

    def link(slug: str) -> str:
        # The walk id rides along in the URL: no cookie, so it also works in a cross-site iframe.
        return f"{selectors.node_url(guide_slug, slug, embed=embed)}?{WALK_PARAM}={walk.param}"

    trail = selectors.node_trail(current, link=link)
    context = {
        "guide": current.guide,
        "node": current,
        "trail": trail,
        "back_url": trail[-1].url if trail else None,
        "start_url": selectors.node_url(guide_slug, START, embed=embed),
        "answers": [(choice, link(choice.target.slug)) for choice in current.choices.all()],
        "canonical_url": request.build_absolute_uri(selectors.node_url(guide_slug, node_slug)),
        "walk": walk,
        "embed": embed,
        "show_cause": current.cause_html and current.cause_html != f"<p>{current.title_html}</p>",
    }
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, "wizard/node.html#wizard-panel" if partial else "wizard/node.html", context)
    # The same URL answers with a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response
