"""wizard/middleware.py: bodies too large, the client behind proxies, HEAD without a body, and a friendly 503
while the database is away."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from wizard.middleware import ForwardedForMiddleware, HeadWithoutBodyMiddleware


def page(request) -> HttpResponse:
    return HttpResponse("hello", headers={"Content-Length": "5"})


# RequestTooLargeMiddleware ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("mini_guide")
@pytest.mark.parametrize(
    "url", ["/embed/mini/wrong-src/feedback/", "/guides/mini/wrong-src/feedback/", "/admin/login/"]
)
def test_a_body_over_the_limit_answers_413(client, url):
    body = "comment=" + "a" * 3_000_000
    response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413


@pytest.mark.usefixtures("mini_guide")
def test_a_body_under_the_limit_reaches_the_form(client):
    body = "comment=" + "a" * 2_000_000
    response = client.generic(
        "POST", "/embed/mini/wrong-src/feedback/", body, content_type="application/x-www-form-urlencoded"
    )
    # The form's own answer: the comment is too long and there is no token.
    assert response.status_code == 400


# ForwardedForMiddleware ---------------------------------------------------------------------------------------


def client_address(settings, proxies: int, forwarded_for: str) -> str:
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", headers={"X-Forwarded-For": forwarded_for}, REMOTE_ADDR="192.0.2.1")
    ForwardedForMiddleware(page)(request)
    return request.META["REMOTE_ADDR"]


def test_behind_a_trusted_proxy_the_client_is_the_address_it_appended(settings):
    assert client_address(settings, 1, "203.0.113.5") == "203.0.113.5"


def test_a_forged_forwarded_for_entry_is_not_taken_for_the_client(settings):
    # The client adds made-up addresses on the left; the balancer appends the real one on the right.
    assert client_address(settings, 1, "10.0.0.1, 203.0.113.5") == "203.0.113.5"


def test_without_trusted_proxies_forwarded_for_is_ignored(settings):
    assert client_address(settings, 0, "203.0.113.5") == "192.0.2.1"


def test_a_malformed_entry_from_a_trusted_proxy_is_ignored(settings):
    assert client_address(settings, 1, "not-an-address") == "192.0.2.1"


# HeadWithoutBodyMiddleware (the test client drops HEAD bodies itself, so these call it directly) --------------


def test_a_head_response_keeps_the_gets_length_and_has_no_body():
    response = HeadWithoutBodyMiddleware(page)(RequestFactory().head("/"))
    assert (response.content, response["Content-Length"]) == (b"", "5")


def test_a_get_response_keeps_its_body():
    assert HeadWithoutBodyMiddleware(page)(RequestFactory().get("/")).content == b"hello"


# DatabaseUnavailableMiddleware --------------------------------------------------------------------------------


@pytest.mark.usefixtures("mini_guide")
@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_lost_database_answers_503_with_a_friendly_page(client, monkeypatch, headers):
    def unreachable(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("wizard.selectors.node_for_step", unreachable)
    response = client.get("/guides/mini/widget/", headers=headers)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "back in a moment" in response.content.decode()


@pytest.mark.usefixtures("mini_guide")
def test_other_errors_are_not_called_unavailable(client, monkeypatch):
    def broken(**kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("wizard.selectors.node_for_step", broken)
    client.raise_request_exception = False
    assert client.get("/guides/mini/widget/").status_code == 500
