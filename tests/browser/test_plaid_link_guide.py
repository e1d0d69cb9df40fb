"""The Link guide in a real browser: a pasted error through the lookup, the merged OAuth question, a bank login."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = [
    pytest.mark.e2e,
    # WhiteNoise warns when collectstatic has not been run; the live server serves static files from the finders.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

GUIDE = "/guides/plaid-link/"
PASTED_ERROR = (
    '{"error_type": "INVALID_INPUT", "error_code": "INVALID_LINK_TOKEN", '
    '"error_message": "invalid link_token provided", "display_message": null}'
)


def answer(page: Page, label: str) -> Locator:
    return page.locator("#wizard .answers").get_by_role("link", name=label, exact=True)


def expect_panel(page: Page, node: str, kind: str) -> None:
    panel = page.locator("#wizard")
    expect(panel).to_have_attribute("data-guide", "plaid-link")
    expect(panel).to_have_attribute("data-node", node)
    expect(panel).to_have_attribute("data-kind", kind)


def test_a_pasted_error_goes_straight_to_its_node(shipped_guides, page: Page):
    page.goto(shipped_guides.url + GUIDE)
    answer(page, "I have an error code or message").click()
    expect_panel(page, "lookup", "lookup")
    page.locator("#lookup-q").fill(PASTED_ERROR)
    page.get_by_role("button", name="Look up").click()
    expect_panel(page, "invalid-link-token", "question")
    expect(page).to_have_url(re.compile(re.escape(shipped_guides.url + GUIDE + "invalid-link-token/")))


def test_the_oauth_question_asks_what_happens(shipped_guides, page: Page):
    page.goto(shipped_guides.url + GUIDE)
    answer(page, "A bank that signs users in on its own site or app (OAuth) fails").click()
    expect_panel(page, "oauth-not-working", "question")
    answer(page, "Android: the user taps Continue and nothing happens").click()
    expect_panel(page, "android-unsupported-browser", "resolution")
    expect(page.locator("#wizard ol.steps li").first).to_contain_text("DuckDuckGo")


def test_a_failed_bank_login_walks_to_the_check_that_fits(shipped_guides, page: Page):
    page.goto(shipped_guides.url + GUIDE)
    answer(page, "The user cannot get through the bank's sign-in in Link").click()
    expect_panel(page, "login-failed", "question")
    answer(page, "INVALID_CREDENTIALS: the bank says the username or password is wrong").click()
    expect_panel(page, "invalid-credentials", "question")
    answer(page, "No").click()
    expect_panel(page, "check-invalid-creds-wrong-portal", "question")
    answer(page, "Yes").click()
    expect_panel(page, "invalid-creds-wrong-portal", "resolution")
    expect(page.locator("#wizard .related")).to_contain_text("The username or password is wrong")
