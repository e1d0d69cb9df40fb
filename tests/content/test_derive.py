from __future__ import annotations

import pytest

from tests.conftest import MINI
from wizard.content import read_guide, read_guide_text


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


# One cause, no question: `direct: true` ---------------------------------------------------------------

DIRECT = """---
id: direct
title: Direct
source: docs/page.md
---

## The VM does not start
<!--
id: vm
direct: true
codes: [VM_STOPPED]
phrases: [The VM is stopped]
source: 3-20 0123456789ab
-->

### Symptom
The VM stays stopped.

### Common causes
- The subscription is disabled.
  <!--
  id: disabled
  codes: [SUBSCRIPTION_DISABLED]
  source: 10-12 0123456789ab
  -->

### Troubleshooting steps
<!-- source: 14-20 0123456789ab -->
1. Enable the subscription.
"""


@pytest.fixture(scope="module")
def direct():
    spec, errors = read_guide_text(DIRECT, "direct.md")
    assert errors == []
    return spec


def test_direct_section_answer_leads_to_the_resolution(direct):
    assert [(c.label, c.target) for c in direct.nodes["start"].choices] == [("The VM does not start", "disabled")]


def test_direct_section_has_no_question_and_no_escalation(direct):
    assert sorted(direct.nodes) == ["disabled", "start"]


def test_direct_resolution_takes_the_section_codes(direct):
    assert direct.nodes["disabled"].codes == {"VM_STOPPED": "", "SUBSCRIPTION_DISABLED": ""}


def test_direct_resolution_takes_the_section_phrases(direct):
    assert direct.nodes["disabled"].phrases == ["The VM is stopped"]


def test_direct_resolution_trail_is_the_first_question(direct):
    assert direct.nodes["disabled"].trail == [("start", "What is happening?", "The VM does not start")]


def test_guide_keeps_its_source_page(direct):
    assert direct.source_page == "docs/page.md"


def test_direct_with_two_causes_is_an_error():
    text = DIRECT.replace("### Troubleshooting steps", "- The disk is full.\n\n### Troubleshooting steps")
    _, errors = read_guide_text(text, "direct.md")
    assert [error.message for error in errors] == ["'direct: true' needs exactly one cause (this section lists 2)"]


def test_direct_must_be_true_or_false():
    _, errors = read_guide_text(DIRECT.replace("direct: true", "direct: sometimes"), "direct.md")
    assert [error.message for error in errors] == ["'direct' must be true or false"]


def test_malformed_source_is_named():
    _, errors = read_guide_text(DIRECT.replace("source: 10-12 0123456789ab", "source: line ten"), "direct.md")
    assert [str(error) for error in errors] == [
        "direct.md:21 [disabled]: 'source' must be 'FIRST-LAST DIGEST': lines in the imported page and 12 hex digits"
    ]
