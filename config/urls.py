from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django_ratelimit.core import is_ratelimited


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """The admin's own login, throttled per client IP so staff passwords cannot be guessed at speed.

    django-ratelimit (already used for feedback) rather than django-axes: no models or auth backend to add, and
    axes does not yet declare support for Django 6.1.
    """
    rate = settings.ADMIN_LOGIN_RATE_LIMIT
    if is_ratelimited(request, group="admin-login", key="ip", rate=rate, method="POST", increment=True):
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
