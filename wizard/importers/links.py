"""Links in page text made absolute, so a draft's links still work away from the docs site they came from.

Docs pages link to their neighbours with relative paths (`/manuals/setup.md`, `../faq.html`, `#cause`). A guide
only accepts absolute http(s) and mailto links (`wizard/content/links.py`), so each relative link is resolved
against the page's own address when the page has one, and otherwise kept as its text alone.
"""

from __future__ import annotations

import copy
import re
from urllib.parse import urljoin

from ..content.links import WEB, link_is_valid
from .outline import Admonition, Block, Heading, ListBlock, Outline, Paragraph, Table

# An inline Markdown link or image as the readers write it: [text](destination) with an optional "title".
LINK = re.compile(r"(!?)\[((?:\\.|[^\]\\])*)\]\(\s*<?([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?(\s+\"[^\"]*\")?\s*\)")


def absolute_links(outline: Outline) -> Outline:
    """A copy of the outline whose inline links are absolute http(s)/mailto URLs, or plain text."""
    page = copy.deepcopy(outline)
    base = page.url if link_is_valid(page.url) else ""
    for block in page.blocks:
        _block(block, base)
    return page


def resolve(text: str, base: str) -> str:
    def replace(match: re.Match[str]) -> str:
        bang, label, destination, title = match[1], match[2], match[3], match[4] or ""
        url = urljoin(base, destination) if base and destination else destination
        if link_is_valid(url, (*WEB, "mailto")):
            return f"{bang}[{label}]({url}{title})"
        return label

    return LINK.sub(replace, text) if "](" in text else text


def _block(block: Block, base: str) -> None:
    if isinstance(block, Heading | Paragraph):
        block.text = resolve(block.text, base)
    elif isinstance(block, ListBlock):
        for item in block.items:
            item.text = resolve(item.text, base)
            for inner in item.blocks:
                _block(inner, base)
    elif isinstance(block, Table):
        block.header = [resolve(cell, base) for cell in block.header]
        block.rows = [[resolve(cell, base) for cell in row] for row in block.rows]
    elif isinstance(block, Admonition):
        block.title = resolve(block.title, base)
        for inner in block.blocks:
            _block(inner, base)
