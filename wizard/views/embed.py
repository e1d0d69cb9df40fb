"""Embed mode: the same wizard without the site's chrome, for help centers' iframes.

Only these pages may be framed, and only by EMBED_ALLOWED_ORIGINS (and ourselves, for the preview on
/embed/): the policy is built per request, so changing the setting needs no restart.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import selectors
from ..content.graph import START
from ..embedding import FONTS, THEMES, Theme
from ..htmx import HtmxHttpRequest, wants_partial
from ..walk_urls import node_url
from .decorators import frameable, vary_on_htmx, walk_page
from .walk import step


@require_safe
@walk_page
@vary_on_htmx
@frameable
def guide(request: HtmxHttpRequest, guide: str) -> HttpResponse:
    return step(request, guide, START, embed=True, theme=Theme.from_query(request.GET))


@require_safe
@walk_page
@vary_on_htmx
@frameable
def node(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    return step(request, guide, node, embed=True, theme=Theme.from_query(request.GET))


@require_safe
@vary_on_htmx
def help_page(request: HtmxHttpRequest) -> HttpResponse:
    """What a help-center editor pastes, with a live preview. A GET form: it works without JavaScript."""
    guides = list(selectors.guide_list())
    chosen = next((g for g in guides if g.slug == request.GET.get("guide")), guides[0] if guides else None)
    nodes = selectors.guide_embed_starts(guide=chosen) if chosen else []
    node_slug = request.GET.get("node", START)
    if node_slug not in {n.slug for n in nodes}:
        node_slug = START
    theme = Theme.from_query(request.GET)
    context: dict[str, Any] = {
        "guides": guides,
        "chosen": chosen,
        "nodes": nodes,
        "node_slug": node_slug,
        "start": START,
        "theme": theme,
        "accent": theme.accent or "#0b5cad",
        "fonts": list(FONTS),
        "themes": THEMES,
    }
    if chosen is not None:
        path = node_url(chosen.slug, node_slug, embed=True)
        context["preview_url"] = path + (f"?{urlencode(theme.params)}" if theme.params else "")
        # The unhashed name on purpose: a pasted tag must keep working after every deploy (see README).
        context["script_url"] = request.build_absolute_uri(f"{settings.STATIC_URL}wizard/embed.js")
        context["fallback_url"] = request.build_absolute_uri(node_url(chosen.slug, node_slug))
    template = "wizard/embed_help.html#builder" if wants_partial(request) else "wizard/embed_help.html"
    return render(request, template, context)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused POST. Inside an embed frame the usual cause is a browser blocking third-party cookies.

    The page says so and links to the same step as a full page, where the cookie is first-party and the
    form works. It is frameable (like embed pages) so the reader sees it instead of a blocked frame.
    """
    match = request.resolver_match
    kwargs = match.kwargs if match else {}
    guide, node = kwargs.get("guide"), kwargs.get("node", START)
    full_page = node_url(guide, node) if guide else "/"
    embed = request.path.startswith("/embed/")
    context = {"embed": embed, "full_page_url": request.build_absolute_uri(full_page)}
    view = frameable(_csrf_failure_page) if embed else _csrf_failure_page
    return view(request, context)


def _csrf_failure_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "wizard/csrf_failure.html", context, status=403)
