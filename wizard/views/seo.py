"""What search engines read: robots.txt, and the plain-text description of a step."""

from __future__ import annotations

from html import unescape

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ..content.graph import START
from ..models import Guide, Node

# Search engines show about 155 characters of a description.
DESCRIPTION_LENGTH = 155


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("wizard:sitemap"))
    lines = [
        "User-agent: *",
        "Allow: /",
        # Embed pages copy the guide pages (and say noindex), insights and admin are for staff.
        "Disallow: /admin/",
        "Disallow: /embed/",
        "Disallow: /insights/",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def plain(html: str) -> str:
    """Rendered Markdown as one line of text (the template escapes it again)."""
    return " ".join(unescape(strip_tags(html)).split())


def node_description(node: Node, guide: Guide) -> str:
    """A meta description that says what the page is for: the fix, the question, or what was ruled out."""
    if node.kind == Node.Kind.RESOLUTION:
        parts = [f"How to fix it: {node.title.rstrip('.')}."]
        if node.symptom_html:
            parts.append(f"Symptom: {plain(node.symptom_html)}")
    elif node.kind == Node.Kind.ESCALATION:
        parts = [f"{node.title.rstrip('.')}.", "What has been ruled out, and what to send to support."]
    elif node.slug == START:
        parts = [guide.summary or f"{guide.title}.", "Answer a few questions and get the exact fix."]
    else:
        parts = [f"{guide.title}: {node.title}"]
        if node.body_html:
            parts.append(plain(node.body_html))
    return Truncator(" ".join(parts)).chars(DESCRIPTION_LENGTH)
