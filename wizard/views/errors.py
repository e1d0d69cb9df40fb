from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

from .. import selectors
from ..content.graph import START
from ..models import Guide
from ..walk_urls import node_url


def not_found(
    request: HttpRequest, exception: Exception | None = None, guide: Guide | None = None, embed: bool = False
) -> HttpResponse:
    """A friendly 404 with ways on: the guide's first question, or every guide; inside embed mode when asked."""
    embed = embed or request.path.startswith("/embed/")
    context = {
        "guide": guide,
        "guide_url": node_url(guide.slug, START, embed=embed) if guide else None,
        "guides": [(item, node_url(item.slug, START, embed=embed)) for item in selectors.guide_list()],
        "embed": embed,
        "path": request.path,
    }
    return render(request, "404.html", context, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: this must render even when the database or a context processor failed.
    return HttpResponse(loader.render_to_string("500.html"), status=500)
