"""Every section of the shipped guide can be walked, page by page, to a resolution."""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.conf import settings

from tests.content.test_plaid_guide import ALL_SECTIONS
from wizard.content import read_guides
from wizard.content.graph import RESOLUTION
from wizard.services.load import guides_load


@pytest.fixture(scope="module")
def plaid(django_db_setup, django_db_blocker):
    guides, errors = read_guides(settings.CONTENT_DIR)
    assert errors == []
    with django_db_blocker.unblock():
        guides_load(guides=guides)
    yield next(guide for guide in guides if guide.id == "plaid-link")
    with django_db_blocker.unblock():
        guides_load(guides=[])


def shortest_path(guide, start: str, goal) -> list[str]:
    """Node ids from `start` to the nearest node that `goal` accepts, following answers."""
    previous = {start: None}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if goal(current):
            path = [current]
            while previous[path[-1]]:
                path.append(previous[path[-1]])
            return path[::-1]
        for choice in guide.nodes[current].choices:
            # A link into another guide ends this guide's walk.
            if choice.target in guide.nodes and choice.target not in previous:
                previous[choice.target] = current
                queue.append(choice.target)
    raise AssertionError(f"no walk from {start} reaches the goal")


def path_to_a_resolution(guide, section: str) -> list[str]:
    """From the first question to the section (listed, or reached by a link), then on to a resolution below it."""
    to_section = shortest_path(guide, "start", lambda node: node == section)
    below = shortest_path(guide, section, lambda node: guide.nodes[node].kind == RESOLUTION)
    return to_section + below[1:]


@pytest.mark.django_db
@pytest.mark.parametrize("section", ALL_SECTIONS)
def test_walk_each_section_by_following_links(client, plaid, section):
    url = "/guides/plaid-link/"
    for slug in path_to_a_resolution(plaid, section)[1:]:
        page = client.get(url).content.decode()
        link = re.search(rf'href="(/guides/plaid-link/{slug}/\?w=[0-9a-f]+)"', page)
        assert link, f"no link to {slug} on {url}"
        url = link.group(1)
    final = client.get(url)
    assert b'data-kind="resolution"' in final.content
    assert final.content.count(b"<li>") >= 3
