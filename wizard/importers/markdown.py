"""Docs-repo Markdown -> outline, through markdown-it-py's token tree and its line maps.

The page's docs-site syntax is first rewritten to CommonMark line for line (markdown_sites.py), so
every token's `map` is still a line of the source file. Kramdown attribute lists (`{: tsSymptoms}`,
`{: #anchor}`, `{: tip}`) are read here, where the tree shows which block they belong to: kramdown
applies one to the block it directly follows, or else to the block it directly precedes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from . import inline
from .blocks import IAL_ROLES, admonition_kind, take_title
from .html_blocks import fragment_blocks
from .markdown_sites import rewrite, substitute
from .outline import Admonition, Block, Code, Heading, ListBlock, ListItem, Outline, Paragraph, ReadNote, Table

IAL = re.compile(r"\{:\s*([^}]*)\}")
# `## Title {#anchor}` (Hugo, Pandoc) and `## Title { #anchor .class }` (MkDocs attr_list).
HEADING_ATTRS = re.compile(r"\s*\{\s*:?\s*((?:[#.][\w-]+\s*)+)\}\s*$")
ALERT = re.compile(r"^\[!(?P<kind>[\w-]+)(?P<rest>[^\]]*)\]\s*")
# Inline HTML whose content is no page text (scripts, styles, embedded frames and forms).
SKIPPED_HTML = "script|style|iframe|object|embed|template|noscript|svg|textarea|select|button|math"
HTML_OPEN = re.compile(rf"^<({SKIPPED_HTML})\b(?![^>]*/>)", re.IGNORECASE)
HTML_CLOSE = re.compile(rf"^</({SKIPPED_HTML})\s*>", re.IGNORECASE)
CANONICAL_KEYS = ("canonical_url", "canonicalUrl", "canonical", "url", "permalink")
MYST_DIRECTIVE = re.compile(r"^\{(?P<name>[\w-]+)\}\s*(?P<title>.*)$")


# markdown-it's inline parsing is quadratic on some text ("[[[[..." with no closing bracket): longer
# inline runs (no real paragraph comes near) are read as plain text, so a hostile page costs seconds, not hours.
LONGEST_INLINE = 5000


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Raw HTML on: the reader takes the text of HTML blocks itself rather than show their tags as text.
    parser = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    # Every link is a link token, so inline.link() drops a javascript: target and keeps only the text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # markdown-it-py's documented hook
    # Inline content is parsed by _parse(), one bounded run at a time.
    return parser.enable(["table", "strikethrough"]).disable("inline")


def _parse(text: str, notes: list[ReadNote], offset: int = 0) -> list[SyntaxTreeNode]:
    """The page's block tree, each inline run parsed unless it is too long to parse safely."""
    parser = _parser()
    env: dict[str, Any] = {}
    tokens = parser.parse(text, env)
    for token in tokens:
        if token.type != "inline":
            continue
        if len(token.content) > LONGEST_INLINE:
            line = (token.map[0] if token.map else 0) + 1 + offset
            notes.append(ReadNote(line, f"text over {LONGEST_INLINE:,} characters: its inline markup is read as text"))
            token.children = [Token("text", "", 0, content=token.content)]
        else:
            token.children = []
            parser.inline.parse(token.content, parser, env, token.children)
    return SyntaxTreeNode(tokens).children


def read_markdown(text: str, source: str, *, url: str = "") -> Outline:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    outline = Outline(source=source, format="markdown")
    front_title, front_title_line = _front_matter(lines, outline)
    site = rewrite(lines)
    outline.notes += site.notes
    builder = _Builder(outline, site.titles, base=url, lines=site.lines)
    outline.blocks = builder.blocks(_parse("\n".join(site.lines), outline.notes))
    take_title(outline, front_title or _file_title(source), front_title_line)
    return outline


def _file_title(source: str) -> str:
    """What MkDocs titles a page with no title and no level-1 heading: its file name ("troubleshooting-errors.md"
    -> "Troubleshooting errors"). Only for a Markdown file's name, never a pasted text's label or a URL."""
    name = PurePosixPath(source).name
    if "://" in source or not name.lower().endswith((".md", ".markdown")):
        return ""
    if name.rsplit(".", 1)[0].lower() in {"index", "readme", "_index"}:
        return ""  # a folder's page: its name says nothing; the recogniser falls back to the first heading
    words = " ".join(re.split(r"[-_\s]+", name.rsplit(".", 1)[0])).strip()
    return words[:1].upper() + words[1:]


def _front_matter(lines: list[str], outline: Outline) -> tuple[str, int]:
    """Read YAML (---) or TOML (+++) front matter into the outline, blank its lines; the title and its line."""
    mark = lines[0].strip() if lines else ""
    if mark not in {"---", "+++"}:
        return "", 1
    ends = {"---", "..."} if mark == "---" else {"+++"}
    end = next((index for index in range(1, len(lines)) if lines[index].strip() in ends), None)
    if end is None:
        return "", 1
    body = lines[1:end]
    lines[: end + 1] = [""] * (end + 1)
    try:
        values = yaml.safe_load("\n".join(body)) if mark == "---" else tomllib.loads("\n".join(body))
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, TypeError, RecursionError) as error:
        values = _toml(body) if mark == "---" else None
        if values is None:
            problem = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            kind = "YAML" if mark == "---" else "TOML"
            outline.notes.append(ReadNote(1, f"front matter is not valid {kind}: {problem}"))
            return "", 1
    if not isinstance(values, dict) and mark == "---":
        values = _toml(body)  # 'title = "..."' alone parses as one YAML string: TOML says what it is
    if not isinstance(values, dict):
        return "", 1
    # GitHub docs call the page's summary `intro`; Jekyll themes `excerpt` or `summary`.
    outline.description = next(
        (_string(values.get(key)) for key in ("description", "intro", "summary", "excerpt") if values.get(key)), ""
    )
    for key in CANONICAL_KEYS:
        value = _string(values.get(key))
        if value.startswith(("https://", "http://")):
            outline.url = value
            break
    title_line = next((number for number, line in enumerate(body, 2) if re.match(r"\s*title\s*[:=]", line)), 1)
    return _string(values.get("title")), title_line


def _toml(body: list[str]) -> dict[str, object] | None:
    """Front matter in TOML between '---' lines (Supabase's docs), when YAML cannot read it as a mapping."""
    try:
        return tomllib.loads("\n".join(body))
    except (tomllib.TOMLDecodeError, ValueError, TypeError, RecursionError):
        return None


def _string(value: object) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    return inline.squash(substitute(str(value)))


@dataclass
class _Attributes:
    """What kramdown attribute lists said about a block."""

    anchor: str = ""
    names: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.anchor or self.names)

    def merge(self, other: _Attributes) -> None:
        self.anchor = other.anchor or self.anchor
        self.names += other.names

    def add(self, text: str) -> None:
        for part in text.split():
            part = part.split("=", 1)[0] if "=" in part else part
            if part.startswith("#"):
                self.anchor = part[1:]
            elif part.strip(".:"):
                self.names.append(part.strip(".:").lower())

    @property
    def role(self) -> str | None:
        return next((IAL_ROLES[name] for name in self.names if name in IAL_ROLES), None)


class _Builder:
    def __init__(
        self, outline: Outline, titles: dict[int, str], *, base: str, lines: list[str], offset: int = 0
    ) -> None:
        self.outline = outline
        self.titles = titles
        self.lines = lines  # the text parsed, to see whether an alert's marker stands on a line of its own
        self.base = base
        self.offset = offset  # lines above the text parsed, for the MyST directives parsed on their own

    def line(self, node: SyntaxTreeNode) -> int:
        return (node.map[0] if node.map else 0) + 1 + self.offset

    def blocks(self, nodes: list[SyntaxTreeNode]) -> list[Block]:
        result: list[Block] = []
        pending = _Attributes()  # an attribute list standing alone, for the next block
        previous_end = -1
        for node in nodes:
            start = node.map[0] if node.map else -1
            made, attributes = self.block(node)
            if not made and attributes:
                if result and start == previous_end:
                    result[-1] = self.apply(result[-1], attributes)
                else:
                    pending.merge(attributes)
            for block in made:
                if pending:
                    block, pending = self.apply(block, pending), _Attributes()
                result.append(self.apply(block, attributes))
            previous_end = node.map[1] if node.map else previous_end
        return [block for block in result if not (isinstance(block, Paragraph) and not block.text)]

    def block(self, node: SyntaxTreeNode) -> tuple[list[Block], _Attributes]:
        """The outline blocks of one node, and the attribute lists found in its text."""
        kind, line = node.type, self.line(node)
        if kind == "heading":
            text, attributes = self.inline(node.children[0])
            found = HEADING_ATTRS.search(text)
            if found:
                attributes.add(found[1])
                text = text[: found.start()].rstrip()
            return [Heading(line=line, level=int(node.tag[1]), text=text)], attributes
        if kind == "paragraph":
            text, attributes = self.inline(node.children[0])
            return ([Paragraph(line=line, text=text)] if text else []), attributes
        if kind in {"bullet_list", "ordered_list"}:
            return self.list_block(node)
        if kind == "blockquote":
            return self.blockquote(node), _Attributes()
        if kind in {"fence", "code_block"}:
            return self.code(node), _Attributes()
        if kind == "html_block":
            return fragment_blocks(node.content, line - 1, self.base, self.outline.notes), _Attributes()
        if kind == "table":
            return self.table(node), _Attributes()
        return [], _Attributes()

    def apply(self, block: Block, attributes: _Attributes) -> Block:
        if not attributes:
            return block
        role = attributes.role
        if isinstance(block, Heading):
            block.anchor = attributes.anchor or block.anchor
        if role and isinstance(block, Heading | Paragraph | ListBlock | Table):
            block.role = role  # type: ignore[assignment]
        if isinstance(block, Paragraph) and "shortdesc" in attributes.names and not self.outline.description:
            self.outline.description = block.text
            return replace(block, text="")
        callout = next((kind for name in attributes.names if (kind := admonition_kind(name))), None)
        if isinstance(block, Paragraph) and callout and callout != "quote":
            return Admonition(line=block.line, kind=callout, blocks=[block])
        return block

    def list_block(self, node: SyntaxTreeNode) -> tuple[list[Block], _Attributes]:
        attributes = _Attributes()
        items = []
        for item in node.children:
            children = item.children
            text = ""
            if children and children[0].type == "paragraph":
                text, found = self.inline(children[0].children[0])
                children = children[1:]
                attributes.names += found.names  # `{: tsResolve}` after a list ends up in its last item
            items.append(ListItem(line=self.line(item), text=text, blocks=self.blocks(children)))
        return [ListBlock(line=self.line(node), ordered=node.type == "ordered_list", items=items)], attributes

    def blockquote(self, node: SyntaxTreeNode) -> list[Block]:
        blocks = self.blocks(node.children)
        first = blocks[0] if blocks else None
        alert = ALERT.match(first.text) if isinstance(first, Paragraph) else None
        if alert is None or not isinstance(first, Paragraph):
            return [Admonition(line=self.line(node), kind="quote", blocks=blocks)]
        marker_line = self.lines[first.line - 1 - self.offset] if first.line - 1 - self.offset < len(self.lines) else ""
        alone = marker_line.replace(">", "").strip().startswith("[!") and marker_line.rstrip().endswith("]")
        rest = replace(first, text=first.text[alert.end() :], line=first.line + alone)
        blocks = ([rest] if rest.text else []) + blocks[1:]
        kind = admonition_kind(alert["kind"])
        if kind is None:
            return blocks  # DocFX `[!div class="nextstepaction"]` and the like: a styling wrapper
        title = self.titles.get(first.line, "")
        return [Admonition(line=self.line(node), kind=kind, title=title, blocks=blocks)]

    def code(self, node: SyntaxTreeNode) -> list[Block]:
        info = node.info.strip() if node.type == "fence" else ""
        directive = MYST_DIRECTIVE.match(info)
        kind = admonition_kind(directive["name"]) if directive else None
        if directive and kind:
            # MyST `{note}` fences hold Markdown: read it as its own page, lines offset into this one.
            inner = _Builder(self.outline, {}, base=self.base, lines=node.content.split("\n"), offset=self.line(node))
            blocks = inner.blocks(_parse(node.content, self.outline.notes, self.line(node)))
            return [Admonition(line=self.line(node), kind=kind, title=directive["title"].strip(), blocks=blocks)]
        language = info.split()[0] if info else ""
        return [Code(line=self.line(node), text=node.content.rstrip("\n"), language=language.strip("{}"))]

    def table(self, node: SyntaxTreeNode) -> list[Block]:
        rows: list[list[str]] = []
        header: list[str] = []
        for section in node.children:
            for row in section.children:
                cells = [self.inline(cell.children[0])[0] if cell.children else "" for cell in row.children]
                if section.type == "thead":
                    header = cells
                elif any(cells):  # a row left empty by a kramdown attribute list under the table
                    rows.append(cells)
        return [Table(line=self.line(node), header=header, rows=rows)]

    def inline(self, node: SyntaxTreeNode) -> tuple[str, _Attributes]:
        """Inline tokens as Markdown inline text, without raw HTML and attribute lists (returned apart)."""
        attributes = _Attributes()
        tokens: list[Token] = (node.token.children or []) if node.token else []
        stack: list[tuple[str, list[str], str]] = [("", [], "")]
        skipping = 0
        for token in tokens:
            parts = stack[-1][1]
            if token.type == "html_inline":
                skipping += bool(HTML_OPEN.match(token.content)) - bool(skipping and HTML_CLOSE.match(token.content))
                if re.match(r"<br\s*/?>", token.content, re.IGNORECASE):
                    parts.append(" ")
            elif skipping:
                continue
            elif token.type in {"text", "text_special"}:
                for match in IAL.finditer(token.content):
                    attributes.add(match[1])
                text = IAL.sub("", token.content)
                parts.append(inline.escape(text))
            elif token.type == "code_inline":
                parts.append(inline.code(token.content))
            elif token.type in {"softbreak", "hardbreak"}:
                parts.append(" ")
            elif token.type in {"strong_open", "em_open", "link_open", "s_open"}:
                stack.append((token.type, [], str(token.attrs.get("href", ""))))
            elif token.type in {"strong_close", "em_close", "link_close", "s_close"} and len(stack) > 1:
                kind, inner, href = stack.pop()
                stack[-1][1].append(_close(kind, "".join(inner), href, self.base))
        while len(stack) > 1:  # markdown-it always closes what it opens; this keeps a broken stream readable
            kind, inner, href = stack.pop()
            stack[-1][1].append("".join(inner))
        return inline.squash("".join(stack[0][1])), attributes


def _close(kind: str, text: str, href: str, base: str) -> str:
    if kind == "strong_open":
        return inline.wrap("**", text)
    if kind == "em_open":
        return inline.wrap("*", text)
    if kind == "link_open":
        return inline.link(text, href, base)
    return text
