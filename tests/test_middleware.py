"""Request plumbing of wizard/middleware.py that the test client cannot show (it drops HEAD bodies itself)."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import RequestFactory

from wizard.middleware import HeadWithoutBodyMiddleware


def page(request) -> HttpResponse:
    return HttpResponse("hello", headers={"Content-Length": "5"})


def test_a_head_response_keeps_the_gets_length_and_has_no_body():
    response = HeadWithoutBodyMiddleware(page)(RequestFactory().head("/"))
    assert (response.content, response["Content-Length"]) == (b"", "5")


def test_a_get_response_keeps_its_body():
    assert HeadWithoutBodyMiddleware(page)(RequestFactory().get("/")).content == b"hello"
