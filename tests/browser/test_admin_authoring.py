"""Authoring in a real browser: a staff user changes a step, previews, publishes, sees it live, rolls it back
and sees both changes, and what readers said, in the insights."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

OLD = "Fix the src attribute."
NEW = "Point the script at the versioned URL."


@pytest.fixture
def editor(guide_server, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    return guide_server


def log_in(page: Page) -> None:
    page.goto("/admin/login/?next=/admin/wizard/guide/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Mini guide", exact=True)).to_be_visible()


def open_guide(page: Page) -> None:
    page.goto("/admin/wizard/guide/")
    page.get_by_role("link", name="Mini guide", exact=True).click()


def step_text(page: Page, path: str) -> str:
    page.goto(path)
    return page.locator("#wizard").inner_text()


def test_change_preview_publish_and_roll_back_a_step(page: Page, editor) -> None:
    log_in(page)
    open_guide(page)
    page.get_by_role("button", name="Start a draft").click()
    page.locator("#authoring-draft-nodes").get_by_role("link", name="wrong-src", exact=True).click()

    page.locator("textarea[name='steps-0-text']").fill(NEW)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Saved to the draft")

    # The preview is the draft; the live page has not changed yet.
    page.get_by_role("link", name="Preview the change").click()
    expect(page.locator("#wizard")).to_contain_text(NEW)
    assert OLD in step_text(page, "/guides/mini/wrong-src/")

    open_guide(page)
    page.get_by_role("link", name="Publish the draft…").click()
    expect(page.locator("pre.authoring-diff ins")).to_contain_text(NEW)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published revision #2")
    page.get_by_role("link", name="See it live").click()
    page.goto("/guides/mini/wrong-src/")
    expect(page.locator("#wizard")).to_contain_text(NEW)
    # A reader on the new text says it solved the problem.
    page.get_by_role("button", name="Yes, it is solved").click()
    expect(page.locator("#feedback-heading")).to_have_text("Thanks: marked as solved")

    open_guide(page)
    page.get_by_role("link", name="Roll back to #1…").click()
    page.get_by_role("button", name="Roll back to #1").click()
    expect(page.locator(".messagelist")).to_contain_text("Rolled back to #1")
    page.goto("/guides/mini/wrong-src/")
    expect(page.locator("#wizard")).to_contain_text(OLD)
    expect(page.locator("#wizard")).not_to_contain_text(NEW)

    # Insights show the changes, and the reader's answer on the resolution that changed.
    page.goto("/insights/?guide=mini")
    changes = page.locator("section[aria-labelledby='changes-heading'] tbody tr")
    expect(changes).to_have_count(3)  # the import that made the guide, the publish and the roll back
    expect(changes.nth(0)).to_contain_text("imported from content/")
    expect(changes.nth(1)).to_contain_text("mini #2")
    expect(changes.nth(1)).to_contain_text("editor")
    expect(changes.nth(2)).to_contain_text("rollback to #1")
    expect(page.locator("svg:has(#trend-title) line.content-change")).to_have_count(1)  # both on today
    answers = page.locator("section[aria-labelledby='feedback-heading'] tbody tr").filter(has_text="wrong")
    expect(answers.locator("td")).to_have_text(["1", "0", "100.0%"])
    # Each change links to its diff.
    changes.nth(1).get_by_role("link", name="mini #2").click()
    expect(page.locator("pre.authoring-diff ins")).to_contain_text(NEW)


def test_a_refused_edit_shows_the_reason(page: Page, editor) -> None:
    log_in(page)
    open_guide(page)
    page.get_by_role("link", name="or edit the guide's Markdown").click()
    box = page.get_by_label("Markdown")
    box.fill(box.input_value().replace("id: platform\n", "id: platform\nlisted: false\n", 1))
    page.get_by_role("button", name="Save to the draft").click()
    expect(page.get_by_role("alert")).to_contain_text("does not validate")
    expect(page.locator(".errorlist")).to_contain_text("no walk from the first question reaches this node")
