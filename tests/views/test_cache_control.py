"""Shared caches (a CDN that caches HTML) must never hand one reader's walk or form token to another."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.deploy.forms import post_forms

pytestmark = pytest.mark.usefixtures("mini_guide")

WALK_ID = re.compile(r"[?&;]w=[0-9a-f]{32}")
TOKENS = ('name="token"', 'name="csrfmiddlewaretoken"')
PAGES = [
    "/",
    "/guides/mini/",
    "/guides/mini/widget/",
    "/guides/mini/ad-blocker/",
    "/guides/mini/ad-blocker/?feedback=yes",
    "/guides/mini/widget-escalate/",
    "/embed/",
    "/embed/mini/",
    "/embed/mini/ad-blocker/?accent=%23aa3300",
    "/embed/mini/widget-escalate/",
    "/search/",
    "/search/?q=widget",
    "/search/?q=zzz+nothing",
    "/guides/mini/gone/",
    "/robots.txt",
    "/sitemap.xml",
]


def is_private(response) -> bool:
    directives = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
    return bool(directives & {"private", "no-store"}) and "public" not in directives


def carries_a_walk_or_token(response) -> bool:
    body = response.content.decode()
    return bool(WALK_ID.search(body)) or any(token in body for token in TOKENS)


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("url", PAGES)
def test_a_page_with_a_walk_id_or_a_form_token_is_private(client, url, htmx):
    response = client.get(url, headers={"HX-Request": "true"} if htmx else {})
    assert not carries_a_walk_or_token(response) or is_private(response), response.get("Cache-Control")


@pytest.mark.parametrize("url", ["/guides/mini/", "/guides/mini/ad-blocker/", "/embed/mini/", "/search/?q=widget"])
def test_walk_pages_are_private(client, url):
    assert is_private(client.get(url))


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("url", ["/guides/mini/ad-blocker/", "/embed/mini/widget-escalate/"])
def test_form_answers_are_private(client, url, htmx):
    [form] = post_forms(client.get(url).content.decode(), url)
    response = client.post(form.action, form.filled(), headers={"HX-Request": "true"} if htmx else {})
    assert is_private(response)


def test_the_guide_list_may_be_cached_publicly(client):
    response = client.get("/")
    assert (carries_a_walk_or_token(response), is_private(response)) == (False, False)


# The links the product offers for sharing: none may carry a walk id.


def test_the_canonical_link_carries_no_walk(client):
    page = client.get("/guides/mini/ad-blocker/?w=" + "12" * 16).content.decode()
    [canonical] = re.findall(r'<link rel="canonical" href="([^"]+)"', page)
    assert canonical == "http://testserver/guides/mini/ad-blocker/"


@pytest.mark.parametrize("url", ["/guides/mini/ad-blocker/", "/guides/mini/widget-escalate/"])
def test_the_ticket_summary_carries_no_walk(client, url):
    page = client.get(f"{url}?w={'12' * 16}&unsure=check-wrong-src").content.decode()
    summary = re.search(r'<textarea id="ticket-summary"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert "http://testserver/guides/mini/" in summary
    assert not WALK_ID.search(summary) and "12" * 16 not in summary


def test_open_in_full_page_carries_no_walk(client):
    page = client.get(f"/embed/mini/ad-blocker/?w={'12' * 16}").content.decode()
    link = re.search(r'<a class="btn btn-link full-page-link[^"]*" href="([^"]+)"', page).group(1)
    assert link == "http://testserver/guides/mini/ad-blocker/"


def test_the_escalation_hand_off_carries_no_walk(client, settings):
    settings.ESCALATION_HANDOFF_URL = "https://help.example.com/new?subject={subject}&body={body}"
    page = Client().get(f"/guides/mini/widget-escalate/?w={'12' * 16}").content.decode()
    handoff = re.search(r'href="(https://help\.example\.com/new[^"]+)"', page).group(1)
    assert "12" * 16 not in handoff


def test_the_embed_snippet_carries_no_walk(client):
    page = client.get(f"/embed/?guide=mini&w={'12' * 16}").content.decode()
    assert "12" * 16 not in page
