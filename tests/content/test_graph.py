from __future__ import annotations

import pytest

from tests.conftest import MINI
from wizard.content import read_guide


@pytest.fixture(scope="module")
def guide():
    spec, errors = read_guide(MINI)
    assert errors == []
    return spec


def test_first_question_lists_sections_in_file_order(guide):
    assert [(c.label, c.target) for c in guide.nodes["start"].choices] == [
        ("The widget does not load", "widget"),
        ("The platform matters", "platform"),
    ]


def test_cause_by_cause_yes_leads_to_the_resolution_and_no_or_not_sure_to_the_next_cause(guide):
    assert [(c.label, c.target, c.is_unsure) for c in guide.nodes["widget"].choices] == [
        ("Yes", "ad-blocker", False),
        ("No", "check-wrong-src", False),
        ("Not sure", "check-wrong-src", True),
    ]


def test_last_no_and_not_sure_lead_to_the_escalation(guide):
    labels = {c.label: c.target for c in guide.nodes["check-wrong-src"].choices}
    assert labels["No"] == labels["Not sure"] == "widget-escalate"


def test_not_sure_does_not_change_the_trail(guide):
    # No comes first, so the next cause's trail says No; the walk's URL says when it was "Not sure".
    assert guide.nodes["check-wrong-src"].trail[-1] == ("widget", guide.nodes["widget"].title, "No")


def test_a_section_ask_offers_none_of_these_but_no_not_sure(guide):
    choices = guide.nodes["platform"].choices
    assert choices[-1].label == "None of these"
    assert not any(choice.is_unsure for choice in choices)


def test_escalation_lists_ruled_out_causes(guide):
    assert guide.nodes["widget-escalate"].ruled_out == [
        "An ad blocker stops the script",
        "The script tag points at the wrong `src`.",
    ]


def test_section_ask_has_one_answer_per_cause_and_none_of_these(guide):
    assert [c.label for c in guide.nodes["platform"].choices] == [
        "Android",
        "iOS",
        "Neither, the widget never loads",
        "None of these",
    ]


def test_see_makes_a_link_not_a_copy(guide):
    link = guide.nodes["platform"].choices[2]
    assert (link.target, link.is_link) == ("widget", True)
    assert "platform-widget" not in guide.nodes


def test_linked_node_keeps_its_own_trail(guide):
    assert guide.nodes["widget"].trail == [("start", "What do you see?", "The widget does not load")]


def test_trail_records_each_question_and_answer(guide):
    assert [(node, answer) for node, _, answer in guide.nodes["wrong-src"].trail] == [
        ("start", "The widget does not load"),
        ("widget", "No"),
        ("check-wrong-src", "Yes"),
    ]


def test_steps_blocks_are_matched_by_cause_id(guide):
    assert guide.nodes["ad-blocker"].steps[0] == "Ask the user to allow the site in their blocker."


def test_unlabelled_steps_blocks_go_to_causes_in_order(guide):
    assert guide.nodes["ios-links"].steps == ["Fix the association file."]


def test_resolution_docs_include_the_section_links(guide):
    assert [url for _, url in guide.nodes["ad-blocker"].docs] == ["https://example.com/docs/widget/"]


def test_codes_keep_their_meaning(guide):
    assert guide.nodes["ad-blocker"].codes == {"WIDGET_BLOCKED": "The script was blocked by the browser."}


def test_nodes_keep_their_source_line(guide):
    assert guide.nodes["ad-blocker"].line == 25
