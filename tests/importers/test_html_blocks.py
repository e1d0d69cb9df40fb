from __future__ import annotations

from wizard.importers.html_blocks import fragment_blocks
from wizard.importers.outline import Paragraph


def test_fragment_lines_offset_into_the_page():
    assert fragment_blocks("<div>\n<p>Text.</p>\n</div>", 10, "", []) == [Paragraph(line=12, text="Text.")]


def test_fragment_of_only_a_comment():
    assert fragment_blocks("<!-- a comment -->", 0, "", []) == []


def test_fragment_links_absolute_against_base():
    assert fragment_blocks('<p><a href="b">b</a></p>', 0, "https://x.org/a/", [])[0].text == "[b](https://x.org/a/b)"
