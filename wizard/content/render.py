"""Markdown to safe HTML, once, at import time: raw HTML off, then an allow-list sanitizer."""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "a",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "kbd",
    "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Text made only of these characters means nothing to Markdown or HTML: it renders to itself (stripped), in a
# paragraph when it is a block that starts with a letter. Most titles, answers and symptoms are such text;
# skipping the renderer for them is most of the time saved on rendering a big import.
# tests/content/test_render.py holds this shortcut to the renderer's own output.
PLAIN = re.compile(r"[A-Za-z0-9 ,.;:?!'\"()/%+=@$-]*")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    # Built once: nh3.clean() sets the allow-lists up again on every call, five times the cost of cleaning.
    return nh3.Cleaner(
        tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer"
    )


@lru_cache(maxsize=1)
def _text_only() -> nh3.Cleaner:
    return nh3.Cleaner(tags=set(), attributes={})


def _clean(html: str) -> str:
    return _cleaner().clean(html).strip()


@lru_cache(maxsize=65536)
def render_block(text: str) -> str:
    """A Markdown block (paragraphs, lists, code) as sanitized HTML."""
    if not text.strip():
        return ""
    if text[0].isalpha() and PLAIN.fullmatch(text):
        return f"<p>{text.strip()}</p>"
    return _clean(_markdown().render(text))


@lru_cache(maxsize=65536)
def render_inline(text: str) -> str:
    """One line of Markdown (a title, a question, an answer) as sanitized inline HTML."""
    if PLAIN.fullmatch(text):
        return text.strip()
    return _clean(_markdown().renderInline(text)) if text.strip() else ""


def markdown_links(text: str) -> list[str]:
    """The destination of every link in a Markdown text, as the renderer would write it (percent-encoded)."""
    return [
        str(child.attrs["href"])
        for token in _markdown().parse(text)
        if token.type == "inline"
        for child in token.children or []
        if child.type == "link_open"
    ]


@lru_cache(maxsize=65536)
def plain_text(text: str) -> str:
    """Markdown reduced to readable plain text, for <title>, search and ticket summaries: the words the renderer
    shows, so a backslash escape (`%windir%\\WinSxS`) or a `_*` inside a name reads as it does on the page."""
    return html_text(render_inline(text))


def html_text(html: str) -> str:
    """Rendered HTML as one line of plain text: for meta descriptions, ticket summaries and search."""
    return " ".join(unescape(_text_only().clean(html)).split())
