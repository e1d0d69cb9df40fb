"""The wizard in a real browser: htmx swaps, history, no JavaScript, CSP, keyboard and a phone screen."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = [
    pytest.mark.e2e,
    # WhiteNoise warns when collectstatic has not been run; the live server serves static files from the finders.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

GUIDE = "/guides/mini/"
# (answer clicked, node it leads to, kind of that node): from the first question to a resolution.
WALK = [
    ("The widget does not load", "widget", "question"),
    ("No", "check-wrong-src", "question"),
    ("Yes", "wrong-src", "resolution"),
]
MARKER = "document.body.dataset.e2eMarker = 'still-here'"


def node_path(slug: str) -> str:
    return GUIDE if slug == "start" else f"{GUIDE}{slug}/"


def path_of(url: str) -> str:
    return urlsplit(url).path


def answer(page: Page, label: str) -> Locator:
    return page.locator("#wizard .answers").get_by_role("link", name=label, exact=True)


def expect_node(page: Page, base: str, slug: str, kind: str) -> None:
    """The URL is the node's URL (a query string, such as the walk id, may ride along) and the panel shows that node."""
    expect(page).to_have_url(re.compile(re.escape(base + node_path(slug)) + r"(\?[^#]*)?$"))
    panel = page.locator("#wizard")
    expect(panel).to_have_attribute("data-node", slug)
    expect(panel).to_have_attribute("data-kind", kind)
    expect(panel).to_have_attribute("data-guide", "mini")


def expect_whole_page(page: Page) -> None:
    """A full page (not a bare fragment) with exactly one panel."""
    expect(page.locator("header.site-header")).to_have_count(1)
    expect(page.locator("main#main")).to_have_count(1)
    expect(page.locator("#wizard")).to_have_count(1)
    expect(page.locator("#wizard-status")).to_have_count(1)


def expect_no_reload(page: Page) -> None:
    """The marker set on <body> before the clicks is still there: the page was not loaded again."""
    expect(page.locator("body")).to_have_attribute("data-e2e-marker", "still-here")


def expect_settled(page: Page) -> None:
    """wizard.js has run after the swap: focus on the heading, heading announced, title updated."""
    heading = page.locator("#wizard-heading")
    expect(heading).to_be_focused()
    expect(page.locator("#wizard-status")).to_have_text(heading.inner_text().strip())
    expect(page).to_have_title(page.locator("#wizard").get_attribute("data-title") or "")


def open_guide_and_mark(page: Page, base: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Mini guide").click()
    expect_node(page, base, "start", "question")
    expect_whole_page(page)
    page.evaluate(MARKER)


def click_answer(page: Page, base: str, label: str, slug: str, kind: str) -> None:
    """Click an answer: the URL pushed is exactly the link's href, and the panel shows the node it names."""
    link = answer(page, label)
    href = link.get_attribute("href") or ""
    assert path_of(href) == node_path(slug)
    link.click()
    expect(page).to_have_url(base + href)
    expect_node(page, base, slug, kind)
    expect_settled(page)


def walk_by_clicking(page: Page, base: str) -> None:
    for label, slug, kind in WALK:
        click_answer(page, base, label, slug, kind)


def test_walk_to_resolution_by_clicking(page: Page, guide_server) -> None:
    base = guide_server.url
    open_guide_and_mark(page, base)

    for label, slug, kind in WALK:
        click_answer(page, base, label, slug, kind)
        expect_no_reload(page)
        expect_whole_page(page)

    expect(page.locator("#wizard-heading")).to_have_text("The script tag points at the wrong src.")
    expect(page.locator("#wizard .trail-list li")).to_have_count(3)


def test_not_sure_by_number_key_reaches_an_escalation_that_says_what_is_not_checked(page: Page, guide_server) -> None:
    base = guide_server.url
    open_guide_and_mark(page, base)
    click_answer(page, base, "The widget does not load", "widget", "question")
    page.keyboard.press("3")  # "Not sure"
    expect_node(page, base, "check-wrong-src", "question")
    expect(page).to_have_url(re.compile(r"[?&]unsure=widget$"))
    expect(page.locator("#wizard .trail-answer").last).to_have_text("Your answer: Not sure")
    click_answer(page, base, "No", "widget-escalate", "escalation")
    expect_no_reload(page)
    expect(page.locator("#wizard .not-checked")).to_contain_text("An ad blocker stops the script")
    expect(page.locator("#wizard .ruled-out")).not_to_contain_text("ad blocker")
    expect(page.locator("#ticket-summary")).to_contain_text("Not checked (answered Not sure):")
    # "Check it" goes back to the question, where the reader can now find out.
    page.locator("#wizard .not-checked").get_by_role("link", name=re.compile("Check it")).click()
    expect_node(page, base, "widget", "question")
    expect_settled(page)


def test_back_forward_reload(page: Page, guide_server) -> None:
    base = guide_server.url
    open_guide_and_mark(page, base)
    walk_by_clicking(page, base)

    page.go_back()
    expect_node(page, base, "check-wrong-src", "question")
    expect_whole_page(page)
    page.go_back()
    expect_node(page, base, "widget", "question")
    expect_whole_page(page)
    page.go_forward()
    expect_node(page, base, "check-wrong-src", "question")
    expect_whole_page(page)

    response = page.reload()
    assert response is not None
    assert response.status == 200
    expect_node(page, base, "check-wrong-src", "question")
    expect_whole_page(page)
    # A real page load: the marker is gone, and the page came from the server, not htmx's fragment.
    assert page.evaluate("document.body.dataset.e2eMarker") is None
    assert "hx-request" not in response.request.headers
    expect(page).to_have_title(page.locator("#wizard").get_attribute("data-title") or "")


def test_walk_without_javascript(new_context, guide_server) -> None:
    base = guide_server.url
    page = new_context(java_script_enabled=False).new_page()
    requests: list[tuple[str, str]] = []
    page.on("request", lambda request: requests.append((request.resource_type, request.url)))

    page.goto("/")
    steps = [("Mini guide", "start", "question"), *WALK]
    for label, slug, kind in steps:
        link = page.get_by_role("link", name=label, exact=True)
        if slug != "start":
            link = answer(page, label)
        href = link.get_attribute("href") or ""
        assert path_of(href) == node_path(slug)
        with page.expect_response(lambda r, href=href: r.url == base + href) as info:
            link.click()
        response = info.value
        assert response.status == 200
        assert response.request.resource_type == "document"
        assert "hx-request" not in response.request.headers
        expect_node(page, base, slug, kind)
        expect_whole_page(page)

    # Nothing but page loads and their static files: htmx never ran.
    assert not [url for kind, url in requests if kind in ("xhr", "fetch")]


def test_no_csp_violations(page: Page, guide_server) -> None:
    base = guide_server.url
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    htmx_requests: list[str] = []
    page.on("request", lambda r: r.headers.get("hx-request") == "true" and htmx_requests.append(r.url))

    response = page.goto(GUIDE)
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    expect_node(page, base, "start", "question")
    page.evaluate(MARKER)

    walk_by_clicking(page, base)
    page.go_back()
    expect_node(page, base, "check-wrong-src", "question")

    # htmx really worked under the policy: three fragment requests, no page load.
    expect_no_reload(page)
    assert [path_of(url) for url in htmx_requests] == [node_path(slug) for _, slug, _ in WALK]
    violations = page.evaluate("window.__cspViolations")
    assert violations == []
    assert not [line for line in console if "content security policy" in line.lower()], console
    assert not [line for line in console if line.startswith(("error", "pageerror"))], console


def test_keyboard_only(page: Page, guide_server) -> None:
    base = guide_server.url
    page.goto(GUIDE)
    expect_node(page, base, "start", "question")

    def tab_to(target: Locator, limit: int = 20) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if target.evaluate("el => el === document.activeElement"):
                return
        pytest.fail(f"Tab never reached {target}")

    # The skip link comes first.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()

    tab_to(answer(page, "The widget does not load"))
    page.keyboard.press("Enter")
    expect_node(page, base, "widget", "question")
    expect_settled(page)

    # Focus is on the new heading, so the next Tab goes on to that step's first answer.
    page.keyboard.press("Tab")
    expect(answer(page, "Yes")).to_be_focused()
    page.keyboard.press("Tab")
    expect(answer(page, "No")).to_be_focused()
    page.keyboard.press("Enter")
    expect_node(page, base, "check-wrong-src", "question")
    expect_settled(page)
    assert page.evaluate("document.activeElement.id") == "wizard-heading"


@pytest.mark.browser_context_args(viewport={"width": 390, "height": 844})
@pytest.mark.parametrize("slug", ["start", "widget", "wrong-src", "widget-escalate"])
def test_phone_has_no_horizontal_overflow(page: Page, guide_server, slug: str) -> None:
    page.goto(node_path(slug))
    expect(page.locator("#wizard")).to_have_attribute("data-node", slug)
    assert page.evaluate("window.innerWidth") == 390
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390, f"{node_path(slug)} is {scroll_width}px wide on a 390px screen"


IMPORTED_STEPS = """---
id: imported
title: Imported
---

# Imported

## Names do not resolve
<!--
id: names-do-not-resolve
direct: true
-->

### Common causes
- The record is missing.
  <!-- id: record-missing -->

### Troubleshooting steps
1. Add the records:

   | Record type | Host | Points to |
   | --- | --- | --- |
   | CNAME | www | `app.example.net` |

2. Check them:

   ```
   dig +short www.example.com
   ```

   > **Note:** New records can take an hour to spread.
"""


@pytest.fixture
def imported_resolution(page: Page, transactional_db, live_server) -> Page:
    """A resolution whose steps hold a table and a code block, as imported docs pages do."""
    from wizard.content import read_guide_text
    from wizard.services.load import guides_load

    guide, errors = read_guide_text(IMPORTED_STEPS, "imported.md")
    assert errors == []
    guides_load(guides=[guide], prune=False)
    page.goto("/guides/imported/record-missing/")
    return page


def test_a_table_in_steps_has_cell_borders(imported_resolution: Page) -> None:
    cell = imported_resolution.locator(".steps td").first
    assert cell.evaluate("cell => getComputedStyle(cell).borderTopWidth") != "0px"


def test_a_code_block_in_steps_is_set_apart_from_the_text(imported_resolution: Page) -> None:
    block = imported_resolution.locator(".steps pre").first
    assert block.evaluate("block => getComputedStyle(block).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_an_admonition_in_steps_is_set_apart_from_the_text(imported_resolution: Page) -> None:
    note = imported_resolution.locator(".steps blockquote").first
    assert note.evaluate("note => getComputedStyle(note).borderLeftWidth") != "0px"
