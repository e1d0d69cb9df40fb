"""Several guides as one help center, in a browser: a walk that crosses guides, the error code lookup (with and
without JavaScript) and search results that name their guide; axe finds nothing on any of them."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

MARKER = "document.body.dataset.e2eMarker = 'still-here'"
WALK = r"[0-9a-f]{32}"


def answer(page: Page, label: str) -> None:
    page.locator("#wizard .answers a.answer").filter(has_text=re.compile(rf"^\d?{re.escape(label)}")).first.click()


def test_a_walk_continues_in_the_other_guide(page: Page, guides_server) -> None:
    base = guides_server.url
    page.goto("/guides/gadget/")
    page.evaluate(MARKER)
    for label in ("The gadget does not sync", "No", "No"):
        answer(page, label)
        expect(page.locator("#wizard-heading")).to_be_focused()
    expect(page.locator("#wizard")).to_have_attribute("data-node", "check-widget-never-loaded")
    link = page.locator("#wizard .answers a.answer").first
    expect(link).to_contain_text("continues in Mini guide")
    link.click()
    panel = page.locator("#wizard")
    expect(panel).to_have_attribute("data-guide", "mini")
    expect(panel).to_have_attribute("data-node", "widget")
    expect(page).to_have_url(re.compile(re.escape(f"{base}/guides/mini/widget/?w=") + WALK + "$"))
    expect(page.locator("body")).to_have_attribute("data-e2e-marker", "still-here")  # an htmx swap, no page load
    # The trail is the mini guide's own: the node's URL alone tells its path.
    expect(page.locator(".trail-list li")).to_have_count(1)
    expect(page.locator(".guide-name a")).to_have_text("Mini guide")
    page.go_back()
    expect(panel).to_have_attribute("data-node", "check-widget-never-loaded")


def test_related_links_lead_across_guides(page: Page, guides_server) -> None:
    page.goto("/guides/gadget/rate-limited/")
    page.locator("ul.related").get_by_role("link", name=re.compile("ad blocker", re.I)).click()
    expect(page.locator("#wizard")).to_have_attribute("data-guide", "mini")
    expect(page.locator("#wizard")).to_have_attribute("data-node", "ad-blocker")


def test_lookup_with_javascript_goes_straight_to_the_codes_node(page: Page, guides_server) -> None:
    base = guides_server.url
    page.goto("/guides/gadget/")
    page.evaluate(MARKER)
    answer(page, "I have an error code or message")
    expect(page.locator("#wizard")).to_have_attribute("data-kind", "lookup")
    page.fill("#lookup-q", '{"error_type": "ITEM_ERROR", "error_code": "WIDGET_BLOCKED", "error_message": "blocked"}')
    page.get_by_role("button", name="Look up").click()
    expect(page.locator("#wizard")).to_have_attribute("data-node", "ad-blocker")
    expect(page).to_have_url(re.compile(re.escape(f"{base}/guides/mini/ad-blocker/?from=search&w=") + WALK + "$"))
    expect(page.locator("body")).to_have_attribute("data-e2e-marker", "still-here")
    expect(page.locator("#wizard-heading")).to_be_focused()


def test_lookup_with_javascript_lists_results_for_a_message(page: Page, guides_server) -> None:
    page.goto("/guides/gadget/lookup/")
    page.fill("#lookup-q", "the widget stays blank")
    page.get_by_role("button", name="Look up").click()
    first = page.locator("#search-results .search-result").first
    expect(first).to_have_attribute("data-guide", "mini")
    expect(first.locator(".search-guide")).to_have_text("· in Mini guide")
    # The pushed URL is the form's own GET (htmx writes spaces as %20): reload or share it, and it shows the same.
    expect(page).to_have_url(re.compile(r"/guides/gadget/lookup/\?q=the%20widget%20stays%20blank&w=" + WALK + "$"))
    page.reload()
    expect(page.locator("#search-results .search-result").first).to_have_attribute("data-guide", "mini")


def test_lookup_without_javascript(new_context, guides_server) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/guides/gadget/lookup/")
    page.fill("#lookup-q", "gadget_key_expired")
    page.get_by_role("button", name="Look up").click()
    expect(page.locator("#wizard")).to_have_attribute("data-node", "expired-key")
    page.goto("/guides/gadget/lookup/")
    page.fill("#lookup-q", "gadget stopped syncing")
    page.get_by_role("button", name="Look up").click()
    expect(page.locator("#search-results .search-result").first).to_have_attribute("data-node", "sync")


def test_search_results_name_their_guides(page: Page, guides_server) -> None:
    page.goto("/")
    page.locator("#site-search-q").press_sequentially("widget", delay=20)
    guides = page.locator("#search-results .search-guide")
    expect(guides.first).to_be_visible()
    assert {text.strip() for text in guides.all_inner_texts()} == {"· in Mini guide", "· in Gadget API guide"}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/guides/gadget/",
        "/guides/gadget/check-widget-never-loaded/",
        "/guides/gadget/rate-limited/",
        "/guides/gadget/lookup/",
        "/guides/gadget/lookup/?q=the+widget+stays+blank",
        "/guides/gadget/lookup/?q=nothing+like+this+anywhere",
        "/search/?q=widget",
        "/search/?q=widget&guide=mini",
        "/embed/gadget/lookup/",
    ],
)
def test_axe_finds_no_violations(page: Page, guides_server, path: str) -> None:
    page.goto(path)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
