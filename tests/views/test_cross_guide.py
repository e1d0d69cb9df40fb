"""A walk that continues in another guide, related links and typed codes on the page."""

from __future__ import annotations

import re

import pytest

from wizard.models import Node

pytestmark = pytest.mark.usefixtures("two_guides")

WALK = "0" * 31 + "1"


def answer_links(content: bytes) -> dict[str, str]:
    """Answer label -> href, from the answers list."""
    found = re.findall(
        r'<a class="answer d-block" href="([^"]+)"[^>]*>(?:<kbd[^>]*>\d</kbd>)?([^<]+)', content.decode()
    )
    return {label.strip(): href.replace("&amp;", "&") for href, label in found}


def test_an_answer_into_another_guide_links_to_that_guides_node(client):
    response = client.get(f"/guides/gadget/check-widget-never-loaded/?w={WALK}")
    assert answer_links(response.content)["Yes"] == f"/guides/mini/widget/?w={WALK}"


def test_the_answer_says_which_guide_it_continues_in(client):
    response = client.get("/guides/gadget/check-widget-never-loaded/")
    assert b'<span class="answer-guide">continues in Mini guide</span>' in response.content


def test_answers_within_the_guide_do_not_name_a_guide(client):
    response = client.get("/guides/gadget/sync/")
    assert b"answer-guide" not in response.content


def test_not_sure_answers_stay_behind_in_their_own_guide(client):
    response = client.get(f"/guides/gadget/check-widget-never-loaded/?w={WALK}&unsure=sync")
    assert answer_links(response.content)["Yes"] == f"/guides/mini/widget/?w={WALK}"


def test_the_other_guides_node_shows_its_own_trail(client):
    response = client.get(f"/guides/mini/widget/?w={WALK}")
    assert response.context["guide"].slug == "mini"
    assert [step.node for step in response.context["trail"]] == ["start"]


def test_an_embedded_answer_stays_in_embed_mode(client):
    response = client.get(f"/embed/gadget/check-widget-never-loaded/?w={WALK}")
    assert answer_links(response.content)["Yes"] == f"/embed/mini/widget/?w={WALK}"


def test_related_links_list_both_guides_in_the_contents_order(client):
    response = client.get(f"/guides/gadget/rate-limited/?w={WALK}")
    related = re.search(r'<ul class="related">(.*?)</ul>', response.content.decode(), re.S).group(1)
    assert re.findall(r'href="([^"?]+)', related) == ["/guides/gadget/expired-key/", "/guides/mini/ad-blocker/"]


def test_a_related_link_into_another_guide_names_it(client):
    response = client.get("/guides/gadget/rate-limited/")
    assert b'<span class="related-guide">in Mini guide</span>' in response.content


def test_a_related_node_that_is_gone_is_left_out(client):
    Node.objects.filter(guide__slug="mini", slug="ad-blocker").delete()
    response = client.get("/guides/gadget/rate-limited/")
    assert b"/guides/mini/ad-blocker/" not in response.content


def test_no_related_section_without_related_links(client):
    response = client.get("/guides/mini/ad-blocker/")
    assert b'class="related"' not in response.content


def test_a_code_shows_its_error_type(client):
    response = client.get("/guides/gadget/rate-limited/")
    assert b'<code>GADGET_RATE_LIMITED</code> <span class="error-type">(RATE_LIMIT_ERROR)</span>' in response.content


def test_the_ticket_summary_gives_the_error_type(client):
    response = client.get("/guides/gadget/rate-limited/")
    assert "Error codes: GADGET_RATE_LIMITED (RATE_LIMIT_ERROR), GADGET_SLOW_DOWN" in response.content.decode()


def test_search_shows_a_codes_error_type(client):
    response = client.get("/search/?q=GADGET_KEY_EXPIRED")
    assert b'<code>GADGET_KEY_EXPIRED</code> <span class="error-type">(AUTH_ERROR)</span>' in response.content
