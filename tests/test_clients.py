"""Who sent a request: the address rate limits count, and the site that linked here."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from wizard.clients import client_address, referrer_host


def request(**meta: str):
    return RequestFactory().get("/", **meta)


def test_an_ipv4_client_is_its_address():
    assert client_address(request(REMOTE_ADDR="203.0.113.7")) == "203.0.113.7"


def test_an_ipv6_client_counts_as_its_whole_64():
    assert client_address(request(REMOTE_ADDR="2001:db8:1:2:3:4:5:6")) == "2001:db8:1:2::/64"


def test_the_site_that_linked_here_is_its_host():
    assert referrer_host(request(HTTP_REFERER="https://Docs.Example.com/a/b?c=d")) == "docs.example.com"


def test_a_link_from_this_site_is_no_referrer():
    assert referrer_host(request(HTTP_REFERER="http://testserver/guides/mini/")) == ""


@pytest.mark.parametrize("referer", ["http://[", "not a url", "https://exa mple.com/", "https://<b>.com/"])
def test_a_malformed_referer_is_no_referrer(referer):
    assert referrer_host(request(HTTP_REFERER=referer)) == ""
