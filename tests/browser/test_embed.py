"""The embed snippet on a help center of another site: the walk, resizing, feedback, framing rules and axe.

The wizard runs on pytest-django's live server (http://localhost:<port>); the "help centers" are plain HTML
pages served from http://127.0.0.1:<other port>, a different site (not only a different origin), as a real
help center would be.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import FrameLocator, Locator, Page, expect

from wizard.models import Event, Walk

pytestmark = [
    pytest.mark.e2e,
    # WhiteNoise warns when collectstatic has not been run; the live server serves static files from the finders.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Acme help center</title></head>
<body>
<main>
<h1>Fixing the widget</h1>
<p>Answer the questions below to find the fix.</p>
<a href="{wizard}/guides/mini/" data-troubleshooter-fallback>Open the Mini guide</a>
<script src="{wizard}/static/wizard/embed.js" data-guide="mini" data-source="acme-help" {extra} async></script>
<p id="after-wizard">Still stuck? Write to us.</p>
</main>
</body>
</html>
"""


class HelpCenter:
    """A second site: one static HTML page with the snippet, on 127.0.0.1 and a port of its own."""

    def __init__(self, html: str) -> None:
        body = html.encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def help_center(guide_server) -> Iterator[Callable[..., HelpCenter]]:
    sites: list[HelpCenter] = []

    def start(extra: str = "") -> HelpCenter:
        site = HelpCenter(PAGE.format(wizard=guide_server.url, extra=extra))
        sites.append(site)
        return site

    yield start
    for site in sites:
        site.stop()


def wizard_frame(page: Page) -> FrameLocator:
    return page.frame_locator("iframe.troubleshooter-embed")


def frame_height(page: Page) -> float:
    return page.locator("iframe.troubleshooter-embed").bounding_box()["height"]


def content_height(page: Page) -> float:
    frame = page.frame(url=lambda url: "/embed/mini/" in url)
    assert frame is not None
    return frame.evaluate("document.documentElement.getBoundingClientRect().height")


def expect_fitted(page: Page) -> float:
    """The iframe is exactly as tall as what it shows (no inner scrollbar, no blank space)."""
    for _ in range(50):
        if abs(frame_height(page) - content_height(page)) <= 1:
            return frame_height(page)
        page.wait_for_timeout(100)
    raise AssertionError(f"iframe {frame_height(page)}px, content {content_height(page)}px")


def answer(frame: FrameLocator, label: str) -> Locator:
    return frame.locator("#wizard .answers").get_by_role("link", name=label, exact=True)


def test_walk_inside_the_iframe_on_another_site(page: Page, help_center, settings) -> None:
    site = help_center()
    settings.EMBED_ALLOWED_ORIGINS = [site.origin]
    page.goto(site.origin + "/")

    frame = wizard_frame(page)
    iframe = page.locator("iframe.troubleshooter-embed")
    expect(frame.locator("#wizard")).to_have_attribute("data-node", "start")
    expect(iframe).to_have_attribute("title", "Troubleshooting guide")
    expect(page.get_by_role("link", name="Open the Mini guide")).to_be_hidden()
    # Inserted right after the script tag, before the rest of the article.
    assert page.evaluate("document.querySelector('iframe').nextElementSibling.id") == "after-wizard"
    start_height = expect_fitted(page)

    for label, slug, kind in [
        ("The widget does not load", "widget", "question"),
        ("Yes", "ad-blocker", "resolution"),
    ]:
        answer(frame, label).click()
        expect(frame.locator("#wizard")).to_have_attribute("data-node", slug)
        expect(frame.locator("#wizard")).to_have_attribute("data-kind", kind)
        # Every step stays in embed mode, inside the frame: the help center page itself never moves.
        assert page.url == site.origin + "/"
        assert "/embed/mini/" in (iframe.get_attribute("src") or "")

    resolution_height = expect_fitted(page)
    assert resolution_height > start_height + 50

    # The walk is recorded as an embed, with the source the snippet passed and the help center's host.
    walk = Walk.objects.get()
    assert (walk.source, walk.source_name, walk.referrer_host) == (Walk.Source.EMBED, "acme-help", "127.0.0.1")
    assert walk.last_node.slug == "ad-blocker"

    frame.get_by_role("link", name="Start over").click()
    expect(frame.locator("#wizard")).to_have_attribute("data-node", "start")
    assert expect_fitted(page) < resolution_height - 50


def test_feedback_submits_inside_the_cross_site_iframe(page: Page, help_center, settings) -> None:
    site = help_center('data-node="ad-blocker"')
    settings.EMBED_ALLOWED_ORIGINS = [site.origin]
    page.goto(site.origin + "/")

    frame = wizard_frame(page)
    expect(frame.locator("#wizard")).to_have_attribute("data-kind", "resolution")
    form = frame.locator("#feedback-form")
    form.get_by_label("Comment (optional)").fill("Sent from the help center")
    form.get_by_role("button", name="Yes, it is solved").click()

    expect(frame.locator("#feedback-heading")).to_have_text("Thanks: marked as solved")
    assert Event.objects.filter(kind=Event.Kind.FEEDBACK).count() == 1
    expect_fitted(page)


def test_a_site_not_on_the_list_cannot_frame_the_wizard(page: Page, help_center, settings) -> None:
    allowed, other = help_center(), help_center()
    settings.EMBED_ALLOWED_ORIGINS = [allowed.origin]
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))

    page.goto(other.origin + "/")
    iframe = page.locator("iframe.troubleshooter-embed")
    expect(iframe).to_have_count(1)
    page.wait_for_load_state("load")

    frame = iframe.element_handle().content_frame()
    assert frame is not None
    assert "/embed/mini/" not in frame.url
    assert frame.locator("#wizard").count() == 0
    assert any("frame-ancestors" in text for text in messages), messages


def test_the_help_centers_own_messages_cannot_resize_the_frame(page: Page, help_center, settings) -> None:
    site = help_center()
    settings.EMBED_ALLOWED_ORIGINS = [site.origin]
    page.goto(site.origin + "/")
    expect(wizard_frame(page).locator("#wizard")).to_have_attribute("data-node", "start")
    height = expect_fitted(page)

    # Same message shape, but from the help center's window, not from the wizard's frame and origin.
    page.evaluate("window.postMessage({type: 'troubleshooter:height', height: 7}, '*')")
    page.wait_for_timeout(300)
    assert frame_height(page) == height


def test_theme_options_reach_the_frame_and_survive_navigation(page: Page, help_center, settings) -> None:
    site = help_center('data-theme="dark" data-accent="#ffcc00" data-font="mono"')
    settings.EMBED_ALLOWED_ORIGINS = [site.origin]
    page.goto(site.origin + "/")

    frame = wizard_frame(page)
    answer(frame, "The widget does not load").click()
    expect(frame.locator("#wizard")).to_have_attribute("data-node", "widget")
    # A full load of the current step (what reload or history restore does) keeps the theme too.
    frame.locator("html").evaluate("() => window.location.reload()")
    expect(frame.locator("#wizard")).to_have_attribute("data-node", "widget")
    expect(frame.locator("html")).to_have_attribute("data-bs-theme", "dark")
    font = frame.locator("body").evaluate("body => getComputedStyle(body).fontFamily")
    assert font.startswith("ui-monospace")
    accent = frame.locator(".wizard-card").evaluate("card => getComputedStyle(card).borderTopColor")
    assert accent == "rgb(255, 204, 0)"


def test_without_javascript_the_fallback_link_is_there(new_context, help_center, settings) -> None:
    site = help_center()
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.origin + "/")
    expect(page.get_by_role("link", name="Open the Mini guide")).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)


def test_help_page_updates_the_code_and_preview_as_options_change(page: Page, guide_server) -> None:
    page.goto("/embed/")
    code = page.get_by_label("Code to paste")
    expect(code).to_have_value(re.compile(r'data-guide="mini" async'))
    preview = page.frame_locator("iframe.embed-preview")
    expect(preview.locator("#wizard")).to_have_attribute("data-node", "start")

    page.get_by_label("Start on").select_option("ad-blocker")
    expect(code).to_have_value(re.compile(r'data-node="ad-blocker"'))
    page.get_by_label("Dark").check()
    expect(code).to_have_value(re.compile(r'data-theme="dark"'))
    # Updated in place by htmx, not by a page load: the URL follows so the choice can be shared.
    expect(page).to_have_url(re.compile(r"node=ad-blocker.*theme=dark"))
    expect(preview.locator("#wizard")).to_have_attribute("data-node", "ad-blocker")
    expect(preview.locator("html")).to_have_attribute("data-bs-theme", "dark")


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize(
    "path",
    [
        "/embed/mini/",
        "/embed/mini/widget/?theme=dark&accent=%23ffcc00&font=serif",
        "/embed/mini/ad-blocker/",
        "/embed/mini/ad-blocker/?theme=dark",
        "/embed/mini/wrong-src/?accent=%23ffcc00",
        "/embed/mini/widget-escalate/?theme=dark",
        "/embed/",
    ],
)
def test_axe_finds_no_violations_in_embed_mode(page: Page, guide_server, axe: Axe, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 200
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
