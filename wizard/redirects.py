"""Reads for old node URLs: where a node removed from a guide now points."""

from __future__ import annotations

from .models import NodeRedirect


def node_redirect_target(*, guide_slug: str, node_slug: str, include_drafts: bool = False) -> str | None:
    """The slug of the node that replaced a removed one (recorded at publish or import), or None."""
    redirects = NodeRedirect.objects.filter(guide__slug=guide_slug, old_slug=node_slug)
    if not include_drafts:
        redirects = redirects.filter(guide__is_draft=False)
    return redirects.values_list("target__slug", flat=True).first()
