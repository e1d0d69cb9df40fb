"""HTML elements -> outline blocks with Markdown inline text; what is chrome, hidden or script is left out.

Used for whole pages (html.py, once it has found the main content) and for the raw HTML blocks of a
Markdown page. lxml gives each element the line it starts on.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from . import inline
from .blocks import admonition_kind
from .outline import Admonition, AdmonitionKind, Block, Code, Heading, ListBlock, ListItem, Paragraph, ReadNote, Table

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that are never page text: scripts, styles, embedded things, forms and site chrome.
DROPPED_TAGS = {
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "form", "button", "input", "select", "option", "textarea", "label", "svg", "canvas", "video", "audio",
    "nav", "footer", "link", "meta", "head", "title", "base", "dialog", "map", "math", "img", "picture", "source",
    "search",
}  # fmt: skip
DROPPED_ROLES = {"navigation", "search", "banner", "contentinfo", "complementary", "toolbar", "menu", "menubar"}
# Class or id words of navigation, tables of contents, feedback widgets, anchor links and hidden text.
CHROME = re.compile(
    r"(?:^|[-_])(?:breadcrumbs?|sidebar|toc|table-of-contents|feedback|helpful|rating|pagination|pager|prev-next"
    r"|cookies?|consent|skip-link|skip-to-content|share|social|edit-?link|edit-?page|edit-this-page|headerlink"
    r"|hash-?link|anchorjs-link|anchor-link|header-anchor|sr-only|visually-hidden|screen-reader-text|hidden"
    r"|d-none|d-print-none|last-updated|page-metadata|announcement|navbar|nav|menu|search|linenos?)(?:$|[-_])"
)
# Layout switches on a container ("no-sidebar", "has-toc") say how the page looks, not what the element is.
LAYOUT_FLAG = re.compile(r"^(?:no|has|with|show|hide|without)[-_]")
PAGE_CONTAINERS = {"html", "body", "main", "article"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Containers read for the blocks inside them; anything else unknown is read as inline text.
CONTAINERS = {
    "div", "section", "article", "main", "body", "html", "header", "figure", "figcaption", "center", "address",
    "hgroup", "fieldset", "dd", "dt", "li", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "summary",
}  # fmt: skip
BLOCK_TAGS = CONTAINERS | HEADINGS | {"p", "ul", "ol", "menu", "dl", "table", "pre", "blockquote", "aside", "details"}
CALLOUT_CLASSES = {"admonition", "alert", "callout", "notices", "notice", "markdown-alert", "theme-admonition"}
CALLOUT_KIND_CLASSES = {"note", "tip", "warning", "important", "caution", "danger", "hint", "attention", "seealso"}
CODE_TAGS = {"code", "kbd", "samp", "tt"}
LANGUAGE = re.compile(r"(?:^|\s)(?:language|lang|highlight|sourcecode)-(?P<lang>[\w+#-]+)")
MAX_DEPTH = 60


class HtmlBlocks:
    def __init__(self, *, base: str, notes: list[ReadNote], offset: int = 0) -> None:
        self.base = base
        self.notes = notes
        self.offset = offset  # lines above the HTML read, for HTML blocks inside a Markdown page

    def line(self, element: etree._Element) -> int:
        return (element.sourceline or 1) + self.offset

    def blocks(self, element: etree._Element, depth: int = 0) -> list[Block]:
        """The blocks inside a container; loose inline content between them becomes paragraphs."""
        if depth > MAX_DEPTH:
            return [Paragraph(line=self.line(element), text=inline.escape(flat_text(element)))]
        result: list[Block] = []
        run: list[str] = []
        run_line = self.line(element)

        def add(piece: str, line: int) -> None:
            nonlocal run_line
            if piece.strip() and not "".join(run).strip():
                run_line = line
            run.append(piece)

        def flush() -> None:
            text = inline.squash("".join(run))
            if text:
                result.append(Paragraph(line=run_line, text=text))
            run.clear()

        add(inline.escape(element.text or ""), self.line(element))
        for child in element:
            if isinstance(child.tag, str) and not dropped(child):
                tag = child.tag.lower()
                if tag in BLOCK_TAGS or holds_blocks(child):
                    flush()
                    result += self.block(child, depth + 1)
                else:
                    add(self.inline_element(child), self.line(child))
            add(inline.escape(child.tail or ""), self.line(child))
        flush()
        return result

    def block(self, element: etree._Element, depth: int) -> list[Block]:
        tag, line = str(element.tag).lower(), self.line(element)
        if tag in HEADINGS:
            text = self.inline(element)
            return [Heading(line=line, level=int(tag[1]), text=text, anchor=anchor(element))] if text else []
        if tag == "p":
            text = self.inline(element)
            return [Paragraph(line=line, text=text)] if text else []
        if tag in {"ul", "ol", "menu"}:
            return self.list_block(element, depth)
        if tag == "dl":
            return self.definitions(element, depth)
        if tag == "table":
            return self.table(element, depth)
        if tag == "pre":
            return [Code(line=line, text=code_text(element), language=language(element))]
        kind = callout_kind(element)
        if kind is not None:
            return self.admonition(element, kind, depth)
        if tag == "header" and not any(child.tag in HEADINGS for child in element.iter() if isinstance(child.tag, str)):
            return []  # a header without a heading is a page banner
        return self.blocks(element, depth)

    def list_block(self, element: etree._Element, depth: int) -> list[Block]:
        if table_of_contents(element):
            return []
        items = []
        for child in element:
            if not isinstance(child.tag, str) or dropped(child):
                continue
            blocks = self.blocks(child, depth + 1)
            first = blocks[0] if blocks else None
            text = first.text if isinstance(first, Paragraph) else ""
            if blocks or text:
                items.append(ListItem(line=self.line(child), text=text, blocks=blocks[1:] if text else blocks))
        if not items:
            return []
        ordered = str(element.tag).lower() == "ol"
        return [ListBlock(line=self.line(element), ordered=ordered, items=items)]

    def definitions(self, element: etree._Element, depth: int) -> list[Block]:
        """A definition list as a list whose items are the terms, each holding its definitions."""
        items: list[ListItem] = []
        for child in element.xpath("./dt | ./dd | ./div/dt | ./div/dd"):
            if dropped(child):
                continue
            if child.tag == "dt" or not items:
                items.append(ListItem(line=self.line(child), text=inline.wrap("**", self.inline(child))))
                if child.tag == "dt":
                    continue
            items[-1].blocks += self.blocks(child, depth + 1)
        return [ListBlock(line=self.line(element), ordered=False, items=items)] if items else []

    def table(self, element: etree._Element, depth: int) -> list[Block]:
        line = self.line(element)
        if "highlighttable" in classes(element):  # Pygments' line numbers beside the code
            code: list[Block] = [
                Code(line=line, text=code_text(pre), language=language(pre)) for pre in element.iter("pre")
            ]
            return code[:1]
        rows = [row for row in element.iter("tr") if not dropped(row) and _own_row(row, element)]
        cells = [[cell for cell in row if cell.tag in {"td", "th"}] for row in rows]
        if not cells:
            return []
        header: list[str] = []
        group = rows[0].getparent()
        if (group is not None and group.tag == "thead") or all(cell.tag == "th" for cell in cells[0]):
            header = [self.inline(cell) for cell in cells.pop(0)]
        else:
            self.notes.append(ReadNote(line, "table without a header row: its first row is read as a row"))
        body = [[self.inline(cell) for cell in row] for row in cells]
        width = len(header) or max((len(row) for row in body), default=0)
        if any(len(row) != width for row in body):
            self.notes.append(ReadNote(line, f"table rows of different lengths (the header has {width} cells)"))
        return [Table(line=line, header=header, rows=[row for row in body if any(row)])]

    def admonition(self, element: etree._Element, kind: AdmonitionKind, depth: int) -> list[Block]:
        title = ""
        for child in element:
            if isinstance(child.tag, str) and (child.tag == "summary" or _is_title(child)):
                title = self.inline(child)
                element.remove(child)  # read once, as the title
                break
        blocks = self.blocks(element, depth)
        first = blocks[0] if blocks else None
        if not title and isinstance(first, Paragraph) and admonition_kind(first.text.strip(" :*")):
            title, blocks = first.text.strip(" *"), blocks[1:]  # Microsoft's <p>Note</p> above the note
        return [Admonition(line=self.line(element), kind=kind, title=title.rstrip(":"), blocks=blocks)]

    def inline(self, element: etree._Element) -> str:
        return inline.squash(self.inline_content(element))

    def inline_content(self, element: etree._Element) -> str:
        parts = [inline.escape(element.text or "")]
        for child in element:
            if isinstance(child.tag, str) and not dropped(child):
                parts.append(self.inline_element(child))
            parts.append(inline.escape(child.tail or ""))
        return "".join(parts)

    def inline_element(self, element: etree._Element) -> str:
        tag = str(element.tag).lower()
        if tag in CODE_TAGS:
            return inline.code(flat_text(element))
        if tag == "br":
            return " "
        content = self.inline_content(element)
        if tag in {"strong", "b"}:
            return inline.wrap("**", content)
        if tag in {"em", "i", "cite", "dfn"}:
            return inline.wrap("*", content)
        if tag == "a":
            return inline.link(content, element.get("href", ""), self.base)
        if tag in BLOCK_TAGS or tag == "p":
            return f" {content} "  # a block inside inline content (a table cell's list) stays apart
        return content


def fragment_blocks(html: str, offset: int, base: str, notes: list[ReadNote]) -> list[Block]:
    """The blocks of an HTML snippet (a Markdown page's raw HTML block), lines offset into the page."""
    try:
        root = lxml.html.fragment_fromstring(html.encode("utf-8"), create_parent="div", parser=parser())
    except (etree.ParserError, ValueError):
        return []  # a comment or tags with no content
    return HtmlBlocks(base=base, notes=notes, offset=offset).blocks(root)


def parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=False
    )


def classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").lower().split()


def dropped(element: etree._Element) -> bool:
    """Whether an element is script, form, chrome or hidden, so none of its text is page text."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in DROPPED_TAGS or not tag:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if HIDDEN_STYLE.search(element.get("style") or "") or (element.get("role") or "").lower() in DROPPED_ROLES:
        return True
    if tag in PAGE_CONTAINERS:
        return False  # a page's body or article is never chrome, whatever its layout classes say
    words = [*classes(element), (element.get("id") or "").lower()]
    return any(CHROME.search(word) for word in words if word and not LAYOUT_FLAG.match(word))


def callout_kind(element: etree._Element) -> AdmonitionKind | None:
    tag = str(element.tag).lower()
    words = classes(element)
    parts = [part for word in words for part in re.split(r"[-_]+", word) if part]
    if tag == "blockquote" and not words:
        return "quote"
    if not (
        tag in {"aside", "details", "blockquote"} or CALLOUT_CLASSES & set(words) or CALLOUT_KIND_CLASSES & set(words)
    ):
        return None
    named = (admonition_kind(part) for part in parts if part not in {"alert", "admonition", "primary", "secondary"})
    return next((kind for kind in named if kind), "quote" if tag == "blockquote" else "note")


def table_of_contents(element: etree._Element) -> bool:
    """A list whose every item is only a link into the page: the page's own table of contents."""
    items = [child for child in element if child.tag == "li"]
    for item in items:
        links = item.xpath("./a[starts-with(@href, '#')] | ./p/a[starts-with(@href, '#')]")
        own = "".join(item.xpath("./text() | ./a//text() | ./p//text()"))
        if not links or inline.squash(own) != inline.squash(links[0].text_content()):
            return False
    return bool(items)


def _is_title(element: etree._Element) -> bool:
    return any(word in " ".join(classes(element)) for word in ("title", "heading")) or element.tag in HEADINGS


def _own_row(row: etree._Element, table: etree._Element) -> bool:
    """A row of this table, not of a table nested in one of its cells."""
    return next(row.iterancestors("table"), None) is table


def anchor(element: etree._Element) -> str:
    """A heading's anchor: its id, else an anchor inside it, else its section's id when it opens the section."""
    if element.get("id"):
        return element.get("id", "")
    for child in element.iter("a", "span"):
        if child.get("id") or (child.tag == "a" and child.get("name")):
            return child.get("id") or child.get("name") or ""
    parent = element.getparent()
    if parent is not None and parent.tag in {"section", "div"} and parent.get("id") and parent.index(element) == 0:
        return parent.get("id", "")
    return ""


def code_text(pre: etree._Element) -> str:
    for number in pre.xpath(".//*[contains(@class, 'linenos') or contains(@class, 'lineno')]"):
        number.drop_tree()  # Sphinx's inline line numbers
    return flat_text(pre).strip("\n")


def language(element: etree._Element) -> str:
    for candidate in [element, *element.iter("code"), *element.iterancestors()][:8]:
        found = LANGUAGE.search(candidate.get("class") or "")
        if found:
            return found["lang"]
    return ""


def flat_text(element: etree._Element) -> str:
    """All the text under an element, without that of scripts, styles and the like."""
    skipped = " or ".join(f"ancestor::{tag}" for tag in ("script", "style", "template", "noscript", "svg", "button"))
    return "".join(element.xpath(f".//text()[not({skipped})]"))


def holds_blocks(element: etree._Element) -> bool:
    """An inline element that wraps paragraphs or headings (Docusaurus 1 puts a page's Markdown in a <span>): browsers
    show its content as blocks, so it is read as a container."""
    return any(isinstance(inner.tag, str) and inner.tag.lower() in BLOCK_TAGS for inner in element.iterdescendants())
