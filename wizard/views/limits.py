"""Who a rate limit counts: the client's address (behind trusted proxies, see middleware), and more when asked."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest

from ..services.rate_limits import rate_limit_hit

# One IPv6 subscriber usually has a whole /64: counting single addresses would give a guesser 2**64 allowances.
IPV6_PREFIX = 64


def client_address(request: HttpRequest) -> str:
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
