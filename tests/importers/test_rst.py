from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.content.errors import ContentErrors
from wizard.importers import import_page
from wizard.importers.outline import Admonition, Block, Code, Heading, ListBlock, Outline, Paragraph, Table
from wizard.importers.rst import read_rst

PAGE = """\
.. _top:

===============
Troubleshooting
===============

Uploads fail
============

Symptom
-------

The upload stops with ``ERR_UPLOAD_TOO_LARGE``.

Cause
-----

The file is larger than the limit.

Sub-cause
~~~~~~~~~

Text.
"""


def read(text: str, url: str = "") -> Outline:
    return read_rst(text, "page.rst", url=url)


def first[T: Block](outline: Outline, kind: type[T]) -> T:
    return next(block for block in outline.blocks if isinstance(block, kind))


def headings(outline: Outline) -> list[tuple[int, str]]:
    return [(block.level, block.text) for block in outline.blocks if isinstance(block, Heading)]


def texts(outline: Outline) -> str:
    return repr(outline)


# Sections: levels and lines


def test_title_from_the_overlined_section():
    assert read(PAGE).title == "Troubleshooting"


def test_title_line_is_the_line_of_its_text():
    assert read(PAGE).title_line == 4


def test_levels_follow_the_order_adornments_appear():
    assert headings(read(PAGE)) == [(2, "Uploads fail"), (3, "Symptom"), (3, "Cause"), (4, "Sub-cause")]


def test_the_first_adornment_style_is_level_one_whatever_its_character():
    page = "Title\n-----\n\nPart\n=====\n\nText.\n"
    assert headings(read(page)) == [(2, "Part")]


def test_heading_line_is_the_line_of_its_text():
    heading = first(read(PAGE), Heading)
    assert PAGE.splitlines()[heading.line - 1] == "Uploads fail"


def test_heading_anchor_is_the_section_id():
    assert first(read(PAGE), Heading).anchor == "uploads-fail"


def test_page_of_sections_without_one_title_keeps_them_all():
    assert headings(read("One\n===\n\nA.\n\nTwo\n===\n\nB.\n")) == [(1, "Two")]


def test_paragraph_line():
    paragraph = first(read(PAGE), Paragraph)
    assert PAGE.splitlines()[paragraph.line - 1].startswith("The upload stops")


def test_inline_literal_becomes_a_code_span():
    assert first(read(PAGE), Paragraph).text == "The upload stops with `ERR_UPLOAD_TOO_LARGE`."


def test_description_from_the_meta_directive():
    assert read(".. meta::\n   :description: Fixes for upload errors.\n\nText.\n").description == (
        "Fixes for upload errors."
    )


def test_a_leading_field_list_stays_text_not_page_metadata():
    assert first(read(":Cause: The disk is full.\n"), Paragraph).text == "**Cause:** The disk is full."


# Block kinds


def test_bullet_list():
    listing = first(read("* one\n* two\n"), ListBlock)
    assert (listing.ordered, [item.text for item in listing.items]) == (False, ["one", "two"])


def test_enumerated_list_is_ordered():
    assert first(read("#. one\n#. two\n"), ListBlock).ordered


def test_list_item_lines():
    assert [item.line for item in first(read("Intro.\n\n1. one\n2. two\n"), ListBlock).items] == [3, 4]


def test_list_item_keeps_its_further_blocks():
    listing = first(read("* one\n\n  more about one\n\n  ::\n\n     code\n"), ListBlock)
    assert [type(block).__name__ for block in listing.items[0].blocks] == ["Paragraph", "Code"]


def test_indented_list_is_read_as_a_list_not_a_quote():
    assert isinstance(read("Intro:\n\n  1. one\n  2. two\n").blocks[1], ListBlock)


def test_indented_text_under_a_sentence_announcing_an_error_is_the_message():
    outline = read("You may see an error like this:\n\n   NoValidHost: No valid host was found.\n")
    assert first(outline, Code).text == "NoValidHost: No valid host was found."


def test_indented_text_under_other_sentences_is_the_page_text():
    assert not any(isinstance(block, Code) for block in read("Words:\n\n   More words here.\n").blocks)


def test_quote_with_attribution_is_a_quote():
    assert first(read("Intro.\n\n   Words.\n\n   -- Someone\n"), Admonition).kind == "quote"


def test_definition_list_terms_are_bold_items():
    listing = first(read("Error 42\n   The disk is full.\n"), ListBlock)
    assert listing.items[0].text == "**Error 42**"


def test_definition_list_item_holds_the_definition():
    listing = first(read("Error 42\n   The disk is full.\n"), ListBlock)
    assert listing.items[0].blocks == [Paragraph(line=2, text="The disk is full.")]


def test_field_list_is_read_as_bold_labels():
    outline = read("Intro.\n\n:Cause: The disk is full.\n:Solution: Free some space.\n")
    assert [block.text for block in outline.blocks[1:] if isinstance(block, Paragraph)] == [
        "**Cause:** The disk is full.",
        "**Solution:** Free some space.",
    ]


def test_field_line():
    assert read("Intro.\n\n:Cause: The disk is full.\n").blocks[1].line == 3


def test_simple_table():
    table = first(read("=====  =====\nCode   Means\n=====  =====\nE1     Full\n=====  =====\n"), Table)
    assert (table.header, table.rows) == (["Code", "Means"], [["E1", "Full"]])


def test_list_table():
    page = ".. list-table::\n   :header-rows: 1\n\n   * - Code\n     - Means\n   * - E1\n     - Full\n"
    assert first(read(page), Table).rows == [["E1", "Full"]]


def test_table_without_a_header_is_noted():
    outline = read("==  ==\nE1  Full\n==  ==\n")
    assert outline.notes[0].message == "table without a header row: its first row is read as a row"


def test_literal_block_after_double_colon():
    assert first(read("Run this::\n\n   make clean\n"), Code).text == "make clean"


def test_code_block_language():
    assert first(read(".. code-block:: bash\n\n   pip install x\n"), Code).language == "bash"


def test_sphinx_code_block_options_do_not_lose_the_code():
    page = ".. code-block:: python\n   :caption: fix.py\n   :emphasize-lines: 1\n\n   print(1)\n"
    assert first(read(page), Code) == Code(line=5, text="print(1)", language="python")


def test_doctest_block():
    assert first(read(">>> 1 + 1\n2\n"), Code).language == "pycon"


@pytest.mark.parametrize(
    ("directive", "kind"), [("note", "note"), ("warning", "warning"), ("tip", "tip"), ("danger", "caution")]
)
def test_admonition_kinds(directive, kind):
    assert first(read(f".. {directive}::\n\n   Careful.\n"), Admonition).kind == kind


def test_admonition_body():
    assert first(read(".. note:: Careful.\n"), Admonition).blocks == [Paragraph(line=1, text="Careful.")]


def test_generic_admonition_keeps_its_title():
    assert first(read(".. admonition:: Before you start\n\n   Back up.\n"), Admonition).title == "Before you start"


def test_versionadded_is_a_titled_note():
    note = first(read(".. versionadded:: 2.0\n   Retries.\n"), Admonition)
    assert (note.title, note.blocks[0].text) == ("New in version 2.0", "Retries.")  # type: ignore[union-attr]


def test_deprecated_is_important():
    assert first(read(".. deprecated:: 3.1\n"), Admonition).kind == "important"


def test_seealso_is_a_note():
    assert first(read(".. seealso:: The FAQ.\n"), Admonition).title == "See also"


def test_table_of_contents_dropped():
    assert read(".. contents::\n\nA\n=\n\nB\n=\n\nText.\n").blocks[0] == Heading(line=6, level=1, text="B", anchor="b")


def test_rubric_is_a_bold_paragraph():
    assert first(read(".. rubric:: Footnotes\n"), Paragraph).text == "**Footnotes**"


# Inline markup and links


def test_strong_and_emphasis():
    assert first(read("**bold** and *em*\n"), Paragraph).text == "**bold** and *em*"


def test_backslash_escapes_are_read():
    assert first(read("C:\\\\Windows and \\*not em\\*\n"), Paragraph).text == "C:\\\\Windows and \\*not em\\*"


def test_embedded_link():
    assert first(read("See `the docs <https://example.com/docs>`_.\n"), Paragraph).text == (
        "See [the docs](https://example.com/docs)."
    )


def test_named_link_target():
    page = "See `the docs`_.\n\n.. _the docs: https://example.com/docs\n"
    assert first(read(page), Paragraph).text == "See [the docs](https://example.com/docs)."


def test_relative_link_made_absolute_against_the_page_url():
    outline = read("See `setup <setup.html>`_.\n", url="https://docs.example.com/en/latest/errors.html")
    assert first(outline, Paragraph).text == "See [setup](https://docs.example.com/en/latest/setup.html)."


def test_bare_url_is_a_link():
    assert first(read("See https://example.com/x now.\n"), Paragraph).text == (
        "See [https://example.com/x](https://example.com/x) now."
    )


def test_javascript_link_keeps_only_its_text():
    assert first(read("`click <javascript:alert(1)>`_\n"), Paragraph).text == "click"


# Sphinx: never fatal


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (":ref:`Activating environments <activate-env>`", "Activating environments"),
        (":ref:`activate-env`", "activate-env"),
        (":doc:`install`", "install"),
        (":py:func:`os.getcwd`", "`os.getcwd`"),
        (":func:`~os.path.join`", "`join`"),
        (":envvar:`PYTHONPATH`", "`PYTHONPATH`"),
        (":oslo.config:option:`scheduler.max_attempts`", "`scheduler.max_attempts`"),
        (":guilabel:`Save`", "**Save**"),
        (":term:`wheel`", "wheel"),
    ],
)
def test_sphinx_roles_read_as_their_text(text, shown):
    assert first(read(f"Use {text} here.\n"), Paragraph).text == f"Use {shown} here."


def test_docutils_roles_still_work():
    assert first(read("Press :literal:`q`.\n"), Paragraph).text == "Press `q`."


@pytest.mark.parametrize(
    "directive",
    [
        ".. toctree::\n   :maxdepth: 2\n\n   install\n   faq\n",
        ".. index:: single: errors\n",
        ".. highlight:: python\n",
        ".. autoclass:: conda.Foo\n   :members:\n",
        ".. currentmodule:: conda\n",
    ],
)
def test_sphinx_machinery_dropped_silently(directive):
    outline = read(f"Before.\n\n{directive}\nAfter.\n")
    assert ([block.text for block in outline.blocks if isinstance(block, Paragraph)], outline.notes) == (
        ["Before.", "After."],
        [],
    )


def test_unknown_directive_content_read_as_blocks():
    outline = read(".. tab:: Linux\n\n   Run ``make``.\n")
    assert outline.blocks == [Paragraph(line=3, text="Run `make`.")]


def test_unknown_directive_noted_with_its_line():
    assert read("Intro.\n\n.. spam:: eggs\n\n   Body.\n").notes[0].line == 3


def test_unknown_directive_inside_a_list_keeps_the_list():
    listing = first(read("* one\n\n  .. spam::\n\n     Body.\n\n* two\n"), ListBlock)
    assert [item.text for item in listing.items] == ["one", "two"]


def test_substitution_left_undefined_is_text():
    assert first(read("Version |release| fails.\n"), Paragraph).text == "Version |release| fails."


def test_broken_markup_is_not_fatal():
    outline = read("Title\n=====\n\n*unclosed emphasis and ``code\n\n   bad indent\n  worse\n\nShort\n==\n")
    assert outline.title == "Title"


def test_docutils_prints_nothing(capsys):
    read(".. spam::\n\n:unknown:`x` *broken\n\nTitle\n=\n")
    assert capsys.readouterr() == ("", "")


# Untrusted input: no files, no raw markup


def test_include_never_reads_the_file(tmp_path):
    secret = tmp_path / "secret.rst"
    secret.write_text("TOP-SECRET-TOKEN\n")
    assert "TOP-SECRET-TOKEN" not in texts(read(f"Intro.\n\n.. include:: {secret}\n"))


def test_include_is_noted():
    note = read("Intro.\n\n.. include:: /etc/hostname\n").notes[0]
    assert (note.line, note.message) == (3, "`.. include::` skipped: other files are never read")


def test_literalinclude_never_reads_the_file(tmp_path):
    secret = tmp_path / "secret.py"
    secret.write_text("TOP_SECRET = 1\n")
    assert "TOP_SECRET" not in texts(read(f".. literalinclude:: {secret}\n"))


def test_csv_table_from_a_file_never_reads_it(tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a,TOP-SECRET\n")
    assert "TOP-SECRET" not in texts(read(f".. csv-table:: T\n   :file: {secret}\n"))


def test_csv_table_from_a_url_never_fetches_it(local_server):
    url = local_server.serve("/table.csv", "a,b\n", content_type="text/csv")
    read(f".. csv-table:: T\n   :url: {url}\n")
    assert local_server.requests == []


def test_image_url_never_fetched(local_server):
    url = local_server.serve("/x.png", "x", content_type="image/png")
    read(f".. image:: {url}\n   :scale: 50\n\n.. figure:: {url}\n\n   Caption.\n")
    assert local_server.requests == []


def test_raw_html_refused():
    assert "<script" not in texts(read(".. raw:: html\n\n   <script>alert(1)</script>\n"))


def test_raw_derived_role_refused():
    page = ".. role:: html(raw)\n   :format: html\n\nSay :html:`<script>alert(1)</script>`.\n"
    assert "<script>alert" not in texts(read(page))


def test_sphinx_raw_role_refused():
    assert "<b>" not in texts(read("Say :raw-html:`<b>hi</b>`.\n"))


# Whole pages


def test_page_imports_as_a_guide():
    draft = import_page(read(PAGE), guide_id="uploads")
    assert [problem.title for problem in draft.recognition.problems] == ["Uploads fail"]


FIELDS_PAGE = """\
=============
Upload errors
=============

Uploads are rejected
====================

:Symptom: The upload ends with ``ERR_UPLOAD_TOO_LARGE``.
:Cause: The file is larger than the account's limit.
:Solution: Split the file into parts under the limit.
"""


def test_field_labels_page_imports_its_cause():
    """The example in content/README.md."""
    problem = import_page(read(FIELDS_PAGE), guide_id="uploads").recognition.problems[0]
    assert [cause.text for cause in problem.causes] == ["The file is larger than the account's limit."]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_reads_or_fails_clearly(text):
    try:
        assert isinstance(read(text), Outline)
    except ContentErrors as errors:
        assert errors.errors[0].file == "page.rst"


LINES = [
    "Title",
    "=====",
    "-----",
    "~~~",
    "",
    "   indented",
    "* item",
    "#. step",
    ".. note::",
    ".. code-block:: bash",
    ".. toctree::",
    ".. spam:: eggs",
    ".. include:: /etc/passwd",
    ".. raw:: html",
    "   :maxdepth: 2",
    ":Cause: full",
    "term",
    "==  ==",
    ":ref:`x <y>` and `link <https://e.com>`_",
    "::",
    ".. _target:",
    "|sub|",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=30))
def test_any_mix_of_constructs_reads_with_lines_in_the_page(lines):
    page = "\n".join(lines) + "\n"
    outline = read(page)
    assert all(1 <= block.line <= len(lines) + 1 for block in outline.blocks)
