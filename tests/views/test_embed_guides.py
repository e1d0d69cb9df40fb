"""The embed builder (/embed/) with several guides: pick one, start on any of its steps, its lookup too."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.usefixtures("two_guides")


def options(content: bytes, select: str) -> list[str]:
    block = re.search(rf'<select[^>]*id="{select}"[^>]*>(.*?)</select>', content.decode(), re.S).group(1)
    return re.findall(r'<option value="([^"]+)"', block)


def test_every_guide_can_be_picked(client):
    assert options(client.get("/embed/").content, "embed-guide") == ["gadget", "mini"]


def test_the_steps_offered_are_the_picked_guides(client):
    steps = options(client.get("/embed/?guide=mini").content, "embed-node")
    assert "ad-blocker" in steps
    assert "expired-key" not in steps


def test_an_embed_may_start_on_a_guides_lookup(client):
    response = client.get("/embed/?guide=gadget&node=lookup")
    assert response.context["preview_url"] == "/embed/gadget/lookup/"


def test_a_step_of_another_guide_falls_back_to_the_start(client):
    response = client.get("/embed/?guide=mini&node=expired-key")
    assert response.context["preview_url"] == "/embed/mini/"


def test_the_snippet_names_the_picked_guide(client):
    assert b'data-guide="mini"' in client.get("/embed/?guide=mini").content
