"""Markdown to safe HTML, once, at import time: raw HTML off, then an allow-list sanitizer."""

from __future__ import annotations

import re
from functools import lru_cache

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


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


@lru_cache(maxsize=65536)
def render_block(text: str) -> str:
    """A Markdown block (paragraphs, lists, code) as sanitized HTML."""
    return _clean(_markdown().render(text)) if text.strip() else ""


@lru_cache(maxsize=65536)
def render_inline(text: str) -> str:
    """One line of Markdown (a title, a question, an answer) as sanitized inline HTML."""
    return _clean(_markdown().renderInline(text)) if text.strip() else ""


@lru_cache(maxsize=65536)
def plain_text(text: str) -> str:
    """Markdown reduced to readable plain text, for <title>, search and ticket summaries."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    # Emphasis markers go; underscores stay, they are part of names like redirect_uri.
    text = re.sub(r"`|\*\*?|(?<![\w])_+|_+(?![\w])", "", text)
    return re.sub(r"\s+", " ", text).strip()
