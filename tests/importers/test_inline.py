from __future__ import annotations

from wizard.importers import inline


def test_escape_star():
    assert inline.escape("a * b") == "a \\* b"


def test_escape_leaves_snake_case():
    assert inline.escape("redirect_uri") == "redirect_uri"


def test_escape_underscore_at_word_edge():
    assert inline.escape("_private") == "\\_private"


def test_escape_bracket_only_before_a_link_shape():
    assert (inline.escape("[hostname]"), inline.escape("[a](b)")) == ("[hostname]", "\\[a](b)")


def test_code_span():
    assert inline.code("make all") == "`make all`"


def test_code_span_around_backticks():
    assert inline.code("a`b") == "``a`b``"


def test_code_span_of_nothing():
    assert inline.code("  ") == ""


def test_wrap_keeps_spaces_outside():
    assert inline.wrap("**", " Note: ") == " **Note:** "


def test_link_absolute_against_base():
    assert inline.link("setup", "../setup/", "https://x.org/a/b/") == "[setup](https://x.org/a/setup/)"


def test_link_javascript_dropped():
    assert inline.link("click", "javascript:alert(1)") == "click"


def test_link_javascript_with_spaces_dropped():
    assert inline.link("click", " java\tscript:alert(1)") == "click"


def test_link_without_text_dropped():
    assert inline.link(" ", "https://x.org") == ""


def test_link_parentheses_encoded():
    assert inline.link("wiki", "https://x.org/a_(b)") == "[wiki](https://x.org/a_%28b%29)"
