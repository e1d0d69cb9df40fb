"""Agent tools in a real browser: feedback swapped in place, escalation, the Copy button, number keys."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from wizard.models import Escalation, Feedback

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

RESOLUTION = "/guides/mini/wrong-src/"
ESCALATION = "/guides/mini/widget-escalate/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def watch_csp(page: Page) -> None:
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));"
    )


def test_feedback_yes_swaps_in_place_under_csp(page: Page, guide_server) -> None:
    watch_csp(page)
    page.goto(RESOLUTION)
    page.evaluate("document.body.dataset.e2eMarker = 'still-here'")
    url = page.url
    page.get_by_label("Comment (optional)").fill("New src fixed it")
    page.get_by_role("button", name="Yes, it is solved").click()
    heading = page.locator("#feedback-heading")
    expect(heading).to_have_text("Thanks: marked as solved")
    expect(heading).to_be_focused()
    expect(page.locator("body")).to_have_attribute("data-e2e-marker", "still-here")
    assert page.url == url
    assert page.evaluate("window.__cspViolations") == []
    feedback = Feedback.objects.get()
    assert (feedback.helpful, feedback.comment) == (True, "New src fixed it")


def test_feedback_no_offers_the_next_cause(page: Page, guide_server) -> None:
    page.goto("/guides/mini/ad-blocker/")
    page.get_by_role("button", name="No, still not working").click()
    next_cause = page.locator("#feedback").get_by_role("link")
    expect(next_cause).to_have_text("Does the browser console show a 404 for the script?")
    next_cause.click()
    expect(page.locator("#wizard")).to_have_attribute("data-node", "check-wrong-src")
    expect(page).to_have_url(re.compile(r"/guides/mini/check-wrong-src/\?w=[0-9a-f]{32}$"))
    assert Feedback.objects.get().helpful is False


def test_feedback_without_javascript(new_context, guide_server) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(RESOLUTION)
    expect(page.locator(".copy-button")).to_be_hidden()
    expect(page.locator("#ticket-summary")).to_have_value(re.compile(r"^Guide: Mini guide"))
    page.get_by_role("button", name="No, still not working").click()
    expect(page).to_have_url(re.compile(r"/guides/mini/wrong-src/\?w=[0-9a-f]{32}&feedback=no$"))
    expect(page.locator("#feedback")).to_contain_text("Every documented cause")
    page.get_by_role("link", name="Escalate to support").click()
    expect(page.locator("#wizard")).to_have_attribute("data-node", "widget-escalate")
    assert Feedback.objects.get().helpful is False


def test_escalation_validates_then_sends(page: Page, guide_server) -> None:
    watch_csp(page)
    page.goto(ESCALATION)
    page.get_by_label("Email for the reply").fill("agent@example")
    page.get_by_label("What happened").fill("Still blank.")
    page.get_by_label("request_id (optional)").fill("bad id!")
    # The browser's own checks would stop the form first; the server's messages are the ones under test.
    page.locator("#escalation-form").evaluate("form => form.noValidate = true")
    page.get_by_role("button", name="Send to support").click()
    expect(page.locator("#escalation")).to_contain_text("Enter a valid email address.")
    expect(page.locator("#escalation")).to_contain_text("Use only letters, digits")
    expect(page.get_by_label("What happened")).to_have_value("Still blank.")
    assert Escalation.objects.count() == 0

    page.get_by_label("Email for the reply").fill("agent@example.com")
    page.get_by_label("request_id (optional)").fill("req-42")
    page.get_by_role("button", name="Send to support").click()
    heading = page.locator("#escalation-heading")
    expect(heading).to_contain_text("Sent to support: reference #")
    expect(heading).to_be_focused()
    assert page.evaluate("window.__cspViolations") == []
    escalation = Escalation.objects.get()
    assert escalation.request_id == "req-42"
    assert "Ruled out:" in escalation.summary


def test_copy_button_shows_copied(page: Page, guide_server, browser_name) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(RESOLUTION)
    button = page.locator("#wizard .copy-button")
    expect(button).to_have_accessible_name("Copy summary")
    button.click()
    expect(button).to_have_text("Copied")
    expect(page.locator(".copy-status")).to_have_text("Copied to the clipboard.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Guide: Mini guide\n")
    assert copied.endswith("/guides/mini/wrong-src/")


def test_number_keys_and_backspace_walk_the_guide(page: Page, guide_server) -> None:
    page.goto("/guides/mini/")
    expect(page.locator("#wizard .shortcut-hint")).to_be_visible()
    keys = 0
    for key, slug in [("1", "widget"), ("2", "check-wrong-src"), ("1", "wrong-src")]:
        page.keyboard.press(key)
        keys += 1
        expect(page.locator("#wizard")).to_have_attribute("data-node", slug)
        expect(page.locator("#wizard-heading")).to_be_focused()
    assert keys == 3
    page.keyboard.press("Backspace")
    expect(page.locator("#wizard")).to_have_attribute("data-node", "check-wrong-src")
    page.keyboard.press("Backspace")
    expect(page.locator("#wizard")).to_have_attribute("data-node", "widget")


def test_keys_typed_faster_than_the_steps_load_answer_each_step_in_turn(page: Page, guide_server) -> None:
    page.goto("/guides/mini/")
    expect(page.locator("#wizard .shortcut-hint")).to_be_visible()
    entries = page.evaluate("history.length")
    # No waiting between keys: each one must answer the step the previous one loaded, not the step on screen.
    for key in "121":
        page.keyboard.press(key)
    expect(page.locator("#wizard")).to_have_attribute("data-node", "wrong-src")
    expect(page.locator("#wizard-heading")).to_be_focused()
    assert page.evaluate("history.length") == entries + 3
    page.go_back()
    expect(page.locator("#wizard")).to_have_attribute("data-node", "check-wrong-src")


def test_shortcuts_are_ignored_while_typing(page: Page, guide_server) -> None:
    page.goto(RESOLUTION)
    comment = page.get_by_label("Comment (optional)")
    comment.click()
    page.keyboard.type("12")
    page.keyboard.press("Backspace")
    expect(comment).to_have_value("1")
    expect(page.locator("#wizard")).to_have_attribute("data-node", "wrong-src")


def test_forms_with_errors_and_results_stay_accessible(page: Page, guide_server) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(ESCALATION)
    page.locator("#escalation-form").evaluate("form => form.noValidate = true")
    page.get_by_role("button", name="Send to support").click()
    expect(page.locator("#escalation .is-invalid").first).to_be_focused()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    page.goto(RESOLUTION)
    page.get_by_role("button", name="Yes, it is solved").click()
    expect(page.locator("#feedback-heading")).to_be_focused()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
