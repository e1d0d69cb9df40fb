from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

from ..models import Guide


def not_found(request: HttpRequest, exception: Exception | None = None, guide: Guide | None = None) -> HttpResponse:
    """A friendly 404 with ways on: the guide's first question, or every guide."""
    context = {"guide": guide, "guides": Guide.objects.filter(is_draft=False), "path": request.path}
    return render(request, "404.html", context, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: this must render even when the database or a context processor failed.
    return HttpResponse(loader.render_to_string("500.html"), status=500)
