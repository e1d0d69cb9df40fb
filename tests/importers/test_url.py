from __future__ import annotations

import ipaddress
import time

import pytest

from wizard.content.errors import ContentErrors
from wizard.importers import url as url_module
from wizard.importers.read import read_url
from wizard.importers.url import fetch, public_address

PAGE = (
    "<html><head><title>T</title></head><body><main><h1>Sign-in</h1><p>See <a href='/x'>x</a>.</p></main></body></html>"
)


def error(url: str, **kwargs: object) -> str:
    with pytest.raises(ContentErrors) as raised:
        read_url(url, **{"allow_private": True, **kwargs})
    return str(raised.value)


def test_page_read(local_server):
    assert read_url(local_server.serve("/page", PAGE), allow_private=True).title == "Sign-in"


def test_outline_url_is_the_page(local_server):
    url = local_server.serve("/page", PAGE)
    assert read_url(url, allow_private=True).url == url


def test_links_made_absolute_against_the_page(local_server):
    url = local_server.serve("/docs/page", PAGE)
    assert read_url(url, allow_private=True).blocks[0].text == f"See [x]({local_server.url('/x')})."


def test_source_is_the_url_given(local_server):
    url = local_server.serve("/page", PAGE)
    assert read_url(url, allow_private=True).source == url


def test_markdown_served_as_plain_text_read_as_markdown(local_server):
    url = local_server.serve("/raw/page.md", "# From a repo\n", content_type="text/plain; charset=utf-8")
    assert read_url(url, allow_private=True).format == "markdown"


def test_rst_served_as_plain_text_read_as_rst(local_server):
    url = local_server.serve("/raw/errors.rst", "Errors\n======\n\nText.\n", content_type="text/plain; charset=utf-8")
    assert read_url(url, allow_private=True).format == "rst"


def test_rst_content_type_read_as_rst(local_server):
    url = local_server.serve("/errors", "Errors\n======\n\nText.\n", content_type="text/x-rst")
    assert read_url(url, allow_private=True).format == "rst"


def test_charset_honoured(local_server):
    url = local_server.serve(
        "/page", "<h1>Caf\xe9</h1>".encode("latin-1"), content_type="text/html; charset=iso-8859-1"
    )
    assert read_url(url, allow_private=True).title == "Caf\u00e9"


def test_private_address_refused_by_default(local_server):
    url = local_server.serve("/page", PAGE)
    with pytest.raises(ContentErrors, match="a private, loopback, link-local or reserved address"):
        read_url(url)


def test_private_address_never_contacted(local_server):
    url = local_server.serve("/page", PAGE)
    with pytest.raises(ContentErrors):
        read_url(url)
    assert local_server.requests == []


def test_localhost_name_refused():
    with pytest.raises(ContentErrors, match="localhost is at"):
        fetch("http://localhost:9/page")


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1",
     "fe80::1", "fd00::1", "::ffff:127.0.0.1", "224.0.0.1", "240.0.0.1"],
)  # fmt: skip
def test_inner_addresses_are_not_public(address):
    assert not public_address(ipaddress.ip_address(address))


def test_internet_address_is_public():
    assert public_address(ipaddress.ip_address("93.184.216.34"))


def test_file_url_refused():
    with pytest.raises(ContentErrors, match="is not an http"):
        read_url("file:///etc/passwd", allow_private=True)


def test_redirect_followed(local_server):
    local_server.serve("/new", PAGE)
    old = local_server.serve("/old", status=301, headers={"Location": "/new"})
    assert read_url(old, allow_private=True).url == local_server.url("/new")


def test_redirect_to_file_refused(local_server):
    url = local_server.serve("/go", status=302, headers={"Location": "file:///etc/passwd"})
    assert error(url) == f"{url}:1: is not an http(s) URL: file:///etc/passwd (redirected)"


def test_each_redirect_rechecked(local_server, monkeypatch):
    # Only 127.0.0.1 counts as public here, so the redirect's 127.0.0.2 is an inner address, refused unconnected.
    monkeypatch.setattr(url_module, "public_address", lambda ip: str(ip) == "127.0.0.1")
    port = local_server.http.server_address[1]
    url = local_server.serve("/go", status=302, headers={"Location": f"http://127.0.0.2:{port}/inner"})
    with pytest.raises(ContentErrors, match=r"127\.0\.0\.2 is at 127\.0\.0\.2"):
        read_url(url)


def test_redirect_to_inner_address_never_contacted(local_server, monkeypatch):
    monkeypatch.setattr(url_module, "public_address", lambda ip: str(ip) == "127.0.0.1")
    port = local_server.http.server_address[1]
    url = local_server.serve("/go", status=302, headers={"Location": f"http://127.0.0.2:{port}/inner"})
    with pytest.raises(ContentErrors):
        read_url(url)
    assert local_server.requests == ["/go"]


def test_redirect_loop_stopped(local_server):
    url = local_server.serve("/loop", status=302, headers={"Location": "/loop"})
    assert error(url).endswith("redirects more than 3 times")


def test_redirect_loop_stops_after_a_few_requests(local_server):
    url = local_server.serve("/loop", status=302, headers={"Location": "/loop"})
    error(url)
    assert len(local_server.requests) == 4


def test_wrong_content_type_refused(local_server):
    url = local_server.serve("/file", b"%PDF-1.7", content_type="application/pdf")
    assert error(url).endswith(
        "is of an unsupported type (application/pdf): give HTML, Markdown, reStructuredText, plain text or DITA XML"
    )


def test_http_error_reported(local_server):
    assert "404" in error(local_server.url("/missing"))


def test_declared_huge_body_refused(local_server):
    url = local_server.serve("/huge", b"x" * 2000)
    assert "is too large (2,000 bytes; the limit is 1,000)" in error(url, max_bytes=1000)


def test_streamed_huge_body_refused_past_the_cap(local_server):
    local_server.serve("/endless", content_type="text/html", stream=50 * 1024 * 1024)
    assert "is too large (more than 100,000 bytes)" in error(local_server.url("/endless"), max_bytes=100_000)


def test_stalled_server_times_out(local_server):
    url = local_server.serve("/stall", stall=True)
    started = time.monotonic()
    assert "timed out" in error(url, timeout=0.3)
    assert time.monotonic() - started < 5


def test_malformed_url_refused():
    with pytest.raises(ContentErrors, match="is not a valid URL"):
        read_url("http://[::1")
