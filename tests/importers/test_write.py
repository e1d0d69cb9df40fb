from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.importers.pages import page
from wizard.content import read_guide_text
from wizard.content.format import read_provenance
from wizard.content.parse import parse_text
from wizard.importers.recognise import recognise
from wizard.importers.recognised import Cause, Problem, Recognition, Span, Steps
from wizard.importers.write import write, yaml_lines

PAGE = """
# Uploads fail

## Possible causes

- The file is larger than 100 MB (`FILE_TOO_LARGE`).
- The token expired.

## Resolution

1. Retry with a new token.
"""


def written(text: str = PAGE, guide_id: str = "uploads"):
    return write(recognise(page(text)), guide_id=guide_id).text


def read(text: str):
    guide, errors = read_guide_text(text, "draft.md")
    assert errors == []
    return guide


def test_draft_is_marked_draft():
    assert read(written()).draft is True


def test_draft_names_its_source_page():
    assert read(written()).source_page == "page.md"


def test_draft_has_one_resolution_per_cause():
    guide = read(written())
    assert [node.title for node in guide.nodes.values() if node.kind == "resolution"] == [
        "The file is larger than 100 MB (`FILE_TOO_LARGE`).",
        "The token expired.",
    ]


def test_shared_resolution_is_written_once_for_every_cause():
    guide = read(written())
    assert {tuple(node.steps) for node in guide.nodes.values() if node.kind == "resolution"} == {
        ("Retry with a new token.",)
    }


def test_cause_code_goes_on_its_resolution():
    assert read(written()).nodes["file-is-larger-than-100-mb-file-too"].codes == {"FILE_TOO_LARGE": ""}


def test_every_section_cause_and_steps_block_has_provenance():
    document, _ = parse_text(written(), "draft.md")
    section = document.sections[0]
    values = [section.meta.values, *(cause.meta.values for cause in section.causes)]
    values += [block.meta.values for block in section.steps]
    assert all(read_provenance(value.get("source")) for value in values)


def test_cause_provenance_gives_its_lines():
    document, _ = parse_text(written(), "draft.md")
    provenance = read_provenance(document.sections[0].causes[1].meta.values["source"])
    assert (provenance.first, provenance.last) == (6, 7)


def test_single_cause_section_is_direct():
    guide = read(written("# Login fails\n\n## Cause\n\nThe cookie is stale.\n\n## Resolution\n\nClear it.\n"))
    assert [(choice.label, choice.target) for choice in guide.nodes["start"].choices] == [
        ("Login fails", "cookie-is-stale")
    ]


def test_per_cause_steps_are_headed_by_their_cause():
    text = (
        "# Sign in\n\n## Cause 1: Locked\n\nLocked.\n\n## Cause 2: Expired\n\nExpired.\n\n"
        "## Resolution for cause 1\n\nUnlock.\n\n## Resolution for cause 2\n\nReset.\n"
    )
    guide = read(written(text))
    assert [(node.id, node.steps) for node in guide.nodes.values() if node.kind == "resolution"] == [
        ("locked", ["Unlock."]),
        ("expired", ["Reset."]),
    ]


def test_heading_with_a_trailing_hash_keeps_it_as_the_answer():
    guide = read(written("# Build fails\n\n## Error in C#\n\n### Cause\n\nOld SDK.\n\n### Resolution\n\nUpdate.\n"))
    assert guide.nodes["start"].choices[0].label == "Error in C#"


# Escaping: page text cannot break the file -----------------------------------------------------------------------


def test_comment_markers_in_page_text_do_not_break_the_file():
    text = "# A --> B\n\n## Cause\n\nThe <!-- marker --> is left open <!-- here.\n\n## Resolution\n\nRun `x -->`.\n"
    guide = read(written(text))
    assert [node.kind for node in guide.nodes.values()] == ["question", "resolution"]


def test_heading_marks_at_line_start_stay_text():
    outline = page("# T fails\n\n## Cause\n\nx\n\n## Resolution\n\ny\n")
    outline.blocks[1].text = "## not a heading"
    outline.blocks[3].text = "### Common causes"
    guide = read(write(recognise(outline), guide_id="t").text)
    node = next(node for node in guide.nodes.values() if node.kind == "resolution")
    assert (node.cause, node.steps) == ("\\## not a heading", ["\\### Common causes"])


def problem_with(title: str, phrase: str, code: str) -> Recognition:
    span = Span(1, 2, "x")
    steps = Steps(label=title, span=span, steps=["Do it."])
    cause = Cause(text="It broke.", span=span, title=title, codes=[code], phrases=[phrase], steps=[steps])
    problem = Problem(title="Broken", span=span, causes=[cause], phrases=[phrase], codes=[code])
    return Recognition(source="p.md", title=title, problems=[problem])


# Text a page might hold in a title, a phrase or a code: anything printable on one line.
LINE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40).filter(
    lambda text: text.strip() == text and text.strip()
)
MARKERS = st.sampled_from(["-->", "<!--", "--!>", "---", "#", "- ", "1. ", ": ", "'", '"', "\\", "`", "&lt;"])
TRICKY = st.builds(lambda a, marker, b: f"{a}{marker}{b}", LINE, MARKERS, LINE)


@settings(max_examples=60, deadline=None)
@given(phrase=st.one_of(LINE, TRICKY), code=st.one_of(LINE, TRICKY))
def test_phrases_and_codes_round_trip_exactly(phrase, code):
    guide = read(write(problem_with("Title", phrase, code), guide_id="g").text)
    node = next(node for node in guide.nodes.values() if node.kind == "resolution")
    assert (node.phrases, list(node.codes)) == ([phrase, phrase], [code])


@settings(max_examples=60, deadline=None)
@given(title=st.one_of(LINE, TRICKY))
def test_cause_titles_round_trip_exactly(title):
    guide = read(write(problem_with(title, "a phrase", "CODE_X"), guide_id="g").text)
    assert next(node for node in guide.nodes.values() if node.kind == "resolution").title == title


@pytest.mark.parametrize("value", ["a --> b", "<!-- x", "--> <!-- -->", "plain"])
def test_yaml_lines_never_close_a_comment(value):
    lines = yaml_lines({"title": value})
    assert ("-->" not in "\n".join(lines), yaml.safe_load("\n".join(lines))) == (True, {"title": value})


def test_a_cause_that_is_only_a_code_block_still_loads():
    """A list item that opens with a fence loses its markup comment (found by the fuzz test in test_import_page)."""
    span, fence = Span(1, 3, "x"), "`" * 3
    steps = Steps("", span, steps=[f"{fence}\nOOM\n{fence}", "Do it."])
    cause = Cause(text=f"{fence}\nOutOfMemory\n{fence}", span=span, title=fence, steps=[steps])
    problem = Problem(title="Broken", span=span, symptom="It breaks.", causes=[cause])
    assert read(write(Recognition(source="p.md", title="T", problems=[problem]), guide_id="b").text).nodes


EXPLAINED = """
# Mirroring fails

## Host key verification failed

This error is returned when the target host public SSH key changes.

To resolve this:

1. Detect the host keys again.
"""


def test_a_cause_explained_as_the_errors_meaning_is_titled_by_the_cause_alone():
    guide = read(written(EXPLAINED, guide_id="mirroring"))
    titles = [node.title for node in guide.nodes.values() if node.kind == "resolution"]
    assert titles == ["The target host public SSH key changes."]
