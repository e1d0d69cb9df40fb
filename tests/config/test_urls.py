"""config/urls.py: the admin behind its login, and that login throttled per client (admin_login)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def login(client: Client, n: int = 0) -> int:
    return client.post("/admin/login/", {"username": "admin", "password": f"guess{n}"}).status_code


def test_admin_redirects_anonymous_users_to_login(client):
    response = client.get("/admin/")
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/admin/login/")


def test_admin_login_needs_csrf():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403


def test_admin_login_is_throttled(client, settings, clock):
    settings.ADMIN_LOGIN_RATE_LIMIT = "3/m"
    assert [login(client, n) for n in range(5)] == [200, 200, 200, 429, 429]


def test_admin_login_limit_holds_across_a_minute_boundary(client, settings, clock):
    """Counted per clock minute, three guesses at the end of one minute and three at the start of the next pass."""
    settings.ADMIN_LOGIN_RATE_LIMIT = "3/m"
    assert [login(client, n) for n in range(3)] == [200, 200, 200]
    refused = []
    for _ in range(59):
        clock.shift(1)
        refused.append(login(client))
    assert set(refused) == {429}


def test_admin_login_passes_again_a_minute_after_the_first_guess(client, settings, clock):
    settings.ADMIN_LOGIN_RATE_LIMIT = "3/m"
    for n in range(3):
        login(client, n)
    clock.shift(60.5)
    assert login(client) == 200


def test_viewing_the_admin_login_page_is_not_counted(client, settings, clock):
    settings.ADMIN_LOGIN_RATE_LIMIT = "1/m"
    client.get("/admin/login/")
    assert login(client) == 200
