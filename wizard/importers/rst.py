"""reStructuredText (Sphinx, Read the Docs) -> outline, through docutils' document tree.

docutils is the reference parser: it knows every construct of the syntax, works out section levels from the order in
which adornment styles first appear, and gives most nodes the line they start on. What Sphinx adds (roles such as
`:ref:` and `:py:func:`, directives such as `.. code-block::` and `.. toctree::`) is read in rst_sphinx.py, so a
Sphinx page never fails for them.

The text is untrusted (an upload, a paste, a URL). docutils is told never to read a file or fetch a URL
(`file_insertion_enabled`: `.. include::`, `.. csv-table:: :file:`/`:url:`), never to pass raw HTML through
(`raw_enabled`), never to read a docutils.conf from the server, never to print reports to stderr nor stop on them;
what it could not read becomes a ReadNote.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from docutils import nodes
from docutils.core import publish_doctree
from docutils.frontend import Values, get_default_settings
from docutils.parsers.rst import Parser
from docutils.readers import standalone
from docutils.writers import null

from . import inline
from .blocks import admonition_kind, fail, take_title
from .codes import ANNOUNCES_MESSAGE
from .outline import Admonition, Block, Code, Heading, ListBlock, ListItem, Outline, Paragraph, ReadNote, Table
from .rst_sphinx import CODE, DROPPED, REFUSED, SEE_ALSO, VERSION_NOTES, Directive, directive, sphinx_inliner

SETTINGS: dict[str, Any] = {
    "file_insertion_enabled": False,  # `.. include::` and tables from files or URLs: never the server's files
    "raw_enabled": False,  # `.. raw:: html` and the `raw` role
    "_disable_config": True,  # no docutils.conf from the server's disk or the user's home
    "report_level": 5,  # report nothing ...
    "warning_stream": False,  # ... and to nowhere
    "halt_level": 5,  # never stop at an error: the reader keeps what it can
    "traceback": True,  # an exception inside docutils is raised to us, not turned into sys.exit()
    # The page's first section stays a section (take_title makes it the title); a leading field list stays text.
    "doctitle_xform": False,
    "sectsubtitle_xform": False,
    "docinfo_xform": False,
    "syntax_highlight": "none",  # code stays one text node; Pygments is not needed
    "smart_quotes": False,
    "pep_references": False,
    "rfc_references": False,
    "language_code": "en",
}
MAX_DEPTH = 40  # directives read back inside directives, and nested lists, before the rest is flattened to text
TRANSPARENT = (nodes.container, nodes.compound, nodes.figure, nodes.legend, nodes.caption)
NO_TEXT = (
    nodes.comment, nodes.target, nodes.substitution_definition, nodes.pending, nodes.footnote, nodes.citation,
    nodes.transition, nodes.image, nodes.raw, nodes.decoration, nodes.meta,
)  # fmt: skip


def read_rst(text: str, source: str, *, url: str = "") -> Outline:
    outline = Outline(source=source, format="rst")
    document = parse(text, source)
    # `.. meta:: :description:` is the line Sphinx puts in the built page's <meta name="description">.
    described = (meta for meta in document.findall(nodes.meta) if meta.get("name") == "description")
    outline.description = next((inline.squash(str(meta.get("content", ""))) for meta in described), "")
    outline.blocks = _Builder(outline, base=url).blocks(document.children, level=1)
    take_title(outline)
    return outline


def parse(text: str, source: str) -> nodes.document:
    """docutils' tree of the text, with Sphinx's roles read as text."""
    try:
        document = publish_doctree(
            text, source_path=source, parser=Parser(inliner=sphinx_inliner()), settings=copy.copy(_settings())
        )
    except RecursionError:
        raise  # read_source says "nested too deeply"
    except Exception as error:  # docutils' own failure on odd input: a clear error, never a 500
        fail(source, 1, f"could not be read as reStructuredText ({type(error).__name__}: {error})")
    return document


@lru_cache(maxsize=1)
def _settings() -> Values:
    """docutils' settings with ours, built once: building them costs a millisecond, and a Sphinx page can have
    hundreds of directives whose content is parsed on its own. Each parse gets a copy."""
    settings = get_default_settings(Parser, standalone.Reader, null.Writer)
    for name, value in SETTINGS.items():
        setattr(settings, name, value)
    return settings


class _Builder:
    def __init__(self, outline: Outline, *, base: str, offset: int = 0, depth: int = 0) -> None:
        self.outline = outline
        self.base = base
        self.offset = offset  # lines above the text parsed, for a directive's content read back on its own
        self.depth = depth
        self.last = 1 + offset  # the line of the last node that had one, for the nodes docutils gives none

    def line(self, node: nodes.Node) -> int:
        found = getattr(node, "line", None)
        if not found:
            found = next((inner.line for inner in node.findall(nodes.Element) if inner.line), None)
        if found:
            self.last = found + self.offset
        return self.last

    def note(self, line: int, message: str) -> None:
        self.outline.notes.append(ReadNote(line, message))

    def blocks(self, children: list[nodes.Node], level: int) -> list[Block]:
        result: list[Block] = []
        for node in children:
            found = self.block(node, level)
            if (
                isinstance(node, nodes.block_quote)
                and _announced(result)
                and all(isinstance(b, Paragraph) for b in found)
            ):
                # Indented under "you may see an error like:", the text is the message as the program prints it.
                found = [Code(line=self.line(node), text=node.astext())] if found else []
            result += found
        return result

    def block(self, node: nodes.Node, level: int) -> list[Block]:
        if isinstance(node, NO_TEXT) or not isinstance(node, nodes.Element):
            return []
        if isinstance(node, nodes.section):
            return self.section(node, level)
        if isinstance(node, nodes.system_message):
            return self.message(node, level)
        if self.depth > MAX_DEPTH:
            return [Paragraph(line=self.line(node), text=inline.escape(inline.squash(node.astext())))]
        if isinstance(node, nodes.title):
            return [Heading(line=self.title_line(node), level=min(level, 6), text=self.inline(node))]
        if isinstance(node, nodes.paragraph | nodes.line_block):
            text = self.inline(node)
            return [Paragraph(line=self.line(node), text=text)] if text else []
        if isinstance(node, nodes.rubric):
            return [Paragraph(line=self.line(node), text=inline.wrap("**", self.inline(node)))]
        if isinstance(node, nodes.bullet_list | nodes.enumerated_list):
            return self.list_block(node, level)
        if isinstance(node, nodes.definition_list):
            return self.definitions(node, level)
        if isinstance(node, nodes.field_list):
            return self.fields(node, level)
        if isinstance(node, nodes.option_list):
            return self.options(node, level)
        if isinstance(node, nodes.literal_block | nodes.doctest_block | nodes.math_block):
            return self.code(node)
        if isinstance(node, nodes.Admonition | nodes.topic | nodes.sidebar):
            return self.admonition(node, level)
        if isinstance(node, nodes.block_quote):
            return self.quote(node, level)
        if isinstance(node, nodes.table):
            return self.table(node)
        if isinstance(node, TRANSPARENT) or not isinstance(node, nodes.TextElement):
            return self.nested(node.children, level)
        text = self.inline(node)
        return [Paragraph(line=self.line(node), text=text)] if text else []

    def nested(self, children: list[nodes.Node], level: int) -> list[Block]:
        self.depth += 1
        try:
            return self.blocks(children, level)
        finally:
            self.depth -= 1

    def section(self, node: nodes.section, level: int) -> list[Block]:
        children = list(node.children)
        title = children.pop(0) if children and isinstance(children[0], nodes.title) else None
        blocks: list[Block] = []
        if title is not None:
            anchor = node["ids"][0] if node["ids"] else ""
            heading = Heading(line=self.title_line(title), level=min(level, 6), text=self.inline(title), anchor=anchor)
            blocks.append(heading)
        return blocks + self.blocks(children, level + 1)

    def title_line(self, title: nodes.Node) -> int:
        # docutils gives a section title the line of its underline; the title's own text is the line above.
        line = getattr(title, "line", None)
        if line:
            self.last = max(1, line - 1) + self.offset
        return self.last

    def list_block(self, node: nodes.Element, level: int) -> list[Block]:
        items = []
        for item in node.children:
            if not isinstance(item, nodes.list_item):
                continue
            line = self.line(item)
            children = list(item.children)
            text = ""
            if children and isinstance(children[0], nodes.paragraph):
                text = self.inline(children.pop(0))
            items.append(ListItem(line=line, text=text, blocks=self.nested(children, level)))
        ordered = isinstance(node, nodes.enumerated_list)
        return [ListBlock(line=items[0].line, ordered=ordered, items=items)] if items else []

    def definitions(self, node: nodes.Element, level: int) -> list[Block]:
        """A definition list as the HTML reader reads `<dl>`: items that are the bold terms, holding the definitions."""
        items = []
        for entry in _children(node, nodes.definition_list_item):
            line = self.line(entry)
            terms = [self.inline(part) for part in entry.children if isinstance(part, nodes.term | nodes.classifier)]
            definition = [part for part in entry.children if isinstance(part, nodes.definition)]
            blocks = self.nested(definition[0].children, level) if definition else []
            items.append(ListItem(line=line, text=inline.wrap("**", " : ".join(filter(None, terms))), blocks=blocks))
        return [ListBlock(line=items[0].line, ordered=False, items=items)] if items else []

    def fields(self, node: nodes.Element, level: int) -> list[Block]:
        """`:Cause: The disk is full.` as the bold label the recognisers read: `**Cause:** The disk is full.`"""
        blocks: list[Block] = []
        for field in _children(node, nodes.field):
            line = self.line(field)
            name = next((self.inline(part) for part in field.children if isinstance(part, nodes.field_name)), "")
            body = next((part for part in field.children if isinstance(part, nodes.field_body)), None)
            inner = self.nested(body.children, level) if body is not None else []
            label = inline.wrap("**", f"{name.rstrip(':')}:")
            first = inner[0] if inner else None
            if isinstance(first, Paragraph):
                blocks += [Paragraph(line=line, text=f"{label} {first.text}"), *inner[1:]]
            else:
                blocks += [Paragraph(line=line, text=label), *inner]
        return blocks

    def options(self, node: nodes.Element, level: int) -> list[Block]:
        items = []
        for entry in _children(node, nodes.option_list_item):
            line = self.line(entry)
            group = next((part for part in entry.children if isinstance(part, nodes.option_group)), None)
            description = next((part for part in entry.children if isinstance(part, nodes.description)), None)
            blocks = self.nested(description.children, level) if description is not None else []
            first = blocks[0] if blocks else None
            text = inline.code(group.astext()) if group is not None else ""
            if isinstance(first, Paragraph):
                text, blocks = f"{text} {first.text}".strip(), blocks[1:]
            items.append(ListItem(line=line, text=text, blocks=blocks))
        return [ListBlock(line=items[0].line, ordered=False, items=items)] if items else []

    def code(self, node: nodes.Element) -> list[Block]:
        text = node.astext().strip("\n")
        if isinstance(node, nodes.doctest_block):
            language = "pycon"
        elif isinstance(node, nodes.math_block):
            language = "latex"
        else:
            language = next((name for name in node["classes"] if name not in {"code", "literal-block"}), "")
        return [Code(line=self.line(node), text=text, language=language)] if text.strip() else []

    def admonition(self, node: nodes.Element, level: int) -> list[Block]:
        line = self.line(node)
        children = list(node.children)
        title = self.inline(children.pop(0)) if children and isinstance(children[0], nodes.title) else ""
        if isinstance(node, nodes.topic) and "contents" in node["classes"]:
            return []  # `.. contents::`: the page's own table of contents
        named = [admonition_kind(name.removeprefix("admonition-")) for name in node["classes"]]
        kind = admonition_kind(node.tagname) or next((found for found in named if found), None) or "note"
        return [Admonition(line=line, kind=kind, title=title, blocks=self.nested(children, level))]

    def quote(self, node: nodes.Element, level: int) -> list[Block]:
        """Indented text is a block quote in reStructuredText, and most often only indented: its blocks are read as
        the page's own. A quote with an attribution ("-- Author") is a quote."""
        if not any(isinstance(child, nodes.attribution) for child in node.children):
            return self.nested(node.children, level)
        line = self.line(node)
        return [Admonition(line=line, kind="quote", blocks=self.nested(node.children, level))]

    def table(self, node: nodes.Element) -> list[Block]:
        line = self.line(node)
        header: list[str] = []
        rows: list[list[str]] = []
        for group in node.findall(nodes.Element):
            if not isinstance(group, nodes.thead | nodes.tbody):
                continue
            for row in _children(group, nodes.row):
                cells = [self.cell(entry) for entry in row.children if isinstance(entry, nodes.entry)]
                if isinstance(group, nodes.thead):
                    header = cells
                elif any(cells):
                    rows.append(cells)
        if not header:
            self.note(line, "table without a header row: its first row is read as a row")
        return [Table(line=line, header=header, rows=rows)] if header or rows else []

    def cell(self, entry: nodes.Element) -> str:
        parts = [
            self.inline(child) if isinstance(child, nodes.TextElement) else inline.escape(child.astext())
            for child in entry.children
            if not isinstance(child, NO_TEXT)
        ]
        return inline.squash(" ".join(parts))

    def message(self, node: nodes.Element, level: int) -> list[Block]:
        """A problem docutils reported. One that quotes a directive's source is a directive it does not know (or
        refused): read back here. Other problems leave the text as docutils read it."""
        source = next((child.astext() for child in node.children if isinstance(child, nodes.literal_block)), None)
        if source is None:
            return []
        line = int(node.get("line") or self.last - self.offset) + self.offset
        self.last = line
        found = directive(source, line)
        if found is None:
            problem = next((child.astext() for child in node.children if isinstance(child, nodes.paragraph)), "")
            self.note(line, f"not read as reStructuredText: {problem}")
            return []
        return self.directive(found, line, level)

    def directive(self, found: Directive, line: int, level: int) -> list[Block]:
        name = found.name
        if name in REFUSED:
            self.note(line, f"`.. {name}::` skipped: {REFUSED[name]}")
            return []
        if name in DROPPED:
            return []
        if name in CODE:
            text = found.content.strip("\n")
            language = found.arguments.split()[0] if found.arguments else ""
            return [Code(line=found.content_line, text=text, language=language)] if text.strip() else []
        version = VERSION_NOTES.get(name)
        kind = "important" if name == "deprecated" else admonition_kind(name) or ("note" if version else None)
        if version or name in SEE_ALSO or kind:
            title, rest = SEE_ALSO.get(name, ""), found.arguments
            if version:  # `.. versionadded:: 2.0 What was added`
                number, *said = rest.split(maxsplit=1)
                title, rest = f"{version} {number}", " ".join(said)
            blocks = self.read_back(rest, line, level) + self.read_back(found.content, found.content_line, level)
            return [Admonition(line=line, kind=kind or "note", title=title, blocks=blocks)]
        blocks = self.read_back(found.content, found.content_line, level)
        self.note(line, f"unknown directive `{name}`: " + ("its content is read as text" if blocks else "left out"))
        return blocks

    def read_back(self, text: str, line: int, level: int) -> list[Block]:
        """A directive's content parsed on its own, its lines counted from the page line it starts on."""
        if not text.strip():
            return []
        if self.depth > MAX_DEPTH:
            return [Paragraph(line=line, text=inline.escape(inline.squash(text)))]
        document = parse(text, self.outline.source)
        inner = _Builder(self.outline, base=self.base, offset=line - 1, depth=self.depth + 1)
        blocks = inner.blocks(document.children, level)
        self.last = max(self.last, inner.last)
        return blocks

    def inline(self, node: nodes.Node) -> str:
        return inline.squash(self.inline_content(node))

    def inline_content(self, node: nodes.Node) -> str:
        return "".join(self.inline_node(child) for child in node.children)

    def inline_node(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.Text):
            return inline.escape(node.astext())  # astext() takes out docutils' null-byte escapes
        if isinstance(node, nodes.literal | nodes.math):
            return inline.code(node.astext())
        if isinstance(node, nodes.footnote_reference | nodes.citation_reference | nodes.image | nodes.system_message):
            return ""
        if isinstance(node, nodes.problematic):
            return "" if _refused_raw(node) else inline.escape(node.astext())
        content = self.inline_content(node)
        if isinstance(node, nodes.strong):
            return inline.wrap("**", content)
        if isinstance(node, nodes.emphasis | nodes.title_reference):
            return inline.wrap("*", content)
        if isinstance(node, nodes.reference) and node.get("refuri"):
            return inline.link(content, str(node["refuri"]), self.base)
        return content


def _children[T: nodes.Node](node: nodes.Element, kind: type[T]) -> list[T]:
    return [child for child in node.children if isinstance(child, kind)]


def _refused_raw(node: nodes.problematic) -> bool:
    """A role derived from `raw` (`.. role:: html(raw)`): docutils refuses it and leaves its source; no text either."""
    message = node.document.ids.get(node.get("refid", "")) if node.document is not None else None
    return message is not None and "roles disabled" in message.astext()


def _announced(blocks: list[Block]) -> bool:
    last = blocks[-1] if blocks else None
    return isinstance(last, Paragraph) and bool(ANNOUNCES_MESSAGE.search(last.text.rstrip()))
