"""Fetching a docs page for the importer: bounded in time, size and redirects, and careful where it connects.

The admin will fetch URLs on a staff user's behalf, from a server inside someone's network, so by
default a host that resolves to a loopback, private, link-local or reserved address is refused, and
the check is made on the very address connected to (a DNS answer cannot change between check and
connection). Each redirect is a new request through the same checks. The stdlib is enough here:
urllib with our own connection classes, no proxies from the environment, no file: or ftp: handlers.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.request
from dataclasses import dataclass
from functools import partial
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin, urlsplit

from .blocks import fail

MAX_BYTES = 2 * 1024 * 1024  # a long docs page is a few hundred KB; a reader takes seconds per MB
TIMEOUT = 10.0  # seconds for each network wait, and for the whole body
MAX_REDIRECTS = 3
ACCEPTED_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "text/markdown",
    "text/x-markdown",
    "text/plain",
    "application/xml",
    "text/xml",
    "application/dita+xml",
    "text/x-rst",
    "text/prs.fallenstein.rst",  # reStructuredText's registered type
    "",  # no content type: the reader looks at the bytes
}
# What the readers take, for the messages that refuse anything else.
FORMATS = "HTML, Markdown, reStructuredText, plain text or DITA XML"
HEADERS = {
    "User-Agent": "Troubleshooter-importer/1.0",
    "Accept": "text/html, text/markdown, text/x-rst, text/plain, application/dita+xml, application/xml;q=0.9",
    "Accept-Encoding": "identity",
}


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    data: bytes
    content_type: str


class Refused(OSError):
    """A connection we will not make (urllib passes OSErrors from connecting up as URLError.reason)."""


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Page:
    """The body of an http(s) URL, or ContentErrors naming the URL as the user gave it."""
    opener = _opener(allow_private)
    current = url.strip()
    for _ in range(max_redirects + 1):
        _check_address(url, current)
        request = urllib.request.Request(current, headers=HEADERS)
        try:
            response = opener.open(request, timeout=timeout)
        except HTTPError as error:
            location = error.headers.get("Location", "") if error.code in {301, 302, 303, 307, 308} else ""
            error.close()
            if not location:
                fail(url, 1, f"could not be fetched: the server answered {error.code} {error.reason}")
            current = urljoin(current, location.strip())
            continue
        except (URLError, OSError, http.client.HTTPException, ValueError) as error:
            fail(url, 1, _failure(error, timeout))
        with response:
            content_type = response.headers.get("Content-Type", "")
            media_type = content_type.partition(";")[0].strip().lower()
            if media_type not in ACCEPTED_TYPES:
                fail(url, 1, f"is of an unsupported type ({media_type}): give {FORMATS}")
            data = _body(url, response, timeout=timeout, max_bytes=max_bytes)
        return Page(url=current, data=data, content_type=content_type)
    fail(url, 1, f"redirects more than {max_redirects} times")


def _check_address(url: str, current: str) -> None:
    try:
        parts = urlsplit(current)
    except ValueError as error:
        fail(url, 1, f"is not a valid URL: {error}")
    if parts.scheme.lower() not in {"http", "https"}:
        shown = current if current == url else f"{current} (redirected)"
        fail(url, 1, f"is not an http(s) URL: {shown}")
    if not parts.hostname:
        fail(url, 1, f"has no host: {current}")


def _body(url: str, response: http.client.HTTPResponse, *, timeout: float, max_bytes: int) -> bytes:
    """The response body, streamed: refused as soon as it passes `max_bytes` or takes longer than `timeout`."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        fail(url, 1, f"is too large ({int(declared):,} bytes; the limit is {max_bytes:,})")
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.read1(65536):
            size += len(chunk)
            if size > max_bytes:
                fail(url, 1, f"is too large (more than {max_bytes:,} bytes)")
            if time.monotonic() > deadline:
                fail(url, 1, f"timed out: the page took more than {timeout:g} s to arrive")
            chunks.append(chunk)
    except (OSError, http.client.HTTPException) as error:
        fail(url, 1, _failure(error, timeout))
    return b"".join(chunks)


def _failure(error: Exception, timeout: float) -> str:
    reason = error.reason if isinstance(error, URLError) else error
    if isinstance(reason, Refused):
        return f"was refused: {reason}"
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"timed out: no answer within {timeout:g} s"
    return f"could not be fetched: {reason}"


def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    """An opener that speaks only http(s), through our connections, and hands redirects back to fetch()."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _HTTPHandler(allow_private),
        _HTTPSHandler(allow_private),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _connect(host: str, port: int, timeout: float | None, allow_private: bool) -> socket.socket:
    """A socket to the host, opened only if every address it resolves to is one we may reach."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise OSError(f"cannot resolve {host}: {error.strerror}") from error
    addresses = [info[4] for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(str(address[0]).split("%")[0])
        if not allow_private and not public_address(ip):
            raise Refused(f"{host} is at {ip}, a private, loopback, link-local or reserved address")
    last: OSError = OSError(f"cannot connect to {host}")
    for family, kind, protocol, _, address in infos:
        sock = socket.socket(family, kind, protocol)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
        except OSError as error:
            sock.close()
            last = error
            continue
        return sock
    raise last


def public_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: object, allow_private: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.allow_private = allow_private

    def connect(self) -> None:
        self.sock = _connect(self.host, self.port, self.timeout, self.allow_private)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: object, allow_private: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.allow_private = allow_private
        self.tls = ssl.create_default_context()

    def connect(self) -> None:
        sock = _connect(self.host, self.port, self.timeout, self.allow_private)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_HTTPConnection, allow_private=self.allow_private), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_HTTPSConnection, allow_private=self.allow_private), req)
