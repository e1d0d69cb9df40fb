"""When an htmx request wants only the swapped part of a page."""

from __future__ import annotations

from django.test import RequestFactory
from django_htmx.middleware import HtmxMiddleware

from wizard.htmx import wants_partial


def htmx_request(**headers: str):
    request = RequestFactory().get("/", headers=headers)
    HtmxMiddleware(lambda request: None)(request)
    return request


def test_an_htmx_swap_wants_the_partial():
    assert wants_partial(htmx_request(**{"HX-Request": "true"}))


def test_a_history_restore_wants_the_whole_page():
    assert not wants_partial(htmx_request(**{"HX-Request": "true", "HX-History-Restore-Request": "true"}))


def test_an_ordinary_request_wants_the_whole_page():
    assert not wants_partial(htmx_request())
