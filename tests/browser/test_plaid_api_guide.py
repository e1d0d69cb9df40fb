"""The "after Link" guide in a real browser: walked from its first question to resolutions, into the Link guide too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = [
    pytest.mark.e2e,
    # WhiteNoise warns when collectstatic has not been run; the live server serves static files from the finders.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

GUIDE = "/guides/plaid-api/"


def answer(page: Page, label: str) -> Locator:
    return page.locator("#wizard .answers").get_by_role("link", name=label, exact=True)


def expect_panel(page: Page, guide: str, node: str, kind: str) -> None:
    panel = page.locator("#wizard")
    expect(panel).to_have_attribute("data-guide", guide)
    expect(panel).to_have_attribute("data-node", node)
    expect(panel).to_have_attribute("data-kind", kind)


def test_an_error_code_answer_leads_to_its_resolution(shipped_guides, page: Page):
    page.goto(shipped_guides.url + GUIDE)
    answer(page, "A connection that used to work now fails (an API error or an ITEM ERROR webhook)").click()
    expect_panel(page, "plaid-api", "item-stopped-working", "question")
    answer(page, "ITEM_NOT_FOUND").click()
    expect_panel(page, "plaid-api", "item-not-found", "resolution")
    expect(page).to_have_url(re.compile(re.escape(shipped_guides.url + GUIDE + "item-not-found/")))
    expect(page.locator("#wizard dt", has_text="ITEM_NOT_FOUND")).to_contain_text("(ITEM_ERROR)")


def test_a_cause_by_cause_section_ends_on_the_cause_that_fits(shipped_guides, page: Page):
    page.goto(shipped_guides.url + GUIDE)
    answer(page, "Webhooks never arrive at our server").click()
    expect_panel(page, "plaid-api", "webhooks-missing", "question")
    answer(page, "No").click()
    expect_panel(page, "plaid-api", "check-webhook-delivery-failing", "question")
    answer(page, "Yes").click()
    expect_panel(page, "plaid-api", "webhook-delivery-failing", "resolution")
    expect(page.locator("#wizard ol li").first).to_be_visible()
    expect(page.locator("#wizard .related")).to_contain_text("The Item has no webhook URL")


def test_item_login_required_continues_in_the_link_guide(shipped_guides, page: Page):
    page.goto(shipped_guides.url + GUIDE + "item-stopped-working/")
    link = page.locator("#wizard .answers").get_by_role("link", name=re.compile(r"^ITEM_LOGIN_REQUIRED\b"))
    expect(link.locator(".answer-guide")).to_have_text("continues in Plaid Link troubleshooting")
    link.click()
    expect_panel(page, "plaid-link", "item-login-required", "question")
    expect(page).to_have_url(re.compile(re.escape(shipped_guides.url + "/guides/plaid-link/item-login-required/")))


def test_a_pasted_json_error_goes_straight_to_its_node(shipped_guides, page: Page):
    page.goto(shipped_guides.url + GUIDE)
    answer(page, "I have an error code or message").click()
    expect_panel(page, "plaid-api", "lookup", "lookup")
    page.locator("#lookup-q").fill(
        '{"error_type": "INVALID_INPUT", "error_code": "INVALID_PUBLIC_TOKEN", '
        '"error_message": "could not find matching public token", "display_message": null}'
    )
    page.locator(".lookup-form").get_by_role("button", name="Look up").click()
    expect_panel(page, "plaid-api", "public-token-exchange", "question")
