"""Markdown inline syntax, as every reader writes it into the outline.

Readers meet bold, code and links in their own markup (tokens, HTML elements, DITA elements) and
write them with these helpers, so the outline's inline text is one dialect whatever the source.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

SPACE = re.compile(r"\s+")
# Characters that would start Markdown inline syntax if plain text carried them through unescaped.
# `_` only at a word's edge: snake_case names are safe inside a word and read badly escaped.
SPECIAL = re.compile(r"[\\`*]|(?<!\w)_|_(?!\w)|\[(?=[^\[\]]*\]\()")
UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file"}


def escape(text: str) -> str:
    """Plain text as Markdown inline text that renders back to the same characters."""
    return SPECIAL.sub(lambda match: "\\" + match.group(0), text)


def code(text: str) -> str:
    """A code span around any text, with a fence longer than any run of backticks inside it."""
    text = SPACE.sub(" ", text)
    if not text.strip():
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def wrap(marker: str, text: str) -> str:
    """`**text**` or `*text*`, with the spaces kept outside the markers (Markdown needs that)."""
    inner = text.strip()
    if not inner:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{marker}{inner}{marker}{trail}"


def safe_href(href: str, base: str = "") -> str:
    """The link target to keep, absolute against `base` when there is one; "" for scripts and data."""
    href = href.strip()
    scheme = urlsplit(SPACE.sub("", href)).scheme.lower()
    if not href or scheme in UNSAFE_SCHEMES:
        return ""
    if base and not scheme:
        href = urljoin(base, href)
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def link(text: str, href: str, base: str = "") -> str:
    """`[text](href)`, or the bare text when the target is unsafe or the text empty."""
    target = safe_href(href, base)
    label = text.strip()
    if not label:
        return ""
    if not target:
        return text
    return text.replace(label, f"[{label}]({target})", 1)


def squash(text: str) -> str:
    """Whitespace runs to one space, ends trimmed: inline text is one line."""
    return SPACE.sub(" ", text).strip()
