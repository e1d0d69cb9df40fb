"""/sitemap.xml: every published guide and every resolution in it, at their canonical URLs."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from . import selectors
from .content.graph import START
from .models import Guide, Node
from .walk_urls import node_url


class GuideSitemap(Sitemap):
    priority = 0.8

    def items(self) -> QuerySet[Guide]:
        # Only guides with a first question: a guide row without nodes would send a crawler to a 404.
        return selectors.guide_list().filter(nodes__slug=START)

    def location(self, item: Guide) -> str:
        return node_url(item.slug, START)


class ResolutionSitemap(Sitemap):
    priority = 0.6

    def items(self) -> QuerySet[Node]:
        # Drafts stay out: their pages are hidden from readers, so a crawler would only find 404s.
        nodes = Node.objects.filter(kind=Node.Kind.RESOLUTION, guide__is_draft=False)
        return nodes.select_related("guide").order_by("guide__position", "guide__title", "position")

    def location(self, item: Node) -> str:
        return node_url(item.guide.slug, item.slug)


SITEMAPS = {"guides": GuideSitemap, "resolutions": ResolutionSitemap}
