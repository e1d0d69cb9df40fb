"""The home page lists every guide with what it covers: its summary, its first symptoms, its error code lookup."""

from __future__ import annotations

import re

import pytest

from tests.factories import generated_guide
from wizard.content import read_guide_text
from wizard.services.load import guides_load


def card(content: bytes, guide: str) -> str:
    """The home page's card of one guide."""
    return content.decode().split(f'data-guide="{guide}">', 1)[1].split('class="card mb-3 guide-card"', 1)[0]


@pytest.mark.usefixtures("two_guides")
def test_every_guide_is_listed_with_its_summary(client):
    content = client.get("/").content
    assert "A second small guide for tests, linking into the mini guide." in card(content, "gadget")
    assert "A small guide for tests." in card(content, "mini")


@pytest.mark.usefixtures("two_guides")
def test_a_guide_lists_its_symptoms_as_links(client):
    symptoms = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', card(client.get("/").content, "mini"))
    assert symptoms == [
        ("/guides/mini/widget/", "The widget does not load"),
        ("/guides/mini/platform/", "The platform matters"),
    ]


@pytest.mark.usefixtures("two_guides")
def test_a_guide_with_a_lookup_offers_it_apart_from_its_symptoms(client):
    gadget = card(client.get("/").content, "gadget")
    assert '<a href="/guides/gadget/lookup/">Look up an error code or message' in gadget
    assert "I have an error code or message" not in gadget


@pytest.mark.usefixtures("two_guides")
def test_a_guide_without_a_lookup_offers_none(client):
    assert "/lookup/" not in card(client.get("/").content, "mini")


@pytest.mark.django_db
def test_a_guide_with_many_symptoms_lists_the_first_and_says_how_many_more(client):
    guide, _ = read_guide_text(generated_guide(70, "many"), "many.md")
    guides_load(guides=[guide], prune=False)
    content = card(client.get("/").content, "many")
    assert content.count('<li><a href="/guides/many/s') == 6
    assert "and 4 more" in content


@pytest.mark.django_db
def test_the_home_page_costs_the_same_queries_for_one_guide_or_many(client, django_assert_num_queries):
    for number in range(3):
        guide, _ = read_guide_text(generated_guide(21, f"g{number}"), f"g{number}.md")
        guides_load(guides=[guide], prune=False)
    with django_assert_num_queries(2):
        client.get("/")
