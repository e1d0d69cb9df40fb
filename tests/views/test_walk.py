from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.pages import walk_param
from wizard.content import read_guide_text
from wizard.models import Guide
from wizard.services.load import guides_load

pytestmark = pytest.mark.usefixtures("mini_guide")


def htmx_get(client, url: str, **headers):
    return client.get(url, headers={"HX-Request": "true", **headers})


def test_home_lists_guides(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'href="/guides/mini/"' in response.content


def test_guide_url_asks_the_first_question(client):
    response = client.get("/guides/mini/")
    assert response.context["node"].slug == "start"
    assert b'data-kind="question"' in response.content


def test_full_page_has_the_site_chrome(client):
    response = client.get("/guides/mini/widget/")
    assert b"<html" in response.content
    assert b'id="wizard"' in response.content


def test_htmx_request_gets_only_the_panel(client):
    response = htmx_get(client, "/guides/mini/widget/")
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="wizard"')
    assert "<html" not in content


def test_history_restore_gets_the_full_page(client):
    response = htmx_get(client, "/guides/mini/widget/", **{"HX-History-Restore-Request": "true"})
    assert b"<html" in response.content


def test_responses_vary_on_htmx(client):
    assert "HX-Request" in client.get("/guides/mini/widget/")["Vary"]


def test_panel_carries_the_markup_hooks(client):
    content = client.get("/guides/mini/check-wrong-src/").content.decode()
    assert 'data-guide="mini" data-node="check-wrong-src" data-kind="question"' in content


def test_answers_are_links_to_the_next_node(client):
    response = client.get("/guides/mini/widget/")
    walk = walk_param(response)
    content = response.content.decode()
    assert f'href="/guides/mini/ad-blocker/?w={walk}" hx-get="/guides/mini/ad-blocker/?w={walk}"' in content
    assert f'href="/guides/mini/check-wrong-src/?w={walk}"' in content


def test_links_carry_the_walk_id_it_came_with(client):
    walk = "ab" * 16
    response = client.get(f"/guides/mini/widget/?w={walk}")
    assert walk_param(response) == walk
    assert f'href="/guides/mini/ad-blocker/?w={walk}"' in response.content.decode()


def test_trail_shows_each_question_and_answer(client):
    response = client.get("/guides/mini/wrong-src/")
    trail = [(step.url.split("?")[0], step.question, step.answer) for step in response.context["trail"]]
    assert trail == [
        ("/guides/mini/", "What do you see?", "The widget does not load"),
        ("/guides/mini/widget/", "Does the widget load with extensions turned off?", "No"),
        ("/guides/mini/check-wrong-src/", "Does the browser console show a 404 for the script?", "Yes"),
    ]


def test_back_goes_to_the_question_that_led_here(client):
    assert client.get("/guides/mini/wrong-src/").context["back_url"].startswith("/guides/mini/check-wrong-src/?w=")


def test_start_has_no_back(client):
    assert client.get("/guides/mini/").context["back_url"] is None


def test_resolution_shows_numbered_steps_and_docs(client):
    content = client.get("/guides/mini/wrong-src/").content.decode()
    assert '<ol class="steps">' in content
    assert "Reload and confirm the 404 is gone." in content
    assert 'href="https://example.com/docs/widget/"' in content


def test_resolution_shows_error_codes(client):
    assert b"<code>WIDGET_BLOCKED</code>" in client.get("/guides/mini/ad-blocker/").content


def test_escalation_lists_what_was_ruled_out(client):
    response = client.get("/guides/mini/widget-escalate/")
    assert b'data-kind="escalation"' in response.content
    assert b"An ad blocker stops the script" in response.content


def test_link_answer_leads_to_the_shared_node(client):
    response = client.get("/guides/mini/platform/")
    assert b'href="/guides/mini/widget/?w=' in response.content


def test_shared_node_keeps_the_trail_of_its_own_section(client):
    trail = client.get("/guides/mini/widget/").context["trail"]
    assert [step.answer for step in trail] == ["The widget does not load"]


def test_start_node_url_redirects_to_the_guide(client):
    response = client.get("/guides/mini/start/")
    assert (response.status_code, response["Location"]) == (301, "/guides/mini/")


def test_unknown_node_is_a_friendly_404_with_a_way_on(client):
    response = client.get("/guides/mini/no-such-node/")
    assert response.status_code == 404
    assert b'href="/guides/mini/"' in response.content
    assert "We couldn\u2019t find that page" in response.content.decode()


def test_unknown_guide_is_a_404_listing_guides(client):
    response = client.get("/guides/nope/")
    assert response.status_code == 404
    assert b'href="/guides/mini/"' in response.content


def test_unknown_url_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"All guides" in response.content


@pytest.mark.parametrize("path", ["/guides/mini/%00/", "/guides/mini/" + "a" * 300 + "/", "/guides/MINI/"])
def test_odd_paths_are_404_not_500(client, path):
    assert client.get(path).status_code == 404


def test_walking_sets_no_cookie(client):
    for url in ["/", "/guides/mini/", "/guides/mini/widget/", "/guides/mini/check-wrong-src/"]:
        assert client.get(url).cookies == {}


@pytest.mark.parametrize("url", ["/guides/mini/wrong-src/", "/guides/mini/widget-escalate/"])
def test_pages_with_a_form_set_only_the_csrf_cookie(client, url):
    # Resolution and escalation pages carry a POST form ("Did this solve it?", the escalation).
    assert set(client.get(url).cookies) == {"csrftoken"}


def test_post_is_not_allowed(client):
    assert client.post("/guides/mini/widget/").status_code == 405


def test_draft_guides_are_hidden_from_readers(client):
    Guide.objects.filter(slug="mini").update(is_draft=True)
    assert client.get("/guides/mini/").status_code == 404
    assert b"/guides/mini/" not in client.get("/").content


def test_staff_can_see_draft_guides(client):
    Guide.objects.filter(slug="mini").update(is_draft=True)
    client.force_login(User.objects.create_user("author", is_staff=True))
    assert client.get("/guides/mini/").status_code == 200


def test_page_title_names_the_step_and_guide(client):
    assert (
        b"<title>Does the browser console show a 404 for the script? \xc2\xb7 Mini guide"
        in client.get("/guides/mini/check-wrong-src/").content
    )


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}


DRAFT_WITHOUT_STEPS = """---
id: half-done
title: Half done
draft: true
---

# Half done

## Uploads fail
<!--
id: uploads-fail
direct: true
-->

### Common causes
- The token expired.
  <!-- id: token-expired -->

### Troubleshooting steps
"""


@pytest.fixture
def half_done(client):
    """A draft guide whose only resolution has no steps yet, seen by a staff member."""
    guide, errors = read_guide_text(DRAFT_WITHOUT_STEPS, "half-done.md")
    assert [error for error in errors if "steps" not in error.message] == []
    guides_load(guides=[guide], prune=False)
    client.force_login(User.objects.create_user("author", is_staff=True))
    return client.get("/guides/half-done/token-expired/").content.decode()


def test_a_draft_resolution_without_steps_says_so(half_done):
    assert "No steps yet" in half_done


def test_a_draft_resolution_without_steps_has_no_empty_list(half_done):
    assert '<ol class="steps">' not in half_done
