"""The search page: full page or htmx results, links into the walk, recorded searches, `/?q=`, odd input."""

from __future__ import annotations

import uuid

import pytest

from wizard.models import Event, Walk

pytestmark = pytest.mark.usefixtures("mini_guide")

WALK = "cd" * 16


def htmx_get(client, url: str, **headers):
    return client.get(url, headers={"HX-Request": "true", **headers})


def searches() -> list[dict]:
    return list(Event.objects.filter(kind=Event.Kind.SEARCH).order_by("pk").values_list("detail", flat=True))


def test_full_page_has_the_chrome_and_the_results(client):
    response = client.get("/search/?q=WIDGET_BLOCKED")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" in content
    assert 'id="search-results"' in content
    assert 'value="WIDGET_BLOCKED"' in content  # the header box shows the query


def test_htmx_request_gets_only_the_results(client):
    content = htmx_get(client, "/search/?q=widget+blank").content.decode()
    assert "<html" not in content
    assert 'id="search-results"' in content
    # The header form keeps the walk id for the next keystrokes, swapped out of band.
    assert 'id="site-search-walk"' in content
    assert 'hx-swap-oob="true"' in content


def test_htmx_request_pushes_the_plain_search_url(client):
    response = htmx_get(client, f"/search/?q=widget+blank&w={WALK}")
    assert response["HX-Push-Url"] == "/search/?q=widget+blank"


def test_history_restore_gets_the_full_page(client):
    response = htmx_get(client, "/search/?q=widget", **{"HX-History-Restore-Request": "true"})
    assert b"<html" in response.content


def test_responses_vary_on_htmx(client):
    assert "HX-Request" in client.get("/search/?q=widget")["Vary"]


def test_results_link_to_nodes_best_first_and_carry_the_walk(client):
    response = client.get(f"/search/?q=WIDGET_BLOCKED&w={WALK}")
    content = response.content.decode()
    assert content.index('href="/guides/mini/ad-blocker/?from=search&amp;w=' + WALK) < content.index("</ol>")
    first_link = content.split('class="search-result-link" href="', 1)[1].split('"', 1)[0]
    assert first_link == f"/guides/mini/ad-blocker/?from=search&amp;w={WALK}"


def test_a_code_result_shows_the_code_and_its_meaning(client):
    content = client.get("/search/?q=WIDGET_BLOCKED").content.decode()
    assert "<code>WIDGET_BLOCKED</code> The script was blocked by the browser." in content


def test_a_result_shows_its_trail(client):
    content = client.get("/search/?q=android+package").content.decode()
    assert "The platform matters \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} Android" in content


def test_following_a_result_continues_the_walk_the_search_started(client):
    client.get(f"/search/?q=WIDGET_BLOCKED&w={WALK}")
    client.get(f"/guides/mini/ad-blocker/?from=search&w={WALK}")
    walk = Walk.objects.get(pk=uuid.UUID(WALK))
    assert (walk.source, walk.last_node.slug) == ("search", "ad-blocker")
    kinds = list(Event.objects.filter(walk=walk).order_by("pk").values_list("kind", flat=True))
    assert kinds == ["search", "shown", "resolution"]


def test_no_results_says_so_offers_the_guides_and_is_recorded(client):
    content = client.get(f"/search/?q=qqzzxx+vvbbnn&w={WALK}").content.decode()
    assert "Nothing matches" in content
    assert 'href="/guides/mini/"' in content
    assert searches() == [{"query": "qqzzxx vvbbnn", "results": 0, "top": []}]
    assert Event.objects.get(kind=Event.Kind.SEARCH).walk_id == uuid.UUID(WALK)


def test_a_search_records_its_top_results(client):
    client.get("/search/?q=WIDGET_BLOCKED")
    [detail] = searches()
    assert detail["query"] == "WIDGET_BLOCKED"
    assert detail["top"][0] == "ad-blocker"
    assert detail["results"] >= 1


def test_typing_on_updates_one_event_per_walk(client):
    for query in ["wid", "widg", "widget", "widget bl", "widget blank"]:
        htmx_get(client, f"/search/?q={query}&w={WALK}")
    assert [detail["query"] for detail in searches()] == ["widget blank"]


def test_a_new_query_in_the_same_walk_is_a_new_event(client):
    htmx_get(client, f"/search/?q=widget+blank&w={WALK}")
    htmx_get(client, f"/search/?q=android&w={WALK}")
    assert [detail["query"] for detail in searches()] == ["widget blank", "android"]


def test_very_short_queries_are_not_recorded(client):
    htmx_get(client, "/search/?q=wi")
    assert searches() == []


def test_empty_query_shows_the_form_and_the_guides(client):
    response = client.get("/search/")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'href="/guides/mini/"' in content
    assert 'name="q"' in content
    assert searches() == []


def test_home_with_a_query_opens_the_search(client):
    response = client.get("/?q=widget+blank")
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=widget+blank"


def test_home_without_a_query_is_the_home_page(client):
    assert client.get("/?q=").status_code == 200


def test_every_page_has_the_search_box(client):
    for url in ["/", "/guides/mini/", "/guides/mini/ad-blocker/"]:
        content = client.get(url).content.decode()
        assert '<form class="site-search ms-auto" role="search" action="/search/" method="get"' in content
        assert '<label for="site-search-q"' in content


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "x" * 5000,
        "?q=%00%01",
        "?q=%ff%fe",
        "?q=<script>alert(1)</script>",
        "?q=a&q=b",
        "?q=widget&guide=nope",
        "?q=widget&w=not-a-walk",
        "?guide=../../etc",
    ],
)
def test_odd_input_never_fails(client, query):
    response = client.get("/search/" + query)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_post_is_not_allowed(client):
    assert client.post("/search/", {"q": "widget"}).status_code == 405


@pytest.fixture
def tight_limit(settings):
    settings.SEARCH_RATE_LIMIT = "1/d"


def test_over_the_limit_a_full_page_is_a_friendly_429(client, tight_limit):
    client.get("/search/?q=widget")
    response = client.get("/search/?q=widget")
    content = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (429, "60")
    assert "<html" in content
    assert "Too many searches from your network" in content
    assert 'class="search-result"' not in content


def test_over_the_limit_htmx_gets_the_message_with_200(client, tight_limit):
    htmx_get(client, "/search/?q=widget")
    response = htmx_get(client, "/search/?q=widget")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "Too many searches from your network" in content


def test_a_refused_search_is_not_recorded(client, tight_limit):
    client.get("/search/?q=widget")
    client.get("/search/?q=android")
    assert [detail["query"] for detail in searches()] == ["widget"]


def test_the_empty_search_page_does_not_count_towards_the_limit(client, tight_limit):
    client.get("/search/")
    assert client.get("/search/?q=widget").status_code == 200


def test_an_empty_limit_turns_the_limit_off(client, settings):
    settings.SEARCH_RATE_LIMIT = ""
    assert {client.get("/search/?q=widget").status_code for _ in range(3)} == {200}
