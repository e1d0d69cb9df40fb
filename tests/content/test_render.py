from __future__ import annotations

import random
import string

import pytest

from wizard.content.render import PLAIN, _clean, _markdown, plain_text, render_block, render_inline

# Every character the shortcut lets through, so widening PLAIN by a risky one fails here.
PLAIN_CHARACTERS = [character for character in string.printable if PLAIN.fullmatch(character)]


def full_inline(text: str) -> str:
    return _clean(_markdown().renderInline(text)) if text.strip() else ""


def full_block(text: str) -> str:
    return _clean(_markdown().render(text)) if text.strip() else ""


def plain_samples(count: int = 3000) -> list[str]:
    chance = random.Random(7)
    return ["".join(chance.choices(PLAIN_CHARACTERS, k=chance.randint(1, 30))) for _ in range(count)]


def test_plain_text_renders_exactly_as_the_markdown_renderer_would():
    for text in plain_samples():
        assert render_inline(text) == full_inline(text), text
        assert render_block(text) == full_block(text), text


@pytest.mark.parametrize(
    "text",
    ["1. First", "- item", "+ item", "Thing  4 breaks. ", "   Indented", 'A "quoted" (word)', "50% off: $3 = 2+1"],
)
def test_text_near_markdown_syntax_renders_as_before(text):
    assert render_inline(text) == full_inline(text)
    assert render_block(text) == full_block(text)


@pytest.mark.parametrize(
    ("text", "inline", "block"),
    [
        ("Use `src`", "Use <code>src</code>", "<p>Use <code>src</code></p>"),
        ("a < b & c", "a &lt; b &amp; c", "<p>a &lt; b &amp; c</p>"),
        ("**bold**", "<strong>bold</strong>", "<p><strong>bold</strong></p>"),
        ("1. Step", "1. Step", "<ol>\n<li>Step</li>\n</ol>"),
    ],
)
def test_markdown_still_goes_through_the_renderer(text, inline, block):
    assert (render_inline(text), render_block(text)) == (inline, block)


def test_sanitizer_still_drops_unsafe_markup():
    html = render_block("[click](javascript:alert(1)) [ok](https://example.com) <script>x</script>")
    assert 'href="javascript' not in html
    assert "<script" not in html
    assert 'href="https://example.com" rel="noopener noreferrer"' in html


def test_plain_text_reads_a_backslash_escape_as_the_page_shows_it():
    assert plain_text("The %windir%\\\\WinSxS folder") == "The %windir%\\WinSxS folder"


def test_plain_text_keeps_an_underscore_and_star_inside_a_name():
    assert plain_text("SOAP fault for WU_E_PT_SOAP_* error codes") == "SOAP fault for WU_E_PT_SOAP_* error codes"


def test_plain_text_keeps_an_underscore_before_a_word():
    assert plain_text("a variable named ${serviceName}_PORT.") == "a variable named ${serviceName}_PORT."


def test_plain_text_drops_emphasis_code_marks_and_link_targets():
    assert plain_text("**Set** `redirect_uri` in [the docs](https://example.com)") == "Set redirect_uri in the docs"
