"""Load balancers and uptime checkers send HEAD: every page that answers GET answers HEAD the same way."""

from __future__ import annotations

import pytest

from wizard.models import Event, Guide, Walk

pytestmark = pytest.mark.usefixtures("mini_guide")

PAGES = [
    "/",
    "/guides/mini/",
    "/guides/mini/widget/",
    "/guides/mini/ad-blocker/",
    "/guides/mini/widget-escalate/",
    "/search/?q=widget",
    "/embed/",
    "/embed/mini/",
    "/embed/mini/ad-blocker/",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
]
STAFF_PAGES = ["/insights/", "/insights/export.csv"]


@pytest.mark.parametrize("url", PAGES)
def test_head_answers_as_get_does(client, url):
    response = client.head(url)
    assert (response.status_code, response.content) == (client.get(url).status_code, b"")


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_pages_answer_head(admin_client, url):
    assert admin_client.head(url).status_code == 200


def test_admin_compare_page_answers_head(admin_client):
    guide = Guide.objects.get(slug="mini")
    url = f"/admin/wizard/guide/{guide.pk}/revisions/1/compare/"
    assert (admin_client.get(url).status_code, admin_client.head(url).status_code) == (200, 200)


def test_head_records_no_walk(client):
    client.head("/guides/mini/widget/")
    assert not Walk.objects.exists()


def test_head_records_no_search(client):
    client.head("/search/?q=widget")
    assert not Event.objects.filter(kind=Event.Kind.SEARCH).exists()


def test_post_to_a_page_is_still_refused(client):
    assert client.post("/guides/mini/widget/").status_code == 405
