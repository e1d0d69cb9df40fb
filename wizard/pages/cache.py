"""Rendered steps, kept per content version and filled in per request.

A step's HTML is the same for every reader except five values: the walk id in every link, the CSRF token
and the signed form token of its form, the CSP nonce of an embed's style block, and an embed's accent colour
(any of 16 million: as part of the key, each would be a cache entry of its own). The step is rendered
once with a placeholder ("hole") for each, cached under the guide's content version (so an import or a
publish makes every cached page stale at once), and each request only fills the holes. Rendering, with
crispy's form layout, is most of a step's cost; filling is a few string replacements.

This is the one step cache: the node is read from the database only to render a page that is not cached yet.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils.html import escape

from ..embedding import Theme
from ..forms import signed_form_token
from ..selectors import GuideStamp
from ..services.step_records import StepNode
from ..walk_urls import WalkRef

# The cache pays: rendering every step took 12-16 ms CPU instead of 1.7 ms (bench/inprocess, Plaid Link).
PAGE_CACHE_SECONDS = 600

# Fixed values, so pages cached by one app server (a shared cache) are filled correctly by another. Letters
# and digits only, so HTML and URL escaping leave them as they are; nothing a guide says can contain them.
HOLE_WALK = WalkRef(uuid.UUID("7e57ca11-0000-4000-8000-00000000f111"), is_new=False)
HOLE_CSRF = "csrfHole7e57ca11f111"
HOLE_FORM_TOKEN = "formTokenHole7e57ca11f111"
HOLE_NONCE = "nonceHole7e57ca11f111"
# In links (`accent=...`) and, as the one custom property it then makes, in the style block.
HOLE_ACCENT = "accentHole7e57ca11f111"


@dataclass(frozen=True)
class CachedPage:
    html: str
    node: StepNode


def page_key(
    guide: GuideStamp,
    node_slug: str,
    *,
    origin: str,
    embed: bool,
    partial: bool,
    params: Mapping[str, str],
) -> str:
    """Everything the HTML depends on besides the holes: the content version, the variant and the origin.

    The origin (scheme and host) is in it because the canonical link and the ticket summary are absolute URLs.
    """
    variant = "|".join(
        [
            origin,
            node_slug,
            "embed" if embed else "site",
            "partial" if partial else "page",
            "&".join(f"{name}={value}" for name, value in sorted(params.items())),
        ]
    )
    digest = hashlib.blake2b(variant.encode(), digest_size=16).hexdigest()
    return f"page:{guide.pk}:{guide.content_version}:{digest}"


def page_get(key: str | None) -> CachedPage | None:
    return cache.get(key) if key else None


def page_set(key: str | None, page: CachedPage) -> None:
    if key:
        cache.set(key, page, PAGE_CACHE_SECONDS)


def theme_with_hole(theme: Theme) -> Theme:
    """The theme a cached page is rendered with: the accent, if any, is a hole that page_fill fills."""
    return dataclasses.replace(theme, accent=HOLE_ACCENT) if theme.accent else theme


def page_fill(page: CachedPage, *, request: HttpRequest, walk: WalkRef, theme: Theme | None = None) -> str:
    """The page for this request: its walk id, and fresh tokens, nonce and accent only where the page has them."""
    html = page.html.replace(HOLE_WALK.param, walk.param)
    if theme is not None and theme.accent and HOLE_ACCENT in html:
        html = html.replace(theme_with_hole(theme).accent_style, theme.accent_style)
        html = html.replace(HOLE_ACCENT, quote(theme.accent, safe=""))
    if HOLE_CSRF in html:
        # get_token also makes the response set the CSRF cookie, as {% csrf_token %} would.
        html = html.replace(HOLE_CSRF, get_token(request))
    if HOLE_FORM_TOKEN in html:
        # A token per form: it is also the escalation's idempotency key.
        node = page.node
        html = re.sub(HOLE_FORM_TOKEN, lambda _: escape(signed_form_token(node.guide_slug, node.slug)), html)
    if HOLE_NONCE in html:
        html = html.replace(HOLE_NONCE, str(get_nonce(request)))
    return html
