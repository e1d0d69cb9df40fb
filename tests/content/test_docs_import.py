from __future__ import annotations

import re

import pytest

from tests.conftest import FIXTURES
from wizard.content import ContentErrors, read_guide_text
from wizard.content.docs_import import HTML, MARKDOWN, TEXT, Draft, detect_format, import_docs
from wizard.content.graph import QUESTION, RESOLUTION, START

DOCS = FIXTURES / "docs"
SEED = DOCS / "plaid-link-troubleshooting.txt"

SEED_SECTIONS = {
    "missing-institutions-or-connectivity-not-supported-error": 3,
    "institution-unhealthy": 1,
    "duplicate-items": 1,
    "missing-accounts": 2,
    "link-flow-is-failing": 2,
    "you-may-need-to-update-your-app-couldnt": 2,
    "interactive-brokers-customer-prompted-to-enter-a-query": 1,
    "oauth-not-working": 1,
    "oauth-institutions-not-appearing-in-link": 2,
    "oauth-flow-shows-unsupported-browser-warning": 1,
    "oauth-redirects-not-working": 3,
    "current-version-not-supported-or-public-key-not": 1,
}
SEED_TITLES = [
    'Missing institutions or "Connectivity not supported" error',
    "Institution unhealthy",
    "Duplicate Items",
    "Missing accounts",
    "Link flow is failing",
    '"You may need to update your app", "Couldn\'t connect to your institution", '
    'or "Something went wrong" error message',
    "Interactive Brokers customer prompted to enter a query id and token",
    "OAuth not working",
    "OAuth institutions not appearing in Link",
    "OAuth flow shows unsupported browser warning",
    "OAuth redirects not working",
    '"Current version not supported" or `PUBLIC_KEY_NOT_ENABLED`',
]


def convert(name: str, guide_id: str = "imported") -> Draft:
    path = DOCS / name
    return import_docs(path.read_text(encoding="utf-8"), name=name, guide_id=guide_id, output=f"{guide_id}.md")


def convert_text(text: str, name: str = "page.txt") -> Draft:
    return import_docs(text, name=name, guide_id="imported", output="imported.md")


def causes_of(draft: Draft, section_id: str) -> list[str]:
    return [node.id for node in draft.guide.nodes.values() if node.kind == RESOLUTION and node.section == section_id]


@pytest.fixture(scope="module")
def seed() -> Draft:
    return import_docs(SEED.read_text(encoding="utf-8"), name=SEED.name, guide_id="plaid-link-import", output="x.md")


# The seed: a docs page scraped as plain text, with its steps lost -----------------------------------


def test_seed_section_ids(seed):
    assert [choice.target for choice in seed.guide.nodes[START].choices] == list(SEED_SECTIONS)


def test_seed_section_titles(seed):
    assert [choice.label for choice in seed.guide.nodes[START].choices] == SEED_TITLES


def test_seed_cause_counts(seed):
    assert {section: len(causes_of(seed, section)) for section in SEED_SECTIONS} == SEED_SECTIONS


def test_seed_reloads_as_the_same_guide(seed):
    guide, errors = read_guide_text(seed.text, "x.md")
    assert errors == []
    assert list(guide.nodes) == list(seed.guide.nodes)


def test_seed_is_a_draft(seed):
    assert seed.guide.draft is True


def test_seed_title_and_intro(seed):
    assert seed.guide.title == "Link errors and troubleshooting"
    assert seed.guide.nodes[START].body.startswith("Any errors during Link will be returned via the Link flow")


def test_plain_text_paragraph_over_several_lines_is_one_paragraph():
    text = (
        "Broken thing\n\nSymptom\n\nIt breaks when the user\nopens the page.\n\n"
        "Common causes\n• A cause.\nTroubleshooting steps\n"
    )
    assert convert_text(text).guide.nodes["cause"].symptom == "It breaks when the user opens the page."


def test_footer_below_was_this_helpful_is_dropped():
    text = (
        "Broken thing\n\nSymptom\n\nIt breaks.\n\nCommon causes\n• A cause.\nTroubleshooting steps\n"
        "Was this helpful?\n\nCopyright 2025 Example, Inc. All rights reserved.\n"
    )
    assert "Copyright" not in convert_text(text).text


def test_seed_page_chrome_is_dropped(seed):
    for chrome in ("Ask Bill", "Get API Keys", "Open nav", "Was this helpful?", "Stack Overflow", "Discord"):
        assert chrome not in seed.text


def test_seed_symptoms(seed):
    resolution = seed.guide.nodes["user-added-the-same-item-more-than-once"]
    assert resolution.symptom == (
        "Your user has multiple Items that seem to represent the same underlying set of accounts."
    )


def test_seed_symptom_bullets_stay_a_list(seed):
    symptom = seed.guide.nodes["institution-does-not-support-one-of-the-products"].symptom
    assert symptom.startswith("- Your user cannot find their financial institution")
    assert "\n- Your user experiences a" in symptom


def test_seed_causes_are_asked_one_by_one(seed):
    section = seed.guide.nodes["missing-accounts"]
    assert section.kind == QUESTION
    assert section.title == (
        "Is this the cause? The user linked their account but did not grant your app permission to access "
        "the account, or created the account after linking the Item and did not grant your app permission "
        "to access newly created accounts."
    )
    assert [choice.label for choice in section.choices] == ["Yes", "No", "Not sure"]


def test_seed_long_cause_is_titled_by_its_first_sentence(seed):
    node = seed.guide.nodes["account-is-not-compatible-with-settings-specified-during"]
    assert node.title == "The account is not compatible with settings specified during the `/link/token/create` call."
    assert node.cause.endswith("will not appear on the Item.")


def test_seed_cause_from_a_paragraph(seed):
    assert causes_of(seed, "interactive-brokers-customer-prompted-to-enter-a-query") == [
        "this-is-part-of-the-standard-interactive-brokers"
    ]


def test_seed_platform_stays_in_the_cause(seed):
    titles = [seed.guide.nodes[cause].title for cause in causes_of(seed, "oauth-redirects-not-working")]
    assert [title.split(":")[0] for title in titles] == ["Android", "Android", "iOS"]


def test_seed_section_without_causes_gets_a_placeholder(seed):
    assert causes_of(seed, "oauth-not-working") == ["oauth-not-working-cause"]
    assert seed.guide.nodes["oauth-not-working"].symptom.startswith("First, verify these settings")


def test_seed_error_code_and_phrases(seed):
    assert seed.guide.nodes["current-version-not-supported-or-public-key-not"].codes == {"PUBLIC_KEY_NOT_ENABLED": ""}
    assert seed.guide.nodes["missing-institutions-or-connectivity-not-supported-error"].phrases == [
        "Connectivity not supported"
    ]


def test_seed_identifiers_become_code(seed):
    assert seed.guide.nodes["redirect-uri-or-android-package-name-was-not"].title == (
        "A `redirect_uri` or `android_package_name` was not specified in the call to `/link/token/create`."
    )


def test_seed_no_resolution_has_steps(seed):
    assert [node for node in seed.guide.nodes.values() if node.kind == RESOLUTION and node.steps] == []


def test_seed_sections_without_steps_are_marked(seed):
    assert seed.text.count("<!-- The docs page gives no troubleshooting steps here: write them. -->") == 11


def test_seed_todo_names_every_resolution(seed):
    missing = {item.node for item in seed.todo if item.message == "needs troubleshooting steps"}
    assert missing == {node.id for node in seed.guide.nodes.values() if node.kind == RESOLUTION}
    assert len(missing) == 20


def test_seed_todo_names_the_placeholder_section(seed):
    assert [(item.node, item.message) for item in seed.todo if item.node == "oauth-not-working"] == [
        ("oauth-not-working", "needs a symptom and its causes (the docs page has only an introduction)")
    ]


def test_seed_todo_lines_point_at_the_causes(seed):
    lines = seed.text.split("\n")
    steps = [item for item in seed.todo if item.message == "needs troubleshooting steps"]
    assert all(lines[item.line - 1].startswith("- ") for item in steps)


# HTML ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def html() -> Draft:
    return convert("link-troubleshooting.html")


def test_html_sections(html):
    assert [choice.target for choice in html.guide.nodes[START].choices] == [
        "missing-institutions-or-connectivity-not-supported-error",
        "oauth-redirects-not-working",
        "current-version-not-supported",
    ]


def test_html_title_intro_and_docs_url(html):
    assert html.guide.title == "Link troubleshooting"
    assert html.guide.docs_url == "https://docs.example.com/link/troubleshooting/"
    assert "[Update mode](https://docs.example.com/link/update-mode/)" in html.guide.nodes[START].body


def test_html_leaves_out_nav_scripts_and_footer(html):
    for chrome in ("Not a section", "Log in", "Web", "Was this helpful?", "GitHub"):
        assert chrome not in html.text


def test_html_code_elements_become_code(html):
    assert html.guide.nodes["banks-country-is-missing-from-country-codes"].title == (
        "The bank's country is missing from `country_codes`."
    )


def test_html_steps_without_labels_belong_to_every_cause(html):
    expected = [
        "Call `/institutions/get_by_id` and compare its products with yours.",
        "Move products you can live without to `optional_products`.",
    ]
    for cause in causes_of(html, "missing-institutions-or-connectivity-not-supported-error"):
        assert html.guide.nodes[cause].steps == expected


def test_html_platform_steps_go_to_that_platforms_causes(html):
    missing, wrong, ios = causes_of(html, "oauth-redirects-not-working")
    android_steps = ["Pass `android_package_name` to `/link/token/create`."]
    assert html.guide.nodes[missing].steps == android_steps
    assert html.guide.nodes[wrong].steps == android_steps
    assert html.guide.nodes[ios].steps == [
        "Host an `apple-app-site-association` file.",
        "Check the file with Apple's validator.",
    ]


def test_html_platform_label_stays_in_the_cause(html):
    titles = [html.guide.nodes[cause].title for cause in causes_of(html, "oauth-redirects-not-working")]
    assert [title.split(":")[0] for title in titles] == ["Android", "Android", "iOS"]


def test_html_without_main_leaves_out_nav_scripts_and_footer():
    page = (
        "<html><body><nav><h2>Docs home</h2><ul><li>Web</li></ul></nav><h1>Title</h1>"
        "<h2>Broken</h2><h3>Symptom</h3><p>It breaks.</p><script>var x = '<h2>Fake</h2>';</script>"
        "<h3>Common causes</h3><ul><li>A cause.</li></ul><h3>Troubleshooting steps</h3>"
        "<footer><p>Copyright Example</p></footer></body></html>"
    )
    draft = convert_text(page, "page.html")
    assert [choice.target for choice in draft.guide.nodes[START].choices] == ["broken"]
    assert "Copyright" not in draft.text


def test_html_empty_steps_are_listed(html):
    assert [(item.node, item.message) for item in html.todo] == [
        ("integration-launches-link-with-a-public-key", "needs troubleshooting steps")
    ]


# Markdown --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def markdown() -> Draft:
    return convert("link-troubleshooting.md")


def test_markdown_sections_and_causes(markdown):
    sections = [choice.target for choice in markdown.guide.nodes[START].choices]
    assert {section: len(causes_of(markdown, section)) for section in sections} == {
        "duplicate-items": 2,
        "link-does-not-open": 1,
        "interactive-brokers-asks-for-a-token": 1,
        "missing-accounts": 2,
    }


def test_markdown_wrapped_cause_is_one_line(markdown):
    assert markdown.guide.nodes["your-app-created-a-new-item-instead-of"].title == (
        "Your app created a new Item instead of updating the existing one."
    )


def test_markdown_steps(markdown):
    assert markdown.guide.nodes["user-linked-the-same-bank-twice"].steps == [
        "Call `/item/get` for each Item and compare the `institution_id`.",
        "Remove the extra Item with `/item/remove`.",
    ]


def test_markdown_labelled_steps_go_to_the_cause_in_order(markdown):
    node = markdown.guide.nodes["this-is-part-of-the-standard-interactive-brokers"]
    assert node.steps == ["Log in to Interactive Brokers.", "Create a Flex Web Service token."]


def test_markdown_labelled_steps_pair_with_the_causes_in_order(markdown):
    not_shared, wrong_type = causes_of(markdown, "missing-accounts")
    assert markdown.guide.nodes[not_shared].steps == ["Send the user through Link in update mode."]
    assert markdown.guide.nodes[wrong_type].steps == ["Move the product to `optional_products`."]


def test_markdown_nested_list_stays_in_its_cause(markdown):
    cause = causes_of(markdown, "link-does-not-open")
    assert [markdown.guide.nodes[node].cause for node in cause] == [
        "An ad blocker stops Link from loading, for example:\n- uBlock Origin\n- Privacy Badger"
    ]


def test_markdown_draft_flag(markdown):
    assert markdown.guide.draft is True


def test_markdown_asks_cause_by_cause(markdown):
    question = markdown.guide.nodes["link-does-not-open"]
    assert question.title == "Is this the cause? An ad blocker stops Link from loading, for example:"


# Malformed pages ---------------------------------------------------------------------------------------


def errors_of(name: str) -> str:
    with pytest.raises(ContentErrors) as caught:
        convert(name)
    return str(caught.value)


def test_symptom_without_causes_names_the_section():
    message = errors_of("symptom-without-causes.txt")
    assert "section \"Missing accounts\" (line 15) has a Symptom but no 'Common causes' part" in message


def test_causes_without_title_names_the_section_above():
    message = errors_of("causes-without-title.md")
    assert (
        "section \"Duplicate Items\" (line 3) has a second 'Common causes' part at line 21: "
        "is a section title missing above it?"
    ) in message


def test_seed_section_without_its_title_names_the_section_above():
    text = SEED.read_text(encoding="utf-8").replace("    Duplicate Items\n", "    \n", 1)
    with pytest.raises(ContentErrors) as caught:
        convert_text(text, SEED.name)
    assert (
        "section \"Institution unhealthy\" (line 74) has a second 'Symptom' part at line 86: "
        "is a section title missing above it?"
    ) in str(caught.value)


def test_html_title_falls_back_to_the_title_element():
    page = (
        "<html><head><title>Widget troubleshooting | Example Docs</title></head><body>"
        "<h2>Broken</h2><h3>Symptom</h3><p>It breaks.</p><h3>Common causes</h3><ul><li>A cause.</li></ul>"
        "</body></html>"
    )
    assert convert_text(page, "page.html").guide.title == "Widget troubleshooting"


def test_part_before_any_title():
    text = "Symptom\n\nIt breaks.\n\nCommon causes\n• A cause.\n"
    with pytest.raises(ContentErrors, match="'Symptom' at line 1 has no section title above it"):
        convert_text(text)


def test_causes_part_with_nothing_in_it():
    text = "## Broken\n\n### Symptom\n\nIt breaks.\n\n### Common causes\n\n### Troubleshooting steps\n"
    expected = "section \"Broken\" (line 1): 'Common causes' at line 7 lists no cause"
    with pytest.raises(ContentErrors, match=re.escape(expected)):
        convert_text(text, "page.md")


def test_page_without_sections():
    with pytest.raises(ContentErrors, match="no symptom sections found"):
        convert_text("Just some text.\n")


def test_bad_guide_id():
    with pytest.raises(ContentErrors, match="guide id 'Not An Id'"):
        import_docs(SEED.read_text(encoding="utf-8"), name=SEED.name, guide_id="Not An Id", output="x.md")


# Format detection --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("page.md", "", MARKDOWN),
        ("page.html", "", HTML),
        ("page.txt", "<h2>Looks like HTML</h2>", TEXT),
        ("page", "<!DOCTYPE html><html></html>", HTML),
        ("page", "# Title\n\n## Section\n", MARKDOWN),
        ("page", "Title\n\nSymptom\n", TEXT),
    ],
)
def test_detect_format(name, text, expected):
    assert detect_format(text, name) == expected
