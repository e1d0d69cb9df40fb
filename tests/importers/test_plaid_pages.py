"""Plaid-shaped pages (Symptom / Common causes / Troubleshooting steps) through the real readers.

Moved from the first importer's tests: the same fixture pages, now read by wizard/importers.
"""

from __future__ import annotations

from functools import cache

from tests.conftest import FIXTURES
from wizard.content.graph import RESOLUTION, START
from wizard.importers import Draft, import_page
from wizard.importers.read import read_path

DOCS = FIXTURES / "docs"


@cache
def draft(name: str) -> Draft:
    return import_page(read_path(DOCS / name), guide_id="imported")


def causes_of(result: Draft, section: str) -> list[str]:
    return [node.id for node in result.guide.nodes.values() if node.kind == RESOLUTION and node.section == section]


def steps_of(result: Draft, title_start: str) -> list[str]:
    node = next(node for node in result.guide.nodes.values() if node.title.startswith(title_start))
    return node.steps


def test_seed_scraped_text_sections():
    titles = [problem.title for problem in draft("plaid-link-troubleshooting.txt").recognition.problems]
    assert titles[:3] == [
        'Missing institutions or "Connectivity not supported" error',
        "Institution unhealthy",
        "Duplicate Items",
    ]


def test_seed_section_of_checks_only_asks_the_author_for_its_cause():
    result = draft("plaid-link-troubleshooting.txt")
    problem = next(problem for problem in result.recognition.problems if problem.title == "OAuth not working")
    assert [cause.stated for cause in problem.causes] == [False]


def test_seed_error_code_goes_on_its_section():
    assert "PUBLIC_KEY_NOT_ENABLED" in draft("plaid-link-troubleshooting.txt").codes


def test_seed_quoted_message_is_a_phrase():
    problem = draft("plaid-link-troubleshooting.txt").recognition.problems[0]
    assert (problem.title, problem.phrases) == (
        'Missing institutions or "Connectivity not supported" error',
        ["Connectivity not supported"],
    )


def test_seed_single_cause_section_is_direct():
    result = draft("plaid-link-troubleshooting.txt")
    answer = next(choice for choice in result.guide.nodes[START].choices if choice.label == "Institution unhealthy")
    assert result.guide.nodes[answer.target].kind == RESOLUTION


def test_html_steps_without_labels_belong_to_every_cause():
    result = draft("link-troubleshooting.html")
    section = next(choice.target for choice in result.guide.nodes[START].choices if choice.label.startswith("Missing"))
    assert {tuple(result.guide.nodes[cause].steps) for cause in causes_of(result, section)} == {
        (
            "Call `/institutions/get_by_id` and compare its products with yours.",
            "Move products you can live without to `optional_products`.",
        )
    }


def test_html_leaves_out_nav_scripts_and_footer():
    text = draft("link-troubleshooting.html").markdown
    assert [chrome for chrome in ("Log in", "Was this helpful?") if chrome in text] == []


def test_markdown_labelled_steps_pair_with_the_causes_in_order():
    assert steps_of(draft("link-troubleshooting.md"), "The user linked the same bank twice") == [
        "Call `/item/get` for each Item and compare the `institution_id`.",
        "Remove the extra Item with `/item/remove`.",
    ]
