"""The plain text of a step: the ticket summary and the hand-off link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from wizard import selectors
from wizard.models import Node
from wizard.pages.text import handoff_url, ticket_summary

pytestmark = pytest.mark.usefixtures("mini_guide")


def step_node(slug: str, guide: str = "mini") -> Node:
    node = selectors.node_for_step(guide_slug=guide, node_slug=slug)
    assert node is not None
    return node


def summary(slug: str) -> str:
    node = step_node(slug)
    trail = selectors.node_trail(node, link=lambda slug, unsure: slug)
    return ticket_summary(node, trail, f"https://example.com/guides/mini/{slug}/")


def test_summary_lists_each_question_with_its_answer():
    assert (
        "Asked and answered:\n"
        "1. What do you see? -> The widget does not load\n"
        "2. Does the widget load with extensions turned off? -> No\n"
        "3. Does the browser console show a 404 for the script? -> Yes\n"
    ) in summary("wrong-src")


def test_summary_has_the_resolution_and_its_steps_as_plain_text():
    text = summary("wrong-src")
    assert "Resolution: The script tag points at the wrong src." in text
    assert "1. Fix the src attribute. - Use the stable URL.\n2. Reload and confirm the 404 is gone." in text
    assert "<" not in text
    assert "`" not in text


def test_summary_ends_with_the_link_to_this_node():
    assert summary("wrong-src").endswith("\nLink: https://example.com/guides/mini/wrong-src/")


def test_summary_lists_error_codes():
    assert "Error codes: WIDGET_BLOCKED" in summary("ad-blocker")


def test_escalation_summary_lists_what_was_ruled_out():
    text = summary("widget-escalate")
    assert "Not solved: " in text
    assert "Ruled out:\n- An ad blocker stops the script\n- The script tag points at the wrong src." in text


def test_summary_adds_no_query(django_assert_num_queries):
    node = step_node("wrong-src")
    trail = selectors.node_trail(node, link=lambda slug, unsure: slug)
    node.steps.all()[0]  # the prefetch has run
    with django_assert_num_queries(0):
        ticket_summary(node, trail, "https://example.com/")


def test_handoff_url_fills_in_subject_and_body_encoded():
    url = handoff_url(
        template="https://help.example.com/new?subject={subject}&body={body}", subject="A & B", body="line 1\nline 2"
    )
    assert url is not None
    assert parse_qs(urlsplit(url).query) == {"subject": ["A & B"], "body": ["line 1\nline 2"]}


def test_handoff_url_accepts_mailto():
    url = handoff_url(template="mailto:support@example.com?subject={subject}", subject="Hi there", body="")
    assert url == "mailto:support@example.com?subject=Hi%20there"


@pytest.mark.parametrize("template", ["", "javascript:alert(1)//{body}", "data:text/html,{body}"])
def test_handoff_url_is_off_without_a_safe_template(template):
    assert handoff_url(template=template, subject="s", body="b") is None
