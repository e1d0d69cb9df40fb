from __future__ import annotations

from wizard.importers.html_blocks import fragment_blocks
from wizard.importers.outline import Paragraph


def test_fragment_lines_offset_into_the_page():
    assert fragment_blocks("<div>\n<p>Text.</p>\n</div>", 10, "", []) == [Paragraph(line=12, text="Text.")]


def test_fragment_of_only_a_comment():
    assert fragment_blocks("<!-- a comment -->", 0, "", []) == []


def test_fragment_links_absolute_against_base():
    assert fragment_blocks('<p><a href="b">b</a></p>', 0, "https://x.org/a/", [])[0].text == "[b](https://x.org/a/b)"


def test_a_span_wrapping_paragraphs_is_read_as_a_container():
    html = "<div><span><p>Intro.</p>\n<h2>Caching issues</h2>\n<p>Retry.</p></span></div>"
    assert [type(block).__name__ for block in fragment_blocks(html, 0, "", [])] == ["Paragraph", "Heading", "Paragraph"]


def test_a_span_of_text_stays_inline():
    assert fragment_blocks("<p>A <span>word</span> here.</p>", 0, "", []) == [Paragraph(line=1, text="A word here.")]
