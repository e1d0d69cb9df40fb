"""Rendered steps are cached per content version; each reader still gets their own walk id, tokens and nonce."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from tests.conftest import MINI
from tests.pages import walk_param
from wizard.content import read_guide
from wizard.models import Feedback, Guide
from wizard.pages.cache import HOLE_CSRF, HOLE_FORM_TOKEN, HOLE_NONCE, HOLE_WALK
from wizard.services.load import guides_load
from wizard.views import walk as walk_views

pytestmark = pytest.mark.usefixtures("mini_guide")

RESOLUTION = "/guides/mini/wrong-src/"
ESCALATION = "/guides/mini/widget-escalate/"
HOLES = (HOLE_WALK.param, HOLE_CSRF, HOLE_FORM_TOKEN, HOLE_NONCE)


@pytest.fixture
def renders():
    """The templates rendered while a test runs: a page served from the cache renders none."""
    rendered: list[str] = []

    def record(sender, template, context, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)


def hidden_value(content: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', content)
    assert found is not None, f"no {name} in the page"
    return found.group(1)


def no_holes(content: str) -> None:
    for hole in HOLES:
        assert hole not in content


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/guides/mini/widget/", {}),
        ("/guides/mini/widget/", {"HX-Request": "true"}),
        (RESOLUTION, {}),
        (RESOLUTION, {"HX-Request": "true"}),
        (ESCALATION, {}),
        ("/embed/mini/wrong-src/?accent=%23123456&theme=dark", {}),
    ],
)
def test_a_repeated_step_is_served_from_the_cache_with_no_hole_left(client, renders, url, headers):
    first = client.get(url, headers=headers)
    rendered_first = len(renders)
    second = client.get(url, headers=headers)

    assert rendered_first > 0
    assert len(renders) == rendered_first, "the second request rendered templates again"
    for response in (first, second):
        assert response.status_code == 200
        no_holes(response.content.decode())
    assert walk_param(first) != walk_param(second)


def test_each_reader_gets_their_own_walk_in_every_link(client):
    client.get("/guides/mini/widget/")
    walk = "ab" * 16
    content = client.get(f"/guides/mini/widget/?w={walk}").content.decode()
    assert f'href="/guides/mini/ad-blocker/?w={walk}"' in content
    assert set(re.findall(r"[?&]w=([0-9a-f]{32})", content)) == {walk}


def test_each_cached_form_gets_a_fresh_token_that_the_form_accepts(client):
    first = client.get(RESOLUTION).content.decode()
    second = client.get(RESOLUTION).content.decode()
    token = hidden_value(second, "token")
    assert token != hidden_value(first, "token")

    response = client.post(f"{RESOLUTION}feedback/", {"token": token, "helpful": "yes"})

    assert response.status_code == 303
    assert Feedback.objects.filter(node__slug="wrong-src", helpful=True).count() == 1


def test_a_cached_form_carries_a_csrf_token_that_passes_the_check():
    browser = Client(enforce_csrf_checks=True)
    browser.get(RESOLUTION)
    content = browser.get(RESOLUTION).content.decode()  # from the cache
    data = {
        "csrfmiddlewaretoken": hidden_value(content, "csrfmiddlewaretoken"),
        "token": hidden_value(content, "token"),
        "helpful": "no",
    }

    response = browser.post(f"{RESOLUTION}feedback/", data)

    assert response.status_code == 303
    assert Feedback.objects.filter(helpful=False).count() == 1


def test_a_cached_embed_style_uses_this_responses_nonce(client):
    url = "/embed/mini/wrong-src/?accent=%23123456"
    client.get(url)
    response = client.get(url)
    nonce = re.search(r'<style nonce="([^"]+)"', response.content.decode())
    assert nonce is not None
    assert f"'nonce-{nonce.group(1)}'" in response.headers["Content-Security-Policy"]


def cached_pages() -> int:
    from django.core.cache import cache

    return sum(1 for key in cache._cache if ":page:" in key)


def test_any_accent_colour_shares_one_cache_entry(client, renders):
    client.get("/embed/mini/wrong-src/?accent=%23123456&theme=light")
    rendered = len(renders)
    second = client.get("/embed/mini/wrong-src/?accent=%23ab0042&theme=light").content.decode()
    third = client.get("/embed/mini/wrong-src/?accent=%23ffd700&theme=light").content.decode()
    # One page, rendered once: the other two accents were served from the cache.
    assert (cached_pages(), len(renders)) == (1, rendered)
    assert "--ts-accent: #ab0042; --ts-link: #ab0042;" in second
    assert "accent=%23ab0042" in second and "123456" not in second
    # A pale accent colours borders only: its text would not be readable.
    assert "--ts-accent: #ffd700;" in third and "--ts-link" not in third
    assert "accent=%23ffd700" in third and "ab0042" not in third


def test_variants_do_not_share_a_cache_entry(client):
    page = client.get("/guides/mini/widget/").content.decode()
    fragment = client.get("/guides/mini/widget/", headers={"HX-Request": "true"}).content.decode()
    embed = client.get("/embed/mini/widget/").content.decode()
    other_host = client.get("/guides/mini/widget/", HTTP_HOST="localhost").content.decode()

    assert "<html" in page and "<html" not in fragment
    assert 'href="/embed/mini/ad-blocker/' in embed and 'href="/embed/mini/' not in page
    assert 'rel="canonical" href="http://localhost/guides/mini/widget/"' in other_host
    assert 'rel="canonical" href="http://testserver/guides/mini/widget/"' in page


def test_a_changed_import_replaces_the_cached_page(client, tmp_path):
    client.get(RESOLUTION)
    changed = tmp_path / "mini.md"
    changed.write_text(MINI.read_text().replace("Fix the `src` attribute.", "Correct the script's source."))
    guide, errors = read_guide(changed)
    assert errors == []
    guides_load(guides=[guide], prune=False)

    content = client.get(RESOLUTION).content.decode()

    assert "Correct the script" in content
    assert "Fix the <code>src</code> attribute." not in content


def test_form_results_and_errors_are_not_cached(client, renders):
    client.get(f"{RESOLUTION}?feedback=yes")
    before = len(renders)
    response = client.get(f"{RESOLUTION}?feedback=yes")
    assert len(renders) > before
    assert "marked as solved" in response.content.decode()


def test_a_cached_step_reads_only_its_guides_stamp(client, monkeypatch):
    monkeypatch.setattr(walk_views, "walk_record_step", lambda **record: None)
    client.get(RESOLUTION)
    with CaptureQueriesContext(connection) as queries:
        assert b"Reload and confirm" in client.get(RESOLUTION).content
    assert len(queries) == 1


def test_a_cached_step_of_a_guide_turned_draft_is_hidden(client):
    client.get(RESOLUTION)
    Guide.objects.filter(slug="mini").update(is_draft=True)
    assert client.get(RESOLUTION).status_code == 404
