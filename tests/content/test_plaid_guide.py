"""The shipped Plaid Link guide: every documented section walks to real steps, every code is reachable.

The guide covers the twelve sections of Plaid's Link troubleshooting page, the related pages it points to,
and the errors support meets most often (login failures, link token errors, Hosted Link, returning users).
Several tests pin corrections of issue 14: facts the guide once got wrong must stay right.
"""

from __future__ import annotations

from collections import deque

import pytest
from django.conf import settings

from wizard.content import read_guides
from wizard.content.graph import ESCALATION, LOOKUP, RESOLUTION, START, GuideSpec, split_ref

# The twelve sections of the documentation page; the OAuth ones sit below one merged OAuth answer.
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
# Sections for the related pages and for the errors that arrive most.
RELATED_SECTIONS = [
    "item-login-required",
    "invalid-link-token",
    "login-failed",
    "invalid-credentials",
    "link-token-failed",
    "hosted-link",
    "returning-user",
]
ALL_SECTIONS = DOCUMENTED_SECTIONS + RELATED_SECTIONS
# The first question, most frequent first: broken connections, failed bank logins, missing banks, OAuth.
FIRST_ANSWERS = ["item-login-required", "login-failed", "missing-institutions", "oauth-not-working"]
MESSAGES_USERS_SEE = [
    "Connectivity not supported",
    "You may need to update your app",
    "Couldn't connect to your institution",
    "Something went wrong",
    "Current version not supported",
    "The credentials you provided were incorrect",
]
# Codes the issue names for first-link failures, failed link token requests, reCAPTCHA and returning users.
CODES_NAMED_BY_THE_ISSUE = [
    "ITEM_LOGIN_REQUIRED",
    "INVALID_LINK_TOKEN",
    "PUBLIC_KEY_NOT_ENABLED",
    "INSTITUTION_DOWN",
    "INSTITUTION_NOT_RESPONDING",
    "INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT",
    "institution-poor-health-error",
    "INVALID_ACCOUNT_ID",
    "INVALID_CREDENTIALS",
    "INVALID_MFA",
    "ITEM_LOCKED",
    "USER_SETUP_REQUIRED",
    "MFA_NOT_SUPPORTED",
    "NO_ACCOUNTS",
    "ITEM_NOT_SUPPORTED",
    "USER_INPUT_TIMEOUT",
    "INSUFFICIENT_CREDENTIALS",
    "INVALID_FIELD",
    "MISSING_FIELDS",
    "INVALID_PRODUCT",
    "INVALID_LINK_CUSTOMIZATION",
    "RECAPTCHA_REQUIRED",
    "RECAPTCHA_BAD",
    "INVALID_PHONE_NUMBER",
    "INVALID_OTP",
]
# Link token errors that the after-Link guide resolves: the Link guide names them and links there.
CODES_RESOLVED_IN_THE_API_GUIDE = {
    "INVALID_API_KEYS": "plaid-api/api-keys-invalid",
    "UNAUTHORIZED_ENVIRONMENT": "plaid-api/environment-not-enabled",
    "RATE_LIMIT_EXCEEDED": "plaid-api/rate-limits",
}
# First-link sign-in failures: update mode can fail with them too, but they do not cause ITEM_LOGIN_REQUIRED.
SIGN_IN_FAILURES = [
    "INVALID_CREDENTIALS",
    "INVALID_MFA",
    "ITEM_LOCKED",
    "PASSWORD_RESET_REQUIRED",
    "USER_SETUP_REQUIRED",
]


@pytest.fixture(scope="module")
def guides() -> dict[str, GuideSpec]:
    specs, errors = read_guides(settings.CONTENT_DIR)
    assert errors == []
    return {spec.id: spec for spec in specs}


@pytest.fixture(scope="module")
def guide(guides) -> GuideSpec:
    return guides["plaid-link"]


def reachable_from(guide: GuideSpec, start: str) -> set[str]:
    """Nodes of this guide a walk from `start` reaches (links into another guide end the walk there)."""
    seen, queue = {start}, deque([start])
    while queue:
        for choice in guide.nodes[queue.popleft()].choices:
            if choice.target in guide.nodes and choice.target not in seen:
                seen.add(choice.target)
                queue.append(choice.target)
    return seen


def node_with_code(guide: GuideSpec, code: str):
    return next(node for node in guide.nodes.values() if code in node.codes)


def tree_ancestors(guide: GuideSpec, node_id: str) -> list[str]:
    """The tree answers above a node (not `see:` links): the sections that own it."""
    parents = {choice.target: node.id for node in guide.nodes.values() for choice in node.choices if not choice.is_link}
    chain = []
    while node_id in parents:
        node_id = parents[node_id]
        chain.append(node_id)
    return chain


def targets(guide: GuideSpec, node_id: str) -> list[str]:
    return [choice.target for choice in guide.nodes[node_id].choices]


# Every node is reachable from the first question, or the guide would not validate (the fixture checks): what
# matters to an agent on a live ticket is how far.
@pytest.mark.parametrize("section", ALL_SECTIONS)
def test_section_is_at_most_two_answers_from_the_first_question(guide, section):
    assert len(guide.nodes[section].trail) <= 2


@pytest.mark.parametrize("section", ALL_SECTIONS)
def test_section_walks_to_a_resolution_with_real_steps(guide, section):
    resolutions = [guide.nodes[n] for n in reachable_from(guide, section) if guide.nodes[n].kind == RESOLUTION]
    assert resolutions
    assert all(len(node.steps) >= 3 for node in resolutions)


# The graph builder gives every section that asks questions an escalation listing its causes (tests/content/
# test_graph.py); a `direct: true` section has none, so this holds only while no documented section is direct.
@pytest.mark.parametrize("section", ALL_SECTIONS)
def test_section_ends_in_an_escalation(guide, section):
    assert guide.nodes[f"{section}-escalate"].kind == ESCALATION


def test_the_error_code_lookup_comes_first(guide):
    assert targets(guide, START)[0] == LOOKUP


def test_the_most_frequent_problems_follow_the_lookup(guide):
    assert targets(guide, START)[1 : len(FIRST_ANSWERS) + 1] == FIRST_ANSWERS


def test_the_oauth_problems_share_one_answer_on_the_first_question(guide):
    oauth_sections = {"oauth-not-working", "oauth-institutions-missing", "oauth-unsupported-browser", "oauth-redirects"}
    assert [target for target in targets(guide, START) if target in oauth_sections] == ["oauth-not-working"]


def test_the_oauth_question_asks_what_happens(guide):
    assert targets(guide, "oauth-not-working")[:5] == [
        "oauth-institutions-missing",
        "oauth-unsupported-browser",
        "android-unsupported-browser",
        "oauth-redirects",
        "oauth-return-error",
    ]


def test_every_resolution_links_to_the_official_docs(guide):
    for node in guide.nodes.values():
        if node.kind == RESOLUTION:
            assert any(url.startswith("https://plaid.com/docs/") for _, url in node.docs), node.id


def test_no_docs_link_points_at_the_removed_link_errors_page(guide):
    urls = [url for node in guide.nodes.values() for _, url in node.docs]
    assert not [url for url in urls if "/docs/errors/link/" in url]


def test_at_least_40_error_codes_each_with_a_meaning(guide):
    codes = {code: meaning for node in guide.nodes.values() for code, meaning in node.codes.items()}
    assert len(codes) >= 40
    assert all(meaning for meaning in codes.values())


def test_each_code_sits_on_one_node(guide):
    codes = [code for node in guide.nodes.values() for code in node.codes]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("code", CODES_NAMED_BY_THE_ISSUE)
def test_codes_named_by_the_issue_are_attached(guide, code):
    assert any(code in node.codes for node in guide.nodes.values())


@pytest.mark.parametrize("code", sorted(CODES_RESOLVED_IN_THE_API_GUIDE))
def test_link_token_errors_resolved_after_link_are_answers_here(guide, code):
    choices = guide.nodes["link-token-failed"].choices
    assert [choice.target for choice in choices if choice.label.startswith(f"`{code}`")] == [
        CODES_RESOLVED_IN_THE_API_GUIDE[code]
    ]


@pytest.mark.parametrize("code", sorted(CODES_RESOLVED_IN_THE_API_GUIDE))
def test_the_linked_node_resolves_the_code(guides, code):
    guide_id, node_id = split_ref(CODES_RESOLVED_IN_THE_API_GUIDE[code])
    assert code in guides[guide_id].nodes[node_id].codes


@pytest.mark.parametrize("message", MESSAGES_USERS_SEE)
def test_messages_users_see_are_searchable_phrases(guide, message):
    assert any(message in phrase for node in guide.nodes.values() for phrase in node.phrases)


def test_every_node_knows_its_source_line(guide):
    lines = (settings.CONTENT_DIR / "plaid-link.md").read_text().count("\n")
    assert all(1 <= node.line <= lines for node in guide.nodes.values())


# Corrections of issue 14, section 1 -------------------------------------------------------------------


def test_institution_not_enabled_in_environment_is_not_about_missing_banks(guide):
    node = node_with_code(guide, "INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT")
    assert "missing-institutions" not in tree_ancestors(guide, node.id)


def test_institution_not_enabled_in_environment_means_the_environment(guide):
    meaning = node_with_code(guide, "INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT").codes[
        "INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT"
    ]
    assert "environment" in meaning


def test_products_not_supported_is_not_on_the_hidden_bank_node(guide):
    assert "PRODUCTS_NOT_SUPPORTED" not in guide.nodes["missing-inst-product"].codes


def test_invalid_product_covers_products_not_enabled_for_the_account(guide):
    assert "not enabled" in node_with_code(guide, "INVALID_PRODUCT").codes["INVALID_PRODUCT"]


def test_invalid_product_sits_where_the_link_token_request_fails(guide):
    assert "link-token-failed" in tree_ancestors(guide, node_with_code(guide, "INVALID_PRODUCT").id)


def test_the_expiry_question_asks_for_the_expiration_field(guide):
    assert "`expiration`" in guide.nodes["invalid-link-token"].title


def test_the_expiry_question_no_longer_assumes_30_minutes(guide):
    assert "30 minutes" not in guide.nodes["invalid-link-token"].title


def test_the_expiry_help_names_every_lifetime(guide):
    how = guide.nodes["invalid-link-token"].body
    assert all(part in how for part in ("4 hours", "30 minutes", "hosted_link.url_lifetime_seconds"))


def test_duckduckgo_belongs_to_android_oauth_where_continue_does_nothing(guide):
    assert tree_ancestors(guide, "android-unsupported-browser")[0] == "oauth-not-working"


def test_a_missing_oauth_bank_goes_to_the_oauth_checks_first(guide):
    assert guide.nodes["missing-institutions"].choices[0].target == "oauth-institutions-missing"


def test_the_first_missing_bank_question_is_about_oauth(guide):
    assert "OAuth" in guide.nodes["missing-institutions"].title


@pytest.mark.parametrize("code", SIGN_IN_FAILURES)
def test_sign_in_failures_are_not_causes_of_item_login_required(guide, code):
    assert "item-login-required" not in tree_ancestors(guide, node_with_code(guide, code).id)


def test_sign_in_failure_steps_fit_a_first_link_too(guide):
    steps = " ".join(guide.nodes["item-locked"].steps)
    assert "for a repair" in steps


def test_item_login_required_asks_for_the_error_code_reason(guide):
    assert "`error_code_reason`" in guide.nodes["item-login-required"].title


def test_sandbox_items_older_than_30_days_are_a_cause(guide):
    assert "sandbox-item-expired" in reachable_from(guide, "item-login-required")


def test_institution_status_is_said_to_be_missing_in_sandbox(guide):
    assert "not available in Sandbox" in guide.nodes["institution-unhealthy"].body


def test_institution_status_may_be_null(guide):
    assert "`null`" in guide.nodes["institution-unhealthy"].body


def test_interactive_brokers_checks_the_token_before_escalating(guide):
    assert "check-ibkr-token-stale" in targets(guide, "interactive-brokers")


def test_link_flow_failing_checks_the_link_token_first(guide):
    assert guide.nodes["link-flow-failing"].choices[0].target == "link-token-failed"
