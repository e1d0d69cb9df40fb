from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings

from wizard.content import read_guides
from wizard.models import Guide, Node
from wizard.services.load import guides_load

pytestmark = pytest.mark.usefixtures("mini_guide")


def meta_description(content: str) -> str:
    return re.search(r'<meta name="description" content="([^"]*)">', content).group(1)


def sitemap_locations(client) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())


# Titles, descriptions, canonical URLs


def test_resolution_description_describes_the_fix(client):
    description = meta_description(client.get("/guides/mini/ad-blocker/").content.decode())
    assert description.startswith("How to fix it: An ad blocker stops the script.")
    assert "The page shows an empty box where the widget should be." in description


def test_question_description_names_the_guide_and_the_question(client):
    description = meta_description(client.get("/guides/mini/widget/").content.decode())
    assert description.startswith("Mini guide: Does the widget load with extensions turned off?")
    assert "private window" in description


def test_first_question_description_is_the_guide_summary(client):
    description = meta_description(client.get("/guides/mini/").content.decode())
    assert description.startswith("A small guide for tests.")


def test_descriptions_are_plain_text_within_the_length_search_engines_show(client):
    for url in ("/guides/mini/", "/guides/mini/widget/", "/guides/mini/wrong-src/", "/guides/mini/widget-escalate/"):
        description = meta_description(client.get(url).content.decode())
        assert 0 < len(description) <= 155, url
        assert "&lt;" not in description and "<" not in description, url


def test_descriptions_do_not_double_escape_entities(client):
    node = Node.objects.get(guide__slug="mini", slug="wrong-src")
    node.symptom_html = "<p>Link says &quot;Connectivity not supported&quot; &amp; stops.</p>"
    node.save()
    description = meta_description(client.get("/guides/mini/wrong-src/").content.decode())
    assert "&quot;Connectivity not supported&quot; &amp; stops." in description


@pytest.mark.parametrize("url", ["/guides/mini/", "/guides/mini/widget/", "/guides/mini/wrong-src/"])
def test_each_page_has_a_title_and_a_canonical_url(client, url):
    content = client.get(url).content.decode()
    assert re.search(r"<title>[^<]+ · Troubleshooter</title>", content)
    assert f'<link rel="canonical" href="http://testserver{url}">' in content


def test_canonical_url_leaves_out_the_walk_and_source(client):
    content = client.get("/guides/mini/widget/?w=" + "ab" * 16 + "&source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/guides/mini/widget/">' in content


# robots.txt


def test_robots_txt_allows_all_but_staff_and_embed_pages(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/embed/", "/insights/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# sitemap.xml


def test_sitemap_lists_every_guide_and_resolution(client):
    locations = sitemap_locations(client)
    resolutions = Node.objects.filter(guide__slug="mini", kind=Node.Kind.RESOLUTION)
    expected = {"http://testserver/guides/mini/"} | {
        f"http://testserver/guides/mini/{node.slug}/" for node in resolutions
    }
    assert resolutions.count() >= 3
    assert set(locations) == expected
    assert len(locations) == len(expected)


def test_sitemap_leaves_out_questions_and_escalations(client):
    locations = sitemap_locations(client)
    assert "http://testserver/guides/mini/widget/" not in locations
    assert "http://testserver/guides/mini/widget-escalate/" not in locations


def test_sitemap_leaves_out_draft_guides(client):
    Guide.objects.filter(slug="mini").update(is_draft=True)
    assert sitemap_locations(client) == []


def test_sitemap_lists_the_real_guide(client):
    guides, errors = read_guides(django_settings.CONTENT_DIR)
    assert errors == []
    guides_load(guides=guides, prune=False)
    locations = sitemap_locations(client)
    assert "http://testserver/guides/plaid-link/" in locations
    count = Node.objects.filter(guide__slug="plaid-link", kind=Node.Kind.RESOLUTION).count()
    assert sum(loc.startswith("http://testserver/guides/plaid-link/") for loc in locations) == count + 1


def test_sitemap_urls_all_answer(client):
    for location in sitemap_locations(client):
        assert client.get(location.removeprefix("http://testserver")).status_code == 200, location


# Home page


def test_home_page_has_a_description_and_canonical_url(client):
    content = client.get("/").content.decode()
    assert "Mini guide" in meta_description(content)
    assert '<link rel="canonical" href="http://testserver/">' in content
