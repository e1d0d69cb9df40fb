"""The shipped Plaid Link guide: every documented section walks to real steps, every code is reachable."""

from __future__ import annotations

from collections import deque

import pytest
from django.conf import settings

from wizard.content import read_guide
from wizard.content.graph import ESCALATION, RESOLUTION, START, GuideSpec

# The twelve sections of the documentation page, plus the related pages it points to.
DOCUMENTED_SECTIONS = [
    "missing-institutions",
    "institution-unhealthy",
    "duplicate-items",
    "missing-accounts",
    "link-flow-failing",
    "update-your-app",
    "interactive-brokers",
    "oauth-not-working",
    "oauth-institutions-missing",
    "oauth-unsupported-browser",
    "oauth-redirects",
    "public-key",
]
RELATED_SECTIONS = ["item-login-required", "invalid-link-token"]
MESSAGES_USERS_SEE = [
    "Connectivity not supported",
    "You may need to update your app",
    "Couldn't connect to your institution",
    "Something went wrong",
    "Current version not supported",
]


@pytest.fixture(scope="module")
def guide() -> GuideSpec:
    spec, errors = read_guide(settings.CONTENT_DIR / "plaid-link.md")
    assert errors == []
    return spec


def reachable_from(guide: GuideSpec, start: str) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        for choice in guide.nodes[queue.popleft()].choices:
            if choice.target not in seen:
                seen.add(choice.target)
                queue.append(choice.target)
    return seen


@pytest.mark.parametrize("section", DOCUMENTED_SECTIONS + RELATED_SECTIONS)
def test_section_is_an_answer_on_the_first_question(guide, section):
    assert section in [choice.target for choice in guide.nodes[START].choices]


@pytest.mark.parametrize("section", DOCUMENTED_SECTIONS + RELATED_SECTIONS)
def test_section_walks_to_a_resolution_with_real_steps(guide, section):
    resolutions = [guide.nodes[n] for n in reachable_from(guide, section) if guide.nodes[n].kind == RESOLUTION]
    assert resolutions
    assert all(len(node.steps) >= 3 for node in resolutions)


@pytest.mark.parametrize("section", DOCUMENTED_SECTIONS + RELATED_SECTIONS)
def test_section_ends_in_an_escalation_listing_what_was_ruled_out(guide, section):
    escalation = guide.nodes[f"{section}-escalate"]
    assert escalation.kind == ESCALATION
    assert escalation.ruled_out
    assert escalation.id in reachable_from(guide, section)


def test_every_resolution_links_to_the_official_docs(guide):
    for node in guide.nodes.values():
        if node.kind == RESOLUTION:
            assert any(url.startswith("https://plaid.com/docs/") for _, url in node.docs), node.id


def test_at_least_25_error_codes_each_with_a_meaning(guide):
    codes = {code: meaning for node in guide.nodes.values() for code, meaning in node.codes.items()}
    assert len(codes) >= 25
    assert all(meaning for meaning in codes.values())


def test_every_error_code_is_reachable_from_the_first_question(guide):
    reachable = reachable_from(guide, START)
    for node in guide.nodes.values():
        if node.codes:
            assert node.id in reachable, node.id


@pytest.mark.parametrize(
    "code",
    [
        "ITEM_LOGIN_REQUIRED",
        "INVALID_LINK_TOKEN",
        "PUBLIC_KEY_NOT_ENABLED",
        "INSTITUTION_DOWN",
        "INSTITUTION_NOT_RESPONDING",
        "PRODUCTS_NOT_SUPPORTED",
        "INVALID_ACCOUNT_ID",
        "NO_ACCOUNTS",
    ],
)
def test_codes_named_by_the_issue_are_attached(guide, code):
    assert any(code in node.codes for node in guide.nodes.values())


@pytest.mark.parametrize("message", MESSAGES_USERS_SEE)
def test_messages_users_see_are_searchable_phrases(guide, message):
    assert any(message in phrase for node in guide.nodes.values() for phrase in node.phrases)


def test_every_node_knows_its_source_line(guide):
    lines = (settings.CONTENT_DIR / "plaid-link.md").read_text().count("\n")
    assert all(1 <= node.line <= lines for node in guide.nodes.values())
