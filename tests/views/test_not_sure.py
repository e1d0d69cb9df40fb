"""'Not sure' on a cause question: the walk goes on as after No, and says which causes are not checked."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from wizard.models import Escalation
from wizard.views import walk as walk_views

pytestmark = pytest.mark.usefixtures("mini_guide")

ESCALATION = "/guides/mini/widget-escalate/"
HTMX = {"HX-Request": "true"}


def page(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def answer_url(content: str, label: str) -> str:
    found = re.search(rf'<a class="answer d-block" href="([^"]+)"[^>]*>(?:<kbd[^>]*>\d</kbd>)?{label}</a>', content)
    assert found is not None, f"no answer {label!r}"
    return found.group(1)


def section(content: str, heading: str) -> str:
    """The list under an `<h2>` of the escalation page, as text."""
    found = re.search(rf">{heading}</h2>.*?<ul[^>]*>(.*?)</ul>", content, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


def test_a_cause_question_offers_not_sure_after_yes_and_no(client):
    content = page(client, "/guides/mini/widget/")
    assert "/guides/mini/check-wrong-src/?w=" in answer_url(content, "Not sure")
    assert answer_url(content, "Not sure").endswith("&unsure=widget")
    assert "unsure" not in answer_url(content, "No")
    assert 'aria-keyshortcuts="3"><kbd class="answer-key" aria-hidden="true">3</kbd>Not sure</a>' in content


def test_a_question_that_tells_causes_apart_has_no_not_sure(client):
    assert "Not sure</a>" not in page(client, "/guides/mini/platform/")


def test_the_trail_says_not_sure_and_later_answers_keep_it(client):
    content = page(client, "/guides/mini/check-wrong-src/?unsure=widget")
    assert re.search(r"Your answer: </span>Not sure</span>", content)
    assert answer_url(content, "No").endswith("&unsure=widget")
    assert answer_url(content, "Yes").endswith("&unsure=widget")
    assert answer_url(content, "Not sure").endswith("&unsure=widget,check-wrong-src")
    # Back to the question itself: the answer given there is not part of the walk any more.
    back = re.search(r'href="([^"]+)"[^>]*rel="prev"', content)
    assert back is not None
    assert "unsure" not in back.group(1)
    start_over = re.search(r'href="([^"]+)" hx-get="[^"]+">Start over', content)
    assert start_over is not None
    assert start_over.group(1) == "/guides/mini/"


def test_the_escalation_splits_ruled_out_from_not_checked(client):
    content = page(client, f"{ESCALATION}?unsure=widget")
    assert section(content, "Not checked yet").strip().startswith("An ad blocker stops the script")
    assert "The script tag points at the wrong src." in section(content, "Ruled out")
    assert "ad blocker" not in section(content, "Ruled out")
    check_it = re.search(r'<a href="([^"]+)"[^>]*>Check it', content)
    assert check_it is not None
    assert check_it.group(1).startswith("/guides/mini/widget/?w=")
    assert "unsure" not in check_it.group(1)


def test_the_escalation_without_not_sure_rules_out_every_cause(client):
    content = page(client, ESCALATION)
    assert "Not checked yet" not in content
    ruled_out = section(content, "Ruled out")
    assert "An ad blocker stops the script" in ruled_out
    assert "The script tag points at the wrong src." in ruled_out


def test_the_escalation_with_every_cause_not_sure_rules_out_nothing(client):
    content = page(client, f"{ESCALATION}?unsure=widget,check-wrong-src", **HTMX)
    assert ">Ruled out</h2>" not in content
    assert section(content, "Not checked yet").count("Check it") == 2


def test_the_ticket_summary_says_what_was_not_checked(client):
    content = page(client, f"{ESCALATION}?unsure=widget")
    summary = re.search(r'<textarea id="ticket-summary"[^>]*>(.*?)</textarea>', content, re.S)
    assert summary is not None
    text = summary.group(1)
    assert "Does the widget load with extensions turned off? -> Not sure" in text
    assert "Does the browser console show a 404 for the script? -> No" in text
    assert "Ruled out:\n- The script tag points at the wrong src.\n" in text
    assert "Not checked (answered Not sure):\n- An ad blocker stops the script\n" in text


def test_a_resolution_after_not_sure_says_what_to_check_if_it_does_not_help(client):
    content = page(client, "/guides/mini/wrong-src/?unsure=widget")
    note = re.search(r'<div class="not-checked-note.*?</div>', content, re.S)
    assert note is not None
    assert "Does the widget load with extensions turned off?" in note.group(0)
    assert 'href="/guides/mini/widget/?w=' in note.group(0)
    assert "not-checked-note" not in page(client, "/guides/mini/wrong-src/")


def test_the_escalation_form_keeps_not_sure_and_sends_it_to_support(client):
    content = page(client, f"{ESCALATION}?unsure=widget")
    form = re.search(r'<form[^>]*id="escalation-form"[^>]*>.*?</form>', content, re.S)
    assert form is not None
    action = re.search(r'action="([^"]+)"', form.group(0))
    assert action is not None
    assert action.group(1).endswith("&unsure=widget")
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0)))
    data = {"contact_email": "agent@example.com", "what_happened": "Blank."}
    response = client.post(action.group(1), {**hidden, **data})
    assert response.status_code == 303
    assert response["Location"].endswith("unsure=widget") or "unsure=widget&" in response["Location"]
    assert "Not checked (answered Not sure):\n- An ad blocker stops the script" in Escalation.objects.get().summary


def test_the_feedback_form_keeps_not_sure_on_its_way_to_the_next_cause(client):
    content = page(client, "/guides/mini/ad-blocker/?unsure=widget")
    # A Yes answer on the first cause cannot follow a "Not sure" on it: the made-up state is dropped.
    assert "unsure=" not in content
    content = page(client, "/guides/mini/wrong-src/?unsure=widget")
    assert re.search(r'action="/guides/mini/wrong-src/feedback/\?w=[0-9a-f]{32}&unsure=widget"', content)


@pytest.mark.parametrize(
    "query",
    ["unsure=platform", "unsure=%3Cscript%3E", "unsure=start,,widget-escalate", "unsure=" + "a," * 5000, "unsure[]=x"],
)
def test_made_up_not_sure_lists_change_nothing(client, query):
    content = page(client, f"{ESCALATION}?{query}")
    assert "Not checked yet" not in content
    assert "-> Not sure" not in content
    assert "unsure=" not in content


def test_the_same_step_with_and_without_not_sure_is_cached_apart(client):
    assert "Not checked yet" not in page(client, ESCALATION)
    assert "Not checked yet" in page(client, f"{ESCALATION}?unsure=widget")
    assert "Not checked yet" not in page(client, ESCALATION)


def test_only_not_sure_lists_a_walk_can_make_are_cached(client, monkeypatch):
    cached = []
    monkeypatch.setattr(walk_views, "page_set", lambda key, page: cached.append(key))
    for url in (f"{ESCALATION}?unsure=widget", ESCALATION):
        page(client, url)
    assert len(cached) == 2
    for made_up in ("platform", "widget,start", "start,widget", "widget,widget-escalate"):
        page(client, f"{ESCALATION}?unsure={made_up}")
    assert len(cached) == 2


def test_embed_links_keep_the_theme_and_not_sure(client):
    content = page(client, "/embed/mini/check-wrong-src/?unsure=widget&accent=%23aa0000")
    url = answer_url(content, "No")
    assert url.startswith("/embed/mini/widget-escalate/?w=")
    assert "accent=%23aa0000" in url
    assert "unsure=widget" in url


def test_none_of_these_rules_out_every_cause_whatever_the_url_says(client):
    content = page(client, "/guides/mini/platform-escalate/?unsure=platform")
    assert "Not checked yet" not in content
    assert "Android package name missing." in section(content, "Ruled out")


def test_open_in_full_page_keeps_not_sure_and_the_canonical_link_does_not(client):
    content = page(client, "/embed/mini/widget-escalate/?unsure=widget")
    assert re.search(
        r'class="btn btn-link full-page-link ms-auto" href="http://testserver/guides/mini/widget-escalate/\?unsure=widget"',
        content,
    )
    assert '<link rel="canonical" href="http://testserver/guides/mini/widget-escalate/">' in content


def test_a_resolution_ticket_summary_lists_the_questions_not_checked(client):
    content = page(client, "/guides/mini/wrong-src/?unsure=widget")
    summary = re.search(r'<textarea id="ticket-summary"[^>]*>(.*?)</textarea>', content, re.S)
    assert summary is not None
    assert (
        "Not checked yet (answered Not sure):\n- Does the widget load with extensions turned off?\n" in summary.group(1)
    )
    assert "Not checked" not in page(client, "/guides/mini/wrong-src/")
