"""What search engines read: robots.txt (the sitemap is wizard/sitemaps.py; a step's description pages/text.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


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
