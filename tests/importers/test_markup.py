from __future__ import annotations

import pytest

from wizard.importers.markup import digest, escape, first_sentence, plain, render, unescaped
from wizard.importers.outline import Admonition, Code, ListBlock, ListItem, Paragraph, Table


def test_escape_defuses_comment_markers():
    assert escape("a <!-- b --> c") == "a &lt;!-- b --&gt; c"


@pytest.mark.parametrize(
    ("text", "safe"),
    [("# not a heading", "\\# not a heading"), ("1. not a step", "1\\. not a step"), ("- no", "\\- no")],
)
def test_paragraph_cannot_start_structure(text, safe):
    assert render([Paragraph(1, text)]) == safe


def test_list_items_keep_nested_lists_indented():
    listing = ListBlock(1, False, [ListItem(1, "a", [ListBlock(2, True, [ListItem(2, "b")])])])
    assert render([listing]) == "- a\n\n  1. b"


def test_code_fence_is_longer_than_any_fence_inside():
    assert render([Code(1, "```\nx\n```", "md")]).split("\n")[0] == "````md"


def test_table_cells_escape_pipes():
    assert render([Table(1, ["a"], [["x | y"]])]).split("\n")[-1] == "| x \\| y |"


def test_first_sentence_does_not_stop_at_eg():
    assert first_sentence("Use a suffix, e.g. /sites/PWA, in the URL. Then save.") == (
        "Use a suffix, e.g. /sites/PWA, in the URL."
    )


def test_digest_ignores_spacing():
    assert digest("a  b\nc") == digest("a b c")


LONG = (
    "If the consumer warns that `OCR for XX failed, but we are going to stick with what we have got since "
    "FORGIVING_OCR is enabled`, install the language files."
)


def test_first_sentence_is_not_cut_inside_code():
    assert first_sentence(LONG, 80) == "If the consumer warns that\u2026"


def test_first_sentence_is_not_cut_inside_a_link():
    text = (
        "Docker Desktop needs a CPU that supports virtualization and the "
        "[Apple Hypervisor framework](https://example.com/hv) too."
    )
    assert first_sentence(text, 90) == "Docker Desktop needs a CPU that supports virtualization and the\u2026"


def test_first_sentence_is_not_cut_inside_emphasis():
    assert first_sentence("Open the **Windows Update troubleshooter settings page** and run it again now.", 40) == (
        "Open the\u2026"
    )


def test_first_sentence_cuts_markup_longer_than_the_limit_as_words():
    assert first_sentence("`" + "word " * 20 + "`", 22) == "word word word word\u2026"


def test_plain_keeps_backslash_escapes_as_text():
    assert plain("Check for PIP\\_\\* variables and *this*") == "Check for PIP\\_\\* variables and this"


def test_unescaped_reads_escapes_as_the_characters():
    assert unescaped("Check for PIP\\_\\* environment variables") == "Check for PIP_* environment variables"


def test_a_numbered_heading_keeps_its_words():
    assert first_sentence("1. Refactor logic:") == "1. Refactor logic"


def test_a_numbered_heading_is_cut_at_its_first_sentence_end():
    assert first_sentence("7. Checking the repository again. Then more.") == "7. Checking the repository again."


def test_a_quotation_is_quoted_without_a_label():
    quoted = Admonition(1, "quote", blocks=[Paragraph(1, "The namespace cannot be queried.")])
    assert render([quoted]) == "> The namespace cannot be queried."


def test_a_note_keeps_its_label():
    note = Admonition(1, "note", blocks=[Paragraph(1, "Restart the service.")])
    assert render([note]) == "> **Note:** Restart the service."
