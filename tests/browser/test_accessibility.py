"""axe-core finds no violations on any kind of page, including after an htmx swap."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.e2e,
    # WhiteNoise warns when collectstatic has not been run; the live server serves static files from the finders.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

PAGES = {
    "home": ("/", 200),
    "first-question": ("/guides/mini/", 200),
    "question": ("/guides/mini/widget/", 200),
    "resolution": ("/guides/mini/wrong-src/", 200),
    "escalation": ("/guides/mini/widget-escalate/", 200),
    "escalation-not-sure": ("/guides/mini/widget-escalate/?unsure=widget", 200),
    "resolution-not-sure": ("/guides/mini/wrong-src/?unsure=widget", 200),
    "404-in-guide": ("/guides/mini/no-such-step/", 404),
    "404": ("/no-such-page/", 404),
}


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(page: Page, guide_server, axe: Axe, name: str) -> None:
    path, status = PAGES[name]
    response = page.goto(path)
    assert response is not None
    assert response.status == status
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_after_htmx_swaps(page: Page, guide_server, axe: Axe) -> None:
    """The swapped-in panel (with the trail of answers) is as accessible as a full page."""
    page.goto("/guides/mini/")
    for label in ("The widget does not load", "No", "Yes"):
        page.locator("#wizard .answers").get_by_role("link", name=label, exact=True).click()
        expect(page.locator("#wizard-heading")).to_be_focused()
    expect(page.locator("#wizard")).to_have_attribute("data-kind", "resolution")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
