"""htmx requests: their type, and when one wants only the swapped part of a page."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's HtmxMiddleware."""

    htmx: HtmxDetails


def wants_partial(request: HtmxHttpRequest) -> bool:
    """An htmx swap gets the page's named partial; a history restore (a cache miss) needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
