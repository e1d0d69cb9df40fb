from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from wizard.clients import rate_limited


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """The admin's own login, throttled per client IP so staff passwords cannot be guessed at speed.

    Counted in the database like every other limit (wizard.services.rate_limits), so it holds across workers and
    servers; rather than django-axes: no auth backend to add, and axes does not yet declare support for Django 6.1.
    """
    if request.method == "POST" and rate_limited(request, "admin-login", settings.ADMIN_LOGIN_RATE_LIMIT):
        message = "Too many login attempts. Wait a minute and try again."
        return HttpResponse(message, status=429, content_type="text/plain")
    return admin.site.login(request, extra_context)


urlpatterns = [
    # Before admin.site.urls, so this wrapper answers /admin/login/ instead of the admin's unthrottled view.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("insights/", include("wizard.insights.urls")),
    path("", include("wizard.urls")),
]

handler404 = "wizard.views.errors.not_found"
handler500 = "wizard.views.errors.server_error"
