"""The search page over several guides: each result names its guide, and results can be narrowed to one."""

from __future__ import annotations

import re

import pytest

WALK = "cd" * 16


def filter_links(content: bytes) -> list[str]:
    nav = re.search(r'<nav class="guide-filter[^>]*>(.*?)</nav>', content.decode(), re.S)
    return re.findall(r"<li[^>]*>(?:<a href=\"([^\"]+)\">)?", nav.group(1)) if nav else []


@pytest.mark.usefixtures("two_guides")
def test_each_result_names_its_guide(client):
    content = client.get("/search/?q=widget").content.decode()
    assert '<span class="search-guide text-body-secondary">· in Mini guide</span>' in content
    assert '<span class="search-guide text-body-secondary">· in Gadget API guide</span>' in content


@pytest.mark.usefixtures("two_guides")
def test_results_can_be_narrowed_to_one_guide(client):
    links = filter_links(client.get(f"/search/?q=widget&w={WALK}").content)
    assert links == [
        "",
        f"/search/?q=widget&amp;guide=gadget&amp;w={WALK}",
        f"/search/?q=widget&amp;guide=mini&amp;w={WALK}",
    ]


@pytest.mark.usefixtures("two_guides")
def test_the_narrowed_results_mark_their_guide_as_current(client):
    content = client.get("/search/?q=widget&guide=mini").content.decode()
    assert '<span aria-current="page" class="fw-semibold">Mini guide</span>' in content
    assert 'data-guide="gadget"' not in content


@pytest.mark.usefixtures("two_guides")
def test_htmx_pushes_the_guide_filter_too(client):
    response = client.get("/search/?q=widget&guide=mini", headers={"HX-Request": "true"})
    assert response["HX-Push-Url"] == "/search/?q=widget&guide=mini"


@pytest.mark.usefixtures("mini_guide")
def test_one_guide_needs_no_filter(client):
    assert b"guide-filter" not in client.get("/search/?q=widget").content
