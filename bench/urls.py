"""The app's URLs plus /bench/bare/: kept out of config/urls.py so it never ships."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as app_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def bare(request: HttpRequest) -> HttpResponse:
    """The same middleware and server as a step, a small template, no database."""
    return render(request, "bare.html", {"title": "Bare view"})


urlpatterns = [path("bench/bare/", bare), *app_urlpatterns]
