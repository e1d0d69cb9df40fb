"""What views declare about their responses: who may cache them, what they vary on, who may frame them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.vary import vary_on_headers

from ..embedding import Theme, frame_policy

View = Callable[..., HttpResponse]

# Every step carries its walk id (in each link) and its forms a token: this reader's alone, never a shared cache's.
walk_page = cache_control(private=True)

# The same URL answers with a fragment (htmx) or a whole page: caches must keep them apart.
vary_on_htmx = vary_on_headers("HX-Request")


def frameable(view: View) -> View:
    """Let the allowed sites frame this view's responses (EMBED_ALLOWED_ORIGINS), keep them out of search engines."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        theme = Theme.from_query(request.GET)
        # The policy depends on the setting at request time, so the decorator is applied here, not at import.
        policy = frame_policy(style_nonce=theme.needs_style)
        response = xframe_options_exempt(csp_override(policy)(view))(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped
