"""An HTML docs page -> outline: the page's main content only, through lxml's HTML parser.

lxml rather than selectolax: lxml gives every element the line it starts on (`sourceline`), which
each block of the outline carries, and the same library parses DITA safely (dita.py), so one
dependency serves both. selectolax is faster, but a docs page is read once, and it gives no lines.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from . import inline
from .blocks import fail, take_title
from .html_blocks import HtmlBlocks, dropped, flat_text, parser
from .markup import plain
from .outline import Block, Heading, Outline, Paragraph


def _class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# Where docs sites keep a page's own content, most specific first: Docusaurus, MkDocs Material, Read the
# Docs, Docsy (Hugo); then the generic landmarks that Sphinx, MkDocs, Microsoft Learn, GitHub docs and
# most Hugo themes use; the whole body last.
MAIN_CONTENT = [
    f"//*[{_class('theme-doc-markdown')}]",
    f"//article[{_class('md-content__inner')}]",
    "//*[@itemprop='articleBody']",
    f"//*[{_class('td-content')}]",
    "//*[@role='main']",
    "//main",
    "//article",
    "//*[@id='main-content' or @id='content' or @id='main' or @id='page-content']",
    "//body",
]
# Page furniture that survives the container choice because it is plain text in a heading or paragraph.
CHROME_TEXT = {
    "was this page helpful",
    "was this helpful",
    "was this article helpful",
    "is this page helpful",
    "did this page help you",
    "did you find this helpful",
    "edit this page",
    "edit on github",
    "view page source",
    "show source",
    "on this page",
    "in this article",
    "table of contents",
    "back to top",
    "feedback",
    "thank you for your feedback",
}
SITE_NAME = re.compile(r"\s+[|\u2013\u2014\u00b7]\s+")
# Page titles that say what kind of page it is but not whose.
GENERIC_TITLE = re.compile(
    r"troubleshooting(?: guide)?|faqs?|frequently asked questions|known issues|common (?:issues|problems|errors)"
    r"|errors|error messages",
    re.IGNORECASE,
)
# After a site's name in <title>: its version and "documentation" ("Kinto 4.3.1 documentation").
SITE_SUFFIX = re.compile(r"\s+(?:v?\d[\w.]*\s+)?(?:documentation|docs)$", re.IGNORECASE)


def read_html(text: str, source: str, *, url: str = "") -> Outline:
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser())
    except (etree.ParserError, ValueError):
        fail(source, 1, "has no HTML content")
    outline = Outline(source=source, format="html")
    outline.url = _canonical(root, url)
    outline.description = _meta(root, "description")
    base = _base(root, url) or outline.url
    blocks = HtmlBlocks(base=base, notes=outline.notes).blocks(_main_content(root))
    outline.blocks = [block for block in blocks if not _chrome(block)]
    take_title(outline)
    heading = outline.blocks[0] if outline.blocks else None
    if not outline.title and isinstance(heading, Heading):
        # The site's name is the h1 in the banner; the page's own title is the heading its content opens with.
        outline.blocks.pop(0)
        outline.title, outline.title_line = heading.text, heading.line
    take_title(outline, *_fallback_title(root))
    outline.title = _site_named(outline.title, root)
    return outline


def _main_content(root: lxml.html.HtmlElement) -> etree._Element:
    for path in MAIN_CONTENT:
        for element in root.xpath(path):
            if isinstance(element, etree._Element) and not dropped(element) and flat_text(element).strip():
                return element
    return root


def _chrome(block: Block) -> bool:
    if not isinstance(block, Heading | Paragraph):
        return False
    return re.sub(r"[^\w ]", "", block.text).strip().lower() in CHROME_TEXT


def _site_named(title: str, root: lxml.html.HtmlElement) -> str:
    """A title that names no product ("Troubleshooting", "FAQ") with the site's name from <title> before it: a
    guide list of several "Troubleshooting" says nothing. "Troubleshooting - Paperless-ngx" gives "Paperless-ngx
    troubleshooting"; a "4.3.1 documentation" after the name goes."""
    words = plain(title).strip()
    if not GENERIC_TITLE.fullmatch(words):
        return title
    for element in root.iter("title"):
        match = re.match(
            rf"{re.escape(words)}\s*[-|:\u2013\u2014\u00b7]\s*(.+)$",
            inline.squash(element.text_content()),
            re.I,
        )
        site = SITE_SUFFIX.sub("", match[1]).strip() if match else ""
        if site:
            first, _, rest = words.partition(" ")
            # "Troubleshooting" reads as a word after the name; "FAQ" keeps its capitals.
            word = first.lower() if first[1:].islower() else first
            return inline.escape(f"{site} {word} {rest}".strip())
    return title


def _fallback_title(root: lxml.html.HtmlElement) -> tuple[str, int]:
    """A title when the main content has none: <title> less the site's name, else an h1 elsewhere on the page."""
    for title in root.iter("title"):
        text = SITE_NAME.split(inline.squash(title.text_content()))[0]
        if text:
            return inline.escape(text), title.sourceline or 1
    for heading in root.iter("h1"):
        if not dropped(heading):
            text = HtmlBlocks(base="", notes=[]).inline(heading)
            if text:
                return text, heading.sourceline or 1
    return "", 1


def _canonical(root: lxml.html.HtmlElement, url: str) -> str:
    for element in root.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split() and element.get("href"):
            return _absolute(element.get("href", ""), url)
    for element in root.iter("meta"):
        if element.get("property") == "og:url" and element.get("content"):
            return _absolute(element.get("content", ""), url)
    return ""


def _base(root: lxml.html.HtmlElement, url: str) -> str:
    for element in root.iter("base"):
        if element.get("href"):
            return _absolute(element.get("href", ""), url)
    return url


def _absolute(href: str, url: str) -> str:
    address = urljoin(url, href.strip()) if url else href.strip()
    return address if address.startswith(("https://", "http://")) else ""


def _meta(root: lxml.html.HtmlElement, name: str) -> str:
    for element in root.iter("meta"):
        key = (element.get("name") or element.get("property") or "").lower()
        if key in {name, f"og:{name}"} and element.get("content"):
            return inline.escape(inline.squash(element.get("content", "")))
    return ""
