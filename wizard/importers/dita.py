"""DITA topics -> outline: the OASIS troubleshooting topic first of all, and task, concept, reference, topic.

A `<troubleshooting>` topic marks its parts for machines, so the outline gets roles from them:
`condition` -> symptom, each `troubleSolution`'s `cause` -> cause and `remedy` -> resolution. Each
part becomes a heading (its own `title`, else the element's name) carrying the role, with a remedy
one level below the cause it answers; the part's content follows as ordinary blocks.

The XML is untrusted. lxml parses it with entities left unresolved, no DTD loaded, no network and
no huge trees, and a file that declares an entity is refused before parsing: entities are what
"billion laughs" and external-entity attacks are made of, and a DITA topic needs none of its own. A
DOCTYPE naming the DITA DTD is fine; the DTD is never fetched. lxml over defusedxml: the stdlib
parser under defusedxml gives no line for elements, and lxml already reads the HTML pages.
"""

from __future__ import annotations

import re

from lxml import etree

from . import inline
from .blocks import admonition_kind, fail, take_title
from .markdown_sites import word_for
from .outline import Admonition, Block, Code, Heading, ListBlock, ListItem, Outline, Paragraph, ReadNote, Role, Table

TOPICS = {"topic", "concept", "task", "reference", "troubleshooting", "glossentry", "glossgroup"}
DROPPED = {
    "prolog", "titlealts", "related-links", "indexterm", "indextermref", "draft-comment", "required-cleanup",
    "data", "data-about", "fn", "image", "object", "foreign", "unknown", "navtitle", "searchtitle", "index-base",
}  # fmt: skip
CODE = {
    "codeph", "cmdname", "filepath", "varname", "parmname", "apiname", "option", "msgnum", "msgph", "systemoutput",
    "userinput", "synph", "kwd", "tt", "codeblock-inline",
}  # fmt: skip
BOLD = {"b", "uicontrol", "wintitle", "strong"}
ITALIC = {"i", "term", "cite", "var", "keyword-emphasis"}
LISTS = {"ul": False, "ol": True, "sl": False, "steps": True, "steps-unordered": False, "substeps": True}
LISTS |= {"choices": False}
CODE_BLOCKS = {"codeblock", "pre", "screen", "msgblock", "lines"}
DEFINITIONS = {"dl": ("dlentry", "dt", "dd"), "parml": ("plentry", "pt", "pd")}
TABLES = {"simpletable", "table", "choicetable", "properties"}
PARTS: dict[str, tuple[Role, str]] = {
    "condition": ("symptom", "Condition"),
    "cause": ("cause", "Cause"),
    "remedy": ("resolution", "Remedy"),
}
LANGUAGE = re.compile(r"(?:^|\s)language-(?P<lang>[\w+#-]+)")
XML_DECLARATION = re.compile(r"^(\ufeff?\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")
MAX_DEPTH = 60


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def read_dita(text: str, source: str, *, url: str = "") -> Outline:
    declaration = text.find("<!ENTITY")
    if declaration >= 0:
        line = text.count("\n", 0, declaration) + 1
        fail(source, line, "declares an XML entity (<!ENTITY): entities are refused, write the text out instead")
    # The text is decoded already: the declaration's encoding would now be wrong, so it goes (its line stays).
    data = XML_DECLARATION.sub(r"\1", text, count=1).encode("utf-8", "replace")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        message = re.sub(r",? line \d+, column \d+$", "", error.msg or "")
        fail(source, error.lineno or 1, f"is not well-formed XML: {message}")
    name = _name(root)
    topics = [child for child in root if _name(child) in TOPICS] if name == "dita" else [root]
    if name not in TOPICS | {"dita"} or not topics:
        fail(source, root.sourceline or 1, f"is not a DITA topic: its root element is <{name}>")
    outline = Outline(source=source, format="dita", url=url)
    reader = _Reader(outline)
    for topic in topics:
        outline.blocks += reader.topic(topic, level=1)
    take_title(outline)
    return outline


def _name(element: etree._Element | None) -> str:
    return etree.QName(element).localname if element is not None and isinstance(element.tag, str) else ""


class _Reader:
    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.notes = outline.notes

    def line(self, element: etree._Element) -> int:
        return element.sourceline or 1

    def topic(self, topic: etree._Element, level: int) -> list[Block]:
        blocks: list[Block] = []
        for child in topic:
            name = _name(child)
            if name == "title":
                text, anchor = self.inline(child), topic.get("id", "")
                blocks.append(Heading(line=self.line(child), level=level, text=text, anchor=anchor))
            elif name == "shortdesc" and level == 1 and not self.outline.description:
                self.outline.description = self.inline(child)
            elif name in {"shortdesc", "abstract"}:
                blocks += self.blocks(child, level + 1)
            elif name in TOPICS:
                blocks += self.topic(child, level + 1)
            elif name not in DROPPED and name:
                blocks += self.blocks(child, level + 1)
        return blocks

    def blocks(self, element: etree._Element, level: int, depth: int = 0) -> list[Block]:
        """The blocks inside an element; loose inline content between them becomes paragraphs."""
        if depth > MAX_DEPTH:
            return [Paragraph(line=self.line(element), text=inline.escape(inline.squash("".join(element.itertext()))))]
        result: list[Block] = []
        run: list[str] = [inline.escape(element.text or "")]
        run_line = self.line(element)

        def flush() -> None:
            text = inline.squash("".join(run))
            if text:
                result.append(Paragraph(line=run_line, text=text))
            run.clear()

        for child in element:
            name = _name(child)
            if name in DROPPED or name == "title":
                pass  # a title is read by its parent (topic, section, figure, part)
            elif name and self.is_block(name):
                flush()
                result += self.block(child, level, depth + 1)
            else:
                if not inline.squash("".join(run)):
                    run_line = self.line(child)
                run.append(self.inline_element(child))
            run.append(inline.escape(child.tail or ""))
        flush()
        return result

    def is_block(self, name: str) -> bool:
        return name not in CODE | BOLD | ITALIC and name not in INLINE_CONTAINERS

    def block(self, element: etree._Element, level: int, depth: int) -> list[Block]:
        name, line = _name(element), self.line(element)
        if name in TOPICS:
            return self.topic(element, level)
        if name == "p":
            return self.blocks(element, level, depth)
        if name in PARTS:
            return self.part(element, name, level, depth)
        if name in LISTS:
            return self.list_block(element, LISTS[name], level, depth)
        if name in DEFINITIONS:
            return self.definitions(element, *DEFINITIONS[name], level=level, depth=depth)
        if name in CODE_BLOCKS:
            found = LANGUAGE.search(element.get("outputclass") or "")
            text = "".join(element.itertext()).strip("\n")
            return [Code(line=line, text=text, language=found["lang"] if found else "")]
        if name in TABLES:
            return self.table(element)
        if name in {"note", "lq"}:
            kind = "quote" if name == "lq" else admonition_kind(element.get("type") or "note") or "note"
            title = element.get("othertype", "") if element.get("type") == "other" else ""
            return [Admonition(line=line, kind=kind, title=title, blocks=self.blocks(element, level, depth))]
        if name in {"section", "example", "fig", "refsyn"}:
            return self.section(element, level, depth)
        if name == "responsibleParty":
            return [Paragraph(line=line, text=f"**Responsible party:** {self.inline(element)}")]
        return self.blocks(element, level, depth)

    def section(self, element: etree._Element, level: int, depth: int) -> list[Block]:
        title = next((child for child in element if _name(child) == "title"), None)
        line = self.line(element if title is None else title)
        heading = [Heading(line=line, level=level, text=self.inline(title), anchor=element.get("id", ""))]
        blocks = self.blocks(element, level + 1, depth)
        if title is None or not heading[0].text:
            return blocks
        if _name(element) == "fig":  # a figure's title is its caption, not a heading
            return [Paragraph(line=heading[0].line, text=heading[0].text), *blocks]
        return heading + blocks

    def part(self, element: etree._Element, name: str, level: int, depth: int) -> list[Block]:
        """A troubleshooting part as a heading with its role, then its content."""
        role, label = PARTS[name]
        parent = element.getparent()
        under_cause = name == "remedy" and parent is not None and any(_name(child) == "cause" for child in parent)
        title = next((child for child in element if _name(child) == "title"), None)
        text = (self.inline(title) if title is not None else "") or label
        heading_level = level + 1 if under_cause else level
        heading = Heading(line=self.line(element), level=heading_level, text=text, anchor=element.get("id", ""))
        heading.role = role
        return [heading, *self.blocks(element, heading_level + 1, depth)]

    def list_block(self, element: etree._Element, ordered: bool, level: int, depth: int) -> list[Block]:
        items = []
        for child in element:
            if _name(child) in DROPPED or not _name(child) or _name(child) == "title":
                continue
            blocks = self.blocks(child, level, depth + 1)
            first = blocks[0] if blocks else None
            text = first.text if isinstance(first, Paragraph) else ""
            items.append(ListItem(line=self.line(child), text=text, blocks=blocks[1:] if text else blocks))
        items = [item for item in items if item.text or item.blocks]
        return [ListBlock(line=self.line(element), ordered=ordered, items=items)] if items else []

    def definitions(
        self, element: etree._Element, entry: str, term: str, definition: str, *, level: int, depth: int
    ) -> list[Block]:
        items = []
        for child in (child for child in element if _name(child) == entry):
            terms = [self.inline(part) for part in child if _name(part) == term]
            blocks = [block for part in child if _name(part) == definition for block in self.blocks(part, level, depth)]
            items.append(ListItem(line=self.line(child), text=inline.wrap("**", ", ".join(terms)), blocks=blocks))
        return [ListBlock(line=self.line(element), ordered=False, items=items)] if items else []

    def table(self, element: etree._Element) -> list[Block]:
        rows: list[tuple[bool, list[str]]] = []
        for row in element.iter():
            name = _name(row)
            is_head = name in {"sthead", "chhead", "prophead"} or (name == "row" and _name(row.getparent()) == "thead")
            if name in {"sthead", "strow", "row", "chhead", "chrow", "prophead", "property"}:
                rows.append((is_head, [self.inline(cell) for cell in row if _name(cell)]))
        if not rows:
            return []
        header = rows[0][1] if rows[0][0] else []
        body = [cells for is_header, cells in rows[1 if header else 0 :] if any(cells) and not is_header]
        if not header:
            self.notes.append(ReadNote(self.line(element), "table without a header row: its first row is a row"))
        return [Table(line=self.line(element), header=header, rows=body)]

    def inline(self, element: etree._Element | None) -> str:
        return inline.squash(self.inline_content(element)) if element is not None else ""

    def inline_content(self, element: etree._Element) -> str:
        parts = [inline.escape(element.text or "")]
        for child in element:
            parts += [self.inline_element(child), inline.escape(child.tail or "")]
        return "".join(parts)

    def inline_element(self, element: etree._Element) -> str:
        name = _name(element)
        if not name:
            return " " if isinstance(element, etree._Entity) and element.name == "nbsp" else ""
        if name in DROPPED:
            return ""
        if element.get("conref") or element.get("conkeyref"):
            self.notes.append(ReadNote(self.line(element), f"content reference not followed: <{name}>"))
        if name in CODE:
            return inline.code("".join(element.itertext()))
        content = self.inline_content(element)
        if not content.strip() and element.get("keyref"):
            content = word_for(element.get("keyref", ""))  # a key the map defines: its name reads better than nothing
        if name in BOLD:
            return inline.wrap("**", content)
        if name in ITALIC:
            return inline.wrap("*", content)
        if name == "menucascade":
            return " > ".join(self.inline_element(child) for child in element if _name(child))
        if name in {"xref", "link"}:
            href = element.get("href", "")
            return inline.link(content or inline.escape(href), href, self.outline.url)
        if name == "q":
            return f"\u201c{content}\u201d"
        return content if name in INLINE_CONTAINERS else f" {content} "


INLINE_CONTAINERS = {
    "ph", "keyword", "tm", "sup", "sub", "u", "line-through", "overline", "text", "q", "xref", "menucascade",
    "abbreviated-form", "cmd", "stepsection-inline", "state", "boolean", "sort-as", "synnote", "link", "linktext",
}  # fmt: skip
