"""Search in a browser: "/" focuses the header box, typing swaps in results and pushes the URL, Enter opens a node."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

MARKER = "document.body.dataset.e2eMarker = 'still-here'"


def test_active_search_from_the_keyboard(page: Page, guide_server) -> None:
    base = guide_server.url
    csp: list[str] = []
    page.on("console", lambda message: "content security policy" in message.text.lower() and csp.append(message.text))
    page.goto("/guides/mini/")
    page.evaluate(MARKER)

    page.keyboard.press("/")
    box = page.locator("#site-search-q")
    expect(box).to_be_focused()
    expect(box).to_have_value("")  # the slash selected the box, it was not typed into it

    box.press_sequentially("widget_blocked", delay=20)
    results = page.locator("#search-results")
    expect(results.locator(".search-result").first).to_have_attribute("data-node", "ad-blocker")
    expect(page).to_have_url(f"{base}/search/?q=widget_blocked")
    expect(page.locator("body")).to_have_attribute("data-e2e-marker", "still-here")  # no page load
    expect(page).to_have_title(re.compile(r"^widget_blocked · Search"))

    # Arrow down from the box to the best result, Enter opens it: the walk goes on from there.
    box.press("ArrowDown")
    first = results.locator(".search-result-link").first
    expect(first).to_be_focused()
    first.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(base + "/guides/mini/ad-blocker/?from=search&w=") + "[0-9a-f]{32}$"))
    expect(page.locator("#wizard")).to_have_attribute("data-node", "ad-blocker")
    assert csp == []


def test_slash_is_typed_normally_inside_a_field(page: Page, guide_server) -> None:
    page.goto("/search/?q=widget")
    box = page.locator("#site-search-q")
    box.focus()
    page.keyboard.press("End")
    page.keyboard.type("/x")
    expect(box).to_have_value("widget/x")


def test_search_without_javascript(new_context, guide_server) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/guides/mini/")
    page.fill("#site-search-q", "widget blank")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=widget\+blank&w=$"))
    link = page.locator("#search-results .search-result-link").first
    expect(link).to_have_attribute("href", re.compile(r"^/guides/mini/widget/\?from=search&w=[0-9a-f]{32}$"))
    link.click()
    expect(page.locator("#wizard")).to_have_attribute("data-node", "widget")


def test_search_page_has_no_axe_violations(page: Page, guide_server) -> None:
    for url in ["/search/?q=widget", "/search/?q=qqzzxx", "/search/"]:
        page.goto(url)
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
