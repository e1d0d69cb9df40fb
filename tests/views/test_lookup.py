"""The error code lookup page: a GET form; a code goes straight to its node, anything else shows results."""

from __future__ import annotations

import json

import pytest

from wizard.models import Event

pytestmark = pytest.mark.usefixtures("two_guides")

WALK = "0" * 31 + "1"


def test_the_start_question_offers_the_lookup_first(client):
    response = client.get("/guides/gadget/")
    assert response.context["answers"][0][0].label == "I have an error code or message"


def test_the_lookup_page_is_a_get_form_to_itself(client):
    response = client.get("/guides/gadget/lookup/")
    assert b'data-kind="lookup"' in response.content
    assert b'<form class="lookup-form mb-3" action="/guides/gadget/lookup/" method="get"' in response.content


def test_the_form_keeps_the_walk(client):
    response = client.get(f"/guides/gadget/lookup/?w={WALK}")
    assert f'<input type="hidden" name="w" value="{WALK}">'.encode() in response.content


def test_a_code_goes_straight_to_its_node(client):
    response = client.get(f"/guides/gadget/lookup/?q=GADGET_KEY_EXPIRED&w={WALK}")
    assert (response.status_code, response["Location"]) == (302, f"/guides/gadget/expired-key/?from=search&w={WALK}")


def test_a_code_of_another_guide_goes_to_that_guide(client):
    response = client.get("/guides/gadget/lookup/?q=widget_blocked")
    assert response["Location"].startswith("/guides/mini/ad-blocker/?")


def test_a_pasted_error_object_goes_to_its_codes_node(client):
    error = {"error_type": "RATE_LIMIT_ERROR", "error_code": "GADGET_RATE_LIMITED", "error_message": "slow down"}
    response = client.get("/guides/gadget/lookup/", {"q": json.dumps(error)})
    assert response["Location"].startswith("/guides/gadget/rate-limited/?")


def test_a_message_shows_results_from_every_guide(client):
    response = client.get("/guides/gadget/lookup/", {"q": "widget blank"})
    assert response.status_code == 200
    assert b'data-guide="mini" data-node="widget"' in response.content


def test_results_name_their_guide(client):
    response = client.get("/guides/gadget/lookup/", {"q": "widget blank"})
    assert b'<span class="search-guide text-body-secondary">\xc2\xb7 in Mini guide</span>' in response.content


def test_a_result_link_carries_the_walk(client):
    response = client.get("/guides/gadget/lookup/", {"q": "widget blank", "w": WALK})
    assert f'href="/guides/mini/widget/?from=search&amp;w={WALK}"'.encode() in response.content


def test_an_email_that_mentions_a_code_lists_its_node_first_without_leaving(client):
    email = "Hello, since this morning every sync fails and the log says GADGET_KEY_EXPIRED. Can you help?"
    response = client.get("/guides/gadget/lookup/", {"q": email})
    assert response.status_code == 200
    assert response.context["lookup_results"][0][0].node_slug == "expired-key"


def test_an_unknown_code_shows_the_page_again_with_the_input(client):
    response = client.get("/guides/gadget/lookup/", {"q": "NO_SUCH_CODE_ANYWHERE"})
    assert response.status_code == 200
    assert b">NO_SUCH_CODE_ANYWHERE</textarea>" in response.content


def test_a_lookup_is_recorded_as_a_search_of_the_walk(client):
    client.get("/guides/gadget/lookup/", {"q": "GADGET_KEY_EXPIRED", "w": WALK})
    event = Event.objects.get(kind=Event.Kind.SEARCH)
    assert (event.walk_id.hex, event.detail["query"], event.detail["top"][0]) == (
        WALK,
        "GADGET_KEY_EXPIRED",
        "expired-key",
    )


def test_htmx_gets_the_panel_with_results(client):
    response = client.get("/guides/gadget/lookup/", {"q": "widget blank"}, headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith('<section id="wizard"')


def test_an_embedded_lookup_stays_in_embed_mode(client):
    response = client.get("/embed/gadget/lookup/", {"q": "GADGET_KEY_EXPIRED", "theme": "dark"})
    assert response["Location"].startswith("/embed/gadget/expired-key/?")
    assert "theme=dark" in response["Location"]


def test_q_on_any_other_page_changes_nothing(client):
    response = client.get("/guides/gadget/sync/", {"q": "GADGET_KEY_EXPIRED"})
    assert (response.status_code, response.context["node"].slug) == (200, "sync")


def test_a_guide_without_lookup_has_no_lookup_page(client):
    assert client.get("/guides/mini/lookup/", {"q": "WIDGET_BLOCKED"}).status_code == 404


def test_over_the_rate_limit_a_lookup_says_so_with_429(client, settings):
    settings.SEARCH_RATE_LIMIT = "1/m"
    client.get("/guides/gadget/lookup/", {"q": "widget blank"})
    response = client.get("/guides/gadget/lookup/", {"q": "widget blank"})
    assert response.status_code == 429
    assert b"Too many searches" in response.content
