"""Who sent a request: the client's address, which rate limits count, and the site that linked here.

Views read these from the request and pass plain values on; the counting itself is services/rate_limits.py.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

from .services.rate_limits import rate_limit_hit

# One IPv6 subscriber usually has a whole /64: counting single addresses would give a guesser 2**64 allowances.
IPV6_PREFIX = 64
# The wizard's limits count per minute (settings): when a refused client may try again, in seconds, and what a
# refused reader is told.
RETRY_AFTER = "60"
TOO_MANY_SEARCHES = "Too many searches from your network in the last minute. Wait a minute, then search again."
TOO_MANY_SUBMISSIONS = "Too many submissions from your network in the last minute. Wait a minute, then send it again."
# A host name or an address as urlsplit gives it (lower case, IPv6 without brackets). Anything else in a Referer
# (control characters, spaces, markup) is junk from a client, not a site that linked here.
HOST_NAME = re.compile(r"[a-z0-9._:-]{1,255}")


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR (set from X-Forwarded-For behind trusted proxies, see middleware); an IPv6 client's /64."""
    address = request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:100]
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False))
    return str(parsed)


def rate_limited(request: HttpRequest, group: str, rate: str, *, also: tuple[str, ...] = ()) -> bool:
    """Count this request against `rate` per client address, and per each of `also` (e.g. a form's token)."""
    keys = [f"{group}:ip:{client_address(request)}", *(f"{group}:{key}" for key in also)]
    return rate_limit_hit(keys=keys, rate=rate)


def retry_after(response: HttpResponse) -> HttpResponse:
    """Tell a client over a rate limit when to come back."""
    response["Retry-After"] = RETRY_AFTER
    return response


def _url_host(url: str) -> str:
    """The host of a URL from a request header, or "" when it has none or does not parse ("http://[")."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host if HOST_NAME.fullmatch(host) else ""


def referrer_host(request: HttpRequest) -> str:
    """The site that linked here; "" for none, for ourselves, and for a malformed header (counted as absent)."""
    host = _url_host(request.headers.get("Referer", ""))
    return "" if host == _url_host(f"//{request.get_host()}") else host
