"""Embed mode: the same wizard without the site's chrome, for help centers' iframes."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from ..content.graph import START
from .walk import HtmxHttpRequest, step


@require_GET
def guide(request: HtmxHttpRequest, guide: str) -> HttpResponse:
    return step(request, guide, START, embed=True)


@require_GET
def node(request: HtmxHttpRequest, guide: str, node: str) -> HttpResponse:
    return step(request, guide, node, embed=True)
