from __future__ import annotations

import pytest

from wizard.models import Guide, Node, NodeRedirect

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved(mini_guide) -> NodeRedirect:
    guide = Guide.objects.get(slug="mini")
    return NodeRedirect.objects.create(guide=guide, old_slug="old-widget", target=Node.objects.get(slug="widget"))


def test_a_removed_node_redirects_permanently_to_its_closest_node(client, moved):
    response = client.get("/guides/mini/old-widget/")
    assert (response.status_code, response["Location"]) == (301, "/guides/mini/widget/")


def test_the_query_string_is_kept(client, moved):
    response = client.get("/guides/mini/old-widget/?w=abc123&source=help-center")
    assert response["Location"] == "/guides/mini/widget/?w=abc123&source=help-center"


def test_embed_urls_stay_in_embed_mode(client, moved):
    response = client.get("/embed/mini/old-widget/?theme=dark")
    assert (response.status_code, response["Location"]) == (301, "/embed/mini/widget/?theme=dark")


def test_a_redirect_to_the_start_goes_to_the_guide_url(client, mini_guide):
    guide = Guide.objects.get(slug="mini")
    NodeRedirect.objects.create(guide=guide, old_slug="gone", target=Node.objects.get(guide=guide, slug="start"))
    assert client.get("/guides/mini/gone/")["Location"] == "/guides/mini/"


def test_unknown_nodes_without_a_redirect_are_still_404(client, moved):
    assert client.get("/guides/mini/never-existed/").status_code == 404


def test_redirects_of_a_hidden_guide_are_404_for_readers(client, moved):
    Guide.objects.filter(slug="mini").update(is_draft=True)
    assert client.get("/guides/mini/old-widget/").status_code == 404


def test_publishing_without_a_node_redirects_its_old_url(client, mini_guide):
    from wizard.services import authoring

    guide = Guide.objects.get(slug="mini")
    draft = authoring.draft_get_or_create(guide=guide)
    text = draft.source_text
    start, end = text.index("#### Wrong src"), text.index("## The platform matters")
    text = text[:start] + text[end:]
    start, end = text.index("- The script tag points"), text.index("### Troubleshooting steps")
    authoring.draft_update_text(draft=draft, text=text[:start] + text[end:])
    authoring.guide_publish(guide=guide)
    response = client.get("/guides/mini/wrong-src/")
    assert (response.status_code, response["Location"]) == (301, "/guides/mini/widget/")
