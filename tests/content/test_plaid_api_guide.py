"""The shipped "after Link" guide: it loads with the Link guide, and each code sits on the node that resolves it."""

from __future__ import annotations

from collections import deque

import pytest
from django.conf import settings

from wizard.content import read_guides
from wizard.content.graph import ESCALATION, LOOKUP, QUESTION, RESOLUTION, START, GuideSpec, split_ref

GUIDE = "plaid-api"

# The symptoms the guide covers, in the order the first question offers them (most often met first).
SECTIONS = [
    "item-stopped-working",
    "product-errors",
    "institution-errors",
    "webhooks-missing",
    "public-token-exchange",
    "access-token-errors",
    "sandbox-vs-production",
    "rate-limits",
    "webhook-verification",
]

# Each code the issue names for this guide, the node that resolves it, and its Plaid error type.
CODES = {
    "INVALID_PUBLIC_TOKEN": ("public-token-exchange", "INVALID_INPUT"),
    "INVALID_ACCESS_TOKEN": ("access-token-invalid", "INVALID_INPUT"),
    "ITEM_NOT_FOUND": ("item-not-found", "ITEM_ERROR"),
    "USER_PERMISSION_REVOKED": ("user-permission-revoked", "INVALID_INPUT"),
    "PRODUCT_NOT_READY": ("product-not-ready", "ITEM_ERROR"),
    "ADDITIONAL_CONSENT_REQUIRED": ("additional-consent-required", "INVALID_INPUT"),
    "ACCESS_NOT_GRANTED": ("access-not-granted", "ITEM_ERROR"),
    "NO_AUTH_ACCOUNTS": ("no-auth-accounts", "ITEM_ERROR"),
    "PRODUCTS_NOT_SUPPORTED": ("products-not-supported", "ITEM_ERROR"),
    "INVALID_API_KEYS": ("api-keys-invalid", "INVALID_INPUT"),
    "RATE_LIMIT_EXCEEDED": ("rate-limits", "RATE_LIMIT_EXCEEDED"),
    "TRANSACTIONS_SYNC_LIMIT": ("rate-limit-transactions", "RATE_LIMIT_EXCEEDED"),
    "INSTITUTION_DOWN": ("api-institution-down", "INSTITUTION_ERROR"),
    "INSTITUTION_NOT_RESPONDING": ("api-institution-not-responding", "INSTITUTION_ERROR"),
    "INSTITUTION_NOT_AVAILABLE": ("api-institution-down", "INSTITUTION_ERROR"),
    "PLANNED_MAINTENANCE": ("api-planned-maintenance", "API_ERROR"),
    "SANDBOX_WEBHOOK_INVALID": ("webhook-url-missing", "SANDBOX_ERROR"),
    "INVALID_WEBHOOK_VERIFICATION_KEY_ID": ("verify-key-wrong", "INVALID_INPUT"),
}


@pytest.fixture(scope="module")
def guides() -> dict[str, GuideSpec]:
    specs, errors = read_guides(settings.CONTENT_DIR)
    assert errors == []
    return {spec.id: spec for spec in specs}


@pytest.fixture(scope="module")
def guide(guides) -> GuideSpec:
    return guides[GUIDE]


def depths(guide: GuideSpec) -> dict[str, int]:
    """Answers needed to reach each node of this guide from its start (links within the guide included)."""
    depth, queue = {START: 0}, deque([START])
    while queue:
        current = queue.popleft()
        for choice in guide.nodes[current].choices:
            if choice.target in guide.nodes and choice.target not in depth:
                depth[choice.target] = depth[current] + 1
                queue.append(choice.target)
    return depth


def test_the_first_answer_is_the_error_code_lookup(guide):
    assert guide.nodes[START].choices[0].target == LOOKUP


def test_the_first_question_offers_the_sections_in_order(guide):
    targets = [choice.target for choice in guide.nodes[START].choices if choice.target in SECTIONS]
    assert targets == SECTIONS


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_sits_on_the_node_that_resolves_it(guide, code):
    node, _ = CODES[code]
    assert code in guide.nodes[node].codes


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_has_its_plaid_error_type(guide, code):
    node, error_type = CODES[code]
    assert guide.nodes[node].code_types[code] == error_type


def test_every_code_has_a_meaning(guide):
    meanings = [meaning for node in guide.nodes.values() for meaning in node.codes.values()]
    assert meanings
    assert all(meanings)


def test_no_code_is_listed_twice_in_the_guide(guide):
    codes = [code for node in guide.nodes.values() for code in node.codes]
    assert len(codes) == len(set(codes))


def test_every_resolution_is_within_five_answers_of_the_start(guide):
    depth = depths(guide)
    resolutions = [node.id for node in guide.nodes.values() if node.kind == RESOLUTION]
    assert resolutions
    assert all(depth.get(node, 99) <= 5 for node in resolutions), {node: depth.get(node) for node in resolutions}


def test_every_resolution_has_concrete_steps(guide):
    for node in guide.nodes.values():
        if node.kind == RESOLUTION:
            assert len(node.steps) >= 3, node.id


def test_every_resolution_links_an_official_plaid_docs_page(guide):
    for node in guide.nodes.values():
        if node.kind == RESOLUTION:
            assert any(url.startswith("https://plaid.com/docs/") for _, url in node.docs), node.id


def test_every_resolution_links_to_related_ones(guide):
    for node in guide.nodes.values():
        if node.kind == RESOLUTION:
            assert node.related, node.id


def test_every_question_says_how_to_find_the_answer(guide):
    for node in guide.nodes.values():
        if node.kind == QUESTION and node.id != START:
            assert node.body, node.id


def test_every_section_ends_in_an_escalation(guide):
    for section in SECTIONS:
        assert guide.nodes[f"{section}-escalate"].kind == ESCALATION


def test_item_login_required_continues_in_the_link_guide(guide, guides):
    targets = [choice.target for choice in guide.nodes["item-stopped-working"].choices]
    links = [split_ref(target) for target in targets if split_ref(target)]
    assert any("ITEM_LOGIN_REQUIRED" in guides[other].nodes[node].codes for other, node in links)


def test_every_link_into_another_guide_lands_on_a_node(guide, guides):
    refs = [split_ref(target) for node in guide.nodes.values() for target in node.related] + [
        split_ref(choice.target) for node in guide.nodes.values() for choice in node.choices
    ]
    for other, node in filter(None, refs):
        assert node in guides[other].nodes, f"{other}/{node}"
