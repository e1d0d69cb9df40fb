"""Every section of the shipped guide can be walked, page by page, to a resolution."""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.conf import settings

from tests.content.test_plaid_guide import DOCUMENTED_SECTIONS, RELATED_SECTIONS
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


def path_to_a_resolution(guide, start: str) -> list[str]:
    previous = {start: None}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if guide.nodes[current].kind == RESOLUTION:
            path = [current]
            while previous[path[-1]]:
                path.append(previous[path[-1]])
            return path[::-1]
        for choice in guide.nodes[current].choices:
            if choice.target not in previous:
                previous[choice.target] = current
                queue.append(choice.target)
    raise AssertionError(f"no resolution below {start}")


@pytest.mark.django_db
@pytest.mark.parametrize("section", DOCUMENTED_SECTIONS + RELATED_SECTIONS)
def test_walk_each_section_by_following_links(client, plaid, section):
    url = "/guides/plaid-link/"
    for slug in ["start", *path_to_a_resolution(plaid, section)][1:]:
        page = client.get(url).content.decode()
        link = re.search(rf'href="(/guides/plaid-link/{slug}/\?w=[0-9a-f]+)"', page)
        assert link, f"no link to {slug} on {url}"
        url = link.group(1)
    final = client.get(url)
    assert b'data-kind="resolution"' in final.content
    assert final.content.count(b"<li>") >= 3
