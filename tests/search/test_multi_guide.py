"""Search across guides, on the two fixture guides: results from both, each naming its guide; codes first."""

from __future__ import annotations

import json

import pytest

from wizard.search import search

pytestmark = pytest.mark.usefixtures("two_guides")


def found(query: str, **kwargs) -> list[str]:
    return [f"{result.guide_slug}/{result.node_slug}" for result in search(query, **kwargs)]


def test_one_search_spans_both_guides():
    assert {node.split("/")[0] for node in found("widget")} == {"mini", "gadget"}


def test_each_result_names_its_guide():
    result = search("GADGET_KEY_EXPIRED")[0]
    assert (result.guide_slug, result.guide_title) == ("gadget", "Gadget API guide")


def test_a_code_of_either_guide_ranks_its_node_first():
    assert (found("WIDGET_BLOCKED")[0], found("GADGET_RATE_LIMITED")[0]) == ("mini/ad-blocker", "gadget/rate-limited")


def test_a_code_result_carries_its_error_type():
    result = search("gadget_rate_limited")[0]
    assert (result.code, result.code_type) == ("GADGET_RATE_LIMITED", "RATE_LIMIT_ERROR")


def test_an_email_that_mentions_a_code_finds_its_node_first():
    email = (
        "Hi there, our readings stopped this morning. The sync log shows GADGET_KEY_EXPIRED on every call, "
        "although nobody touched the widget. What should we do? Best, Alex"
    )
    assert found(email)[0] == "gadget/expired-key"


def test_a_pasted_error_with_an_unknown_code_is_searched_by_its_message():
    pasted = json.dumps(
        {"error_type": "API_ERROR", "error_code": "NOT_A_CODE_WE_KNOW", "error_message": "gadget stopped syncing"}
    )
    assert found(pasted)[0] == "gadget/sync"


def test_the_guide_filter_keeps_one_guide():
    assert {node.split("/")[0] for node in found("widget", guide="mini")} == {"mini"}


def test_the_lookup_page_is_not_a_search_result():
    assert not any(node.endswith("/lookup") for node in found("error code lookup"))


def test_a_long_email_without_a_code_still_finds_its_node():
    email = (
        "Good morning, I hope you are well. Since we updated our website last Tuesday, several customers have "
        "written to say that the page shows an empty box where the widget should be, and the widget stays blank "
        "even after they reload. Could you have a look? Kind regards, the support team"
    )
    assert "mini/widget" in found(email)[:3]
