"""Request plumbing: bodies too large, the client behind proxies, a friendly 503 while the database is away."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat

logger = logging.getLogger(__name__)

# Long enough for a database restart or failover, short enough that readers are not kept away.
RETRY_AFTER_SECONDS = 10


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into `503 Service Unavailable` with `Retry-After`.

    Recovery needs nothing from us: Django opens a fresh connection on the next request (`CONN_MAX_AGE` plus
    `CONN_HEALTH_CHECKS` drop a dead one), so the pages come back as soon as the database does.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable for %s %s: %s", request.method, request.path, exception)
        # A broken persistent connection must not be reused by this thread's next request.
        close_old_connections()
        # No request context: the page must render without the database or any context processor.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class RequestTooLargeMiddleware:
    """Answer `413 Content Too Large` to a body over DATA_UPLOAD_MAX_MEMORY_SIZE, before anything reads it.

    Django would refuse it too, but only once a view or the CSRF check reads the form, and as a 400 (a
    SuspiciousOperation) that left the body unread: gunicorn then said keep-alive and closed the connection.
    First in the middleware, this looks at the declared length, and reads what was sent (up to `MAX_DRAIN`
    bytes, thrown away) so the connection can really be kept. Bodies sent without a length (chunked) are not
    read by Django at all.
    """

    MAX_DRAIN = 16 * 1024 * 1024

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            if length <= self.MAX_DRAIN:
                while request.read(64 * 1024):
                    pass
            # No request context: like the 500 page, this renders before anything else has run.
            page = loader.render_to_string("413.html", {"limit": filesizeformat(limit)})
            response = HttpResponse(page, status=413)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


class HeadWithoutBodyMiddleware:
    """A HEAD response: the GET's status and headers (Content-Length included), and no body.

    Django leaves dropping the body to the server; gunicorn does, with a warning in the log for every HEAD,
    and load balancers and uptime checkers send one every few seconds. Outermost, so the length is the GET's.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "HEAD" and not response.streaming:
            response.content = b""
        return response


class ForwardedForMiddleware:
    """Behind `TRUSTED_PROXY_COUNT` proxies, take the client's address from X-Forwarded-For.

    Rate limits count per `REMOTE_ADDR`, which behind a load balancer is the balancer's own address. Each trusted
    proxy appends the address it saw, so the client is the Nth entry from the right; entries further left are
    whatever the client sent and are never trusted. With the default of 0 the header is ignored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = settings.TRUSTED_PROXY_COUNT
        if count > 0:
            hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
            if len(hops) >= count:
                try:
                    request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(hops[-count]))
                except ValueError:
                    logger.warning("ignored a malformed X-Forwarded-For entry from a trusted proxy")
        return self.get_response(request)
