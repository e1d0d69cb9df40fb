"""Import docs in a real browser: a support lead uploads a real docs page, checks what was understood, saves it as
a draft guide, walks the draft's preview to a resolution, publishes it, and readers get the guide."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.conftest import FIXTURES

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

PAGE = (
    FIXTURES
    / "import_corpus"
    / "microsoft"
    / "training-failed-and-the-model-cannot-be-used-error-in-form-processing.md"
)
GUIDE = "training-failed-and-the-model-cant-be-used"
SYMPTOM = "Training failed and the model can't be used in a document processing model"


@pytest.fixture
def lead(transactional_db, live_server, django_user_model):
    django_user_model.objects.create_superuser("lead", "lead@example.com", "a-long-test-password")
    return live_server


@pytest.fixture
def reader(browser: Browser):
    """A second browser, not logged in: what readers get. Closed after the test, so none of its keep-alive
    connections outlives the test's database."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def log_in(page: Page) -> None:
    page.goto("/admin/login/?next=/admin/wizard/guide/")
    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Import docs")).to_be_visible()


def answer(page: Page, label: str) -> None:
    page.locator("#wizard .answers").get_by_role("link", name=label, exact=True).click()


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_upload_preview_save_walk_and_publish(page: Page, reader: Page, lead) -> None:
    log_in(page)
    page.get_by_role("link", name="Import docs").click()
    assert_accessible(page)

    page.get_by_label("A file").set_input_files(PAGE)
    page.get_by_role("button", name="Read and preview").click()
    expect(page.locator("#import-symptoms > li")).to_have_count(1)
    expect(page.locator("#import-symptoms")).to_contain_text(SYMPTOM)
    expect(page.locator("#import-symptoms")).to_contain_text("This is a temporary error. (1 step)")
    expect(page.locator("#import-markdown")).to_contain_text(f"id: {GUIDE}")
    expect(page.get_by_label("Guide id")).to_have_value(GUIDE)
    assert_accessible(page)

    page.get_by_role("button", name="Save as a draft guide").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Imported {PAGE.name} as a new draft guide.")
    assert reader.goto(f"{lead.url}/guides/{GUIDE}/").status == 404

    # The draft's preview walks like any guide.
    page.locator(".messagelist").get_by_role("link", name="Preview the draft").click()
    expect(page.locator("#wizard")).to_have_attribute("data-guide", f"{GUIDE}--draft")
    answer(page, SYMPTOM)
    answer(page, "Yes")
    expect(page.locator("#wizard")).to_have_attribute("data-kind", "resolution")
    expect(page.locator("#wizard")).to_contain_text("Retry by retraining your model again")

    page.goto("/admin/wizard/guide/")
    page.get_by_role("link", name=SYMPTOM, exact=True).click()
    page.get_by_role("link", name="Publish the draft…").click()
    expect(page.locator("pre.authoring-diff del")).to_have_text(["-draft: true"])
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published revision #2")

    assert reader.goto(f"{lead.url}/guides/{GUIDE}/").status == 200
    answer(reader, SYMPTOM)
    answer(reader, "No")
    answer(reader, "Yes")
    expect(reader.locator("#wizard")).to_contain_text("document processing model requirements")

    # The docs change: reading the page again shows what changed, and which published node is now stale.
    page.goto("/admin/wizard/guide/import/")
    changed = PAGE.read_text().replace("Retry by retraining your model again", "Train your model again")
    page.get_by_label("A file").set_input_files(
        files=[{"name": PAGE.name, "mimeType": "text/markdown", "buffer": changed.encode()}]
    )
    page.get_by_role("button", name="Read and preview").click()
    expect(page.locator("#import-changes tbody tr")).to_have_count(1)
    expect(page.locator("#import-changes tbody tr")).to_contain_text("published, now stale")
    assert_accessible(page)


def test_a_page_with_nothing_importable_keeps_the_text_and_says_why(page: Page, lead) -> None:
    log_in(page)
    page.goto("/admin/wizard/guide/import/")
    page.get_by_label("Or paste the page").fill("Our product has many features.\n\nSee the release notes.\n")
    page.get_by_role("button", name="Read and preview").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing importable on pasted text")
    expect(page.get_by_role("alert")).to_contain_text("pasted text:1:")
    expect(page.get_by_label("Or paste the page")).to_have_value(
        "Our product has many features.\n\nSee the release notes.\n"
    )
    assert_accessible(page)
