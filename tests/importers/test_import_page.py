from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.importers.pages import page
from wizard.content import read_guide_text
from wizard.importers import import_page
from wizard.importers.outline import Admonition, Code, Heading, ListBlock, ListItem, Outline, Paragraph, Table

PAGE = """
# Uploads fail

## Possible causes

- The file is larger than 100 MB.
- The token expired.

## Resolution

Retry with a new token.
"""


def test_imported_page_status():
    assert import_page(page(PAGE), guide_id="uploads").status == "imported"


def test_draft_markdown_loads_as_the_guide_it_returns():
    draft = import_page(page(PAGE), guide_id="uploads")
    guide, errors = read_guide_text(draft.markdown, "uploads.md")
    assert (errors, list(guide.nodes)) == ([], list(draft.guide.nodes))


def test_counts():
    draft = import_page(page(PAGE), guide_id="uploads")
    assert (draft.symptoms, draft.causes, draft.steps) == (1, 2, 2)


def test_page_with_a_warning_is_imported_with_warnings():
    draft = import_page(page(PAGE.replace("## Resolution", "## Resolution for cause 3")), guide_id="uploads")
    assert draft.status == "warnings"


def test_nothing_importable():
    draft = import_page(page("# Install\n\nDownload it.\n"), guide_id="install")
    assert (draft.status, draft.markdown, draft.guide) == ("nothing", "", None)


def test_warnings_name_the_source_page():
    draft = import_page(page("# Install\n\nDownload it.\n", source="docs/install.md"), guide_id="install")
    assert str(draft.warnings[0]).startswith("docs/install.md:1: no symptom with a cause or a fix")


def test_bad_guide_id_is_a_warning_not_an_exception():
    draft = import_page(page(PAGE), guide_id="Not An Id")
    assert (draft.status, draft.warnings[-1].message) == (
        "nothing",
        "guide id 'Not An Id' must be lowercase letters, digits and dashes",
    )


def test_todo_lists_causes_without_steps():
    draft = import_page(page("# X fails\n\n## Causes\n\n- A is off.\n- B is off.\n"), guide_id="x")
    assert [(item.node, item.message) for item in draft.todo] == [
        ("is-off", "needs troubleshooting steps"),
        ("b-is-off", "needs troubleshooting steps"),
    ]


def test_todo_lines_point_into_the_draft():
    draft = import_page(page("# X fails\n\n## Causes\n\n- A is off.\n- B is off.\n"), guide_id="x")
    lines = draft.markdown.split("\n")
    assert [lines[item.line - 1] for item in draft.todo] == ["- A is off.", "- B is off."]


def test_todo_asks_for_the_cause_a_page_does_not_state():
    draft = import_page(page("# Login fails\n\n## Resolution\n\nClear the cookies.\n"), guide_id="login")
    assert [item.message for item in draft.todo] == ["the page gives a fix but no cause: say what causes it"]


# Any outline gives a draft or a clear "nothing importable", never an exception --------------------------------

WORDS = st.sampled_from(
    [
        "Symptoms",
        "Cause",
        "Causes",
        "Cause 1: disk full",
        "Resolution",
        "Resolution for cause 1",
        "Resolution 2",
        "Workaround",
        "Possible causes",
        "More information",
        "Troubleshooting",
        "Error: `fatal: x`",
        "Issue: it fails",
        "What's happening",
        "This issue occurs when the disk is full.",
        "To resolve this issue, restart.",
        "You might get an error that states",
        "0x80070005",
        "ERR_QUOTA_EXCEEDED",
        "-->",
        "<!--",
        "# x",
        "- y",
        "1. z",
        "**Cause:** the token expired.",
        "**Solution:**",
        "",
        " ",
        "---",
        "`code span`",
        "Note",
    ]
)
TEXT = st.one_of(WORDS, st.text(max_size=30), st.builds(" ".join, st.lists(WORDS, max_size=4)))
ROLES = st.sampled_from([None, None, None, "symptom", "cause", "resolution", "context"])


@st.composite
def outlines(draw) -> Outline:
    kinds = draw(st.lists(st.sampled_from(["h", "p", "ol", "ul", "table", "code", "note"]), max_size=25))
    blocks = []
    for line, kind in enumerate(kinds, 2):
        role = draw(ROLES)
        if kind == "h":
            blocks.append(Heading(line, draw(st.integers(1, 6)), draw(TEXT), role=role))
        elif kind == "p":
            blocks.append(Paragraph(line, draw(TEXT), role=role))
        elif kind in {"ol", "ul"}:
            items = [ListItem(line, text) for text in draw(st.lists(TEXT, max_size=4))]
            if items and draw(st.booleans()):
                items[0].blocks.append(ListBlock(line, False, [ListItem(line, draw(TEXT))]))
            blocks.append(ListBlock(line, kind == "ol", items, role=role))
        elif kind == "table":
            header = draw(st.lists(st.one_of(WORDS, st.sampled_from(["Issue", "Solution", "Error code"])), max_size=3))
            rows = draw(st.lists(st.lists(TEXT, max_size=4), max_size=3))
            blocks.append(Table(line, header, rows, role=role))
        elif kind == "code":
            blocks.append(Code(line, draw(TEXT), draw(st.sampled_from(["", "sh", "a b"]))))
        else:
            blocks.append(Admonition(line, "note", draw(TEXT), [Paragraph(line, draw(TEXT))]))
    return Outline(source="fuzz.md", format="markdown", title=draw(TEXT), blocks=blocks)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outlines())
def test_any_outline_gives_a_draft_that_loads_or_nothing(outline):
    draft = import_page(outline, guide_id="fuzz")
    event(draft.status)
    assert not [warning for warning in draft.warnings if "importer bug" in warning.message]
