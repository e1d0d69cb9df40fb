"""Read a guide file into its sections, causes and steps (no tree yet, no Django).

The file is a normal troubleshooting docs page; light markup lives in YAML blocks inside HTML
comments. See content/README.md for the format. Every piece keeps its line number so errors
and provenance can point at the exact place.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError
from .format import CAUSE_KEYS, FRONT_MATTER_KEYS, SECTION_KEYS, STEPS_KEYS, SUBSECTIONS

# libyaml's loader when PyYAML was built with it: about ten times faster on big guides.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Most markup is one `key: word` line (`id: x`, `cause: x`): read without a YAML parser, a third of a big
# guide's parse. The key and the word must still be what YAML would read as text (not `yes`, `1`, `null`).
ONE_LINE = re.compile(r"([A-Za-z_]\w*): +(\w[\w-]*)\n", re.ASCII)
YAML_TEXT = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^([-*+]|\d{1,3}[.)])\s+(.*)$")
# A fence may open on a list item's own line ("1. ```"): a heading-like line inside it is still code. It closes
# only with the same character, at least as long, and nothing after it (CommonMark), so "````" can hold "```yaml".
FENCE = re.compile(r"^\s*(?:(?:[-*+]|\d{1,9}[.)])\s+)?(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
# Within a part's own lines (causes, steps), where lists are read item by item.
FENCE_LINE = re.compile(r"^\s*(```|~~~)")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class Meta:
    values: dict[str, Any] = field(default_factory=dict)
    line: int = 0


@dataclass
class Cause:
    text: str
    line: int
    meta: Meta = field(default_factory=Meta)


@dataclass
class StepsBlock:
    heading: str
    line: int
    intro: str = ""
    steps: list[str] = field(default_factory=list)
    # (first, last) line of each step's list item, so an admin edit can patch exactly those lines.
    step_lines: list[tuple[int, int]] = field(default_factory=list)
    meta: Meta = field(default_factory=Meta)


@dataclass
class Section:
    heading: str
    line: int
    meta: Meta = field(default_factory=Meta)
    preamble: str = ""
    symptom: str = ""
    causes: list[Cause] = field(default_factory=list)
    steps: list[StepsBlock] = field(default_factory=list)


@dataclass
class Document:
    path: str
    front: Meta
    title: str = ""
    intro: str = ""
    sections: list[Section] = field(default_factory=list)
    # The exact text read, kept so the database can hold it and export it byte for byte.
    source_text: str = ""


@dataclass
class _Lines:
    """A run of (line number, text) pairs belonging to one part of the page."""

    items: list[tuple[int, str]] = field(default_factory=list)

    def add(self, number: int, text: str) -> None:
        self.items.append((number, text))

    def text(self) -> str:
        return "\n".join(text for _, text in self.items).strip()


def parse_file(path: Path, display_name: str | None = None) -> tuple[Document, list[ContentError]]:
    name = display_name or path.name
    try:
        # Bytes, not read_text(): universal newlines would turn CRLF into LF and break a byte-identical export.
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return Document(name, Meta()), [ContentError(name, 1, None, f"not UTF-8 text ({exc.reason})")]
    return parse_text(text, name)


def parse_text(text: str, name: str) -> tuple[Document, list[ContentError]]:
    parser = _Parser(name)
    document = parser.parse(text)
    document.source_text = text
    return document, parser.errors


class _Parser:
    def __init__(self, name: str) -> None:
        self.name = name
        self.errors: list[ContentError] = []

    def error(self, line: int, message: str, node: str | None = None) -> None:
        self.errors.append(ContentError(self.name, line, node, message))

    def parse(self, text: str) -> Document:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        document = Document(self.name, Meta())
        if not text.strip():
            self.error(1, "the file is empty")
            return document
        start = self._front_matter(lines, document)
        self._body(lines, start, document)
        if not document.sections and not self.errors:
            self.error(1, "no '##' symptom sections found")
        return document

    def _front_matter(self, lines: list[str], document: Document) -> int:
        if lines[0].strip() != "---":
            return 0
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                block = "\n".join(lines[1:index])
                document.front = self._meta(block, 2, FRONT_MATTER_KEYS, "front matter")
                return index + 1
        self.error(1, "front matter opened with '---' is never closed")
        return len(lines)

    def _meta(self, block: str, line: int, allowed: set[str], where: str, node: str | None = None) -> Meta:
        # Text on the opening line ("<!-- id: x") is a top-level key; the rest keeps its nesting.
        first, _, rest = block.partition("\n")
        block = first.strip() + "\n" + textwrap.dedent(rest)
        simple = ONE_LINE.fullmatch(block)
        if simple and all(_yaml_text(part) for part in simple.groups()):
            values: Any = {simple[1]: simple[2]}
        else:
            try:
                values = yaml.load(block, Loader=SAFE_LOADER) if block.strip() else {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                at = line + (mark.line if mark else 0)
                problem = getattr(exc, "problem", None) or str(exc)
                self.error(at, f"markup in {where} is not valid YAML: {problem}", node)
                return Meta({}, line)
        if values is None:
            values = {}
        if not isinstance(values, dict):
            self.error(line, f"markup in {where} must be 'key: value' lines", node)
            return Meta({}, line)
        for key in values:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.error(line, f"unknown markup key '{key}' in {where} (known keys: {known})", node)
        return Meta({key: value for key, value in values.items() if key in allowed}, line)

    def _body(self, lines: list[str], start: int, document: Document) -> None:
        intro = _Lines()
        section: Section | None = None
        part = "preamble"
        parts: dict[str, _Lines] = {}
        fence = ""  # the open fence, if any

        def close_section() -> None:
            if section is not None:
                self._finish_section(section, parts)

        for index in range(start, len(lines)):
            number, line = index + 1, lines[index]
            found = FENCE.match(line)
            if found and not fence:
                fence = found["fence"]
            elif (
                found
                and found["fence"][0] == fence[0]
                and len(found["fence"]) >= len(fence)
                and not found["info"].strip()
            ):
                fence = ""
            match = None if fence else HEADING.match(line)
            if match:
                level, heading = len(match.group(1)), match.group(2).strip()
                if level == 1:
                    if section is None and not document.title:
                        document.title = heading
                        continue
                elif level == 2:
                    close_section()
                    section = Section(heading=heading, line=number)
                    document.sections.append(section)
                    parts = {"preamble": _Lines()}
                    part = "preamble"
                    continue
                elif level == 3 and section is not None:
                    kind = SUBSECTIONS.get(heading.lower().rstrip(":").strip())
                    if kind is None:
                        self.error(
                            number,
                            f"unknown subsection '### {heading}' (use ### Symptom, "
                            "### Common causes or ### Troubleshooting steps)",
                            _section_label(section),
                        )
                        kind = "ignored"
                    part = kind
                    parts.setdefault(part, _Lines())
                    continue
            if section is None:
                intro.add(number, line)
            else:
                parts.setdefault(part, _Lines()).add(number, line)
        close_section()
        document.intro = _strip_comments(intro.text())

    def _finish_section(self, section: Section, parts: dict[str, _Lines]) -> None:
        label = _section_label(section)
        preamble, meta = self._take_meta(parts.get("preamble", _Lines()), SECTION_KEYS, "the section", label)
        section.meta = meta if meta.line else Meta({}, section.line)
        section.preamble = _strip_comments(preamble.text())
        section.symptom = _strip_comments(parts["symptom"].text()) if "symptom" in parts else ""
        if "causes" in parts:
            section.causes = self._causes(parts["causes"], section)
        if "steps" in parts:
            section.steps = self._steps(parts["steps"], section)

    def _take_meta(self, lines: _Lines, allowed: set[str], where: str, node: str | None) -> tuple[_Lines, Meta]:
        """Split the first comment block out of some lines, parsed as markup."""
        rest = _Lines()
        meta = Meta()
        block: list[str] | None = None
        block_line = 0
        for number, text in lines.items:
            stripped = text.strip()
            if block is None and not meta.line and stripped.startswith("<!--"):
                block, block_line = [], number
                text = stripped[4:]
                stripped = text.strip()
                if "-->" not in stripped:
                    block.append(text)
                    continue
            if block is not None:
                if "-->" in text:
                    block.append(text.split("-->", 1)[0])
                    meta = self._meta("\n".join(block), block_line, allowed, where, node)
                    block = None
                else:
                    block.append(text)
                continue
            rest.add(number, text)
        if block is not None:
            self.error(block_line, "comment '<!--' is never closed with '-->'", node)
        return rest, meta

    def _list_items(self, lines: _Lines) -> tuple[_Lines, list[tuple[int, _Lines]]]:
        """Top-level list items with their indented continuation lines; text before them apart."""
        before = _Lines()
        items: list[tuple[int, _Lines]] = []
        in_fence = False
        for number, text in lines.items:
            if FENCE_LINE.match(text) and (not items or text.startswith(" ")):
                in_fence = not in_fence
            match = None if in_fence else LIST_ITEM.match(text)
            if match:
                item = _Lines()
                item.add(number, match.group(2))
                items.append((number, item))
            elif items and (not text.strip() or text.startswith((" ", "\t"))):
                items[-1][1].add(number, _dedent_line(text))
            elif items and text.strip():
                # Unindented text after a list: a lazy continuation in Markdown terms.
                items[-1][1].add(number, text)
            else:
                before.add(number, text)
        return before, items

    def _causes(self, lines: _Lines, section: Section) -> list[Cause]:
        before, items = self._list_items(lines)
        if not items and before.text():
            items = [(before.items[0][0], before)]
        causes = []
        for number, item in items:
            text, meta = self._take_meta(item, CAUSE_KEYS, "a cause", _section_label(section))
            causes.append(Cause(text=_strip_comments(text.text()), line=number, meta=meta))
        return causes

    def _steps(self, lines: _Lines, section: Section) -> list[StepsBlock]:
        blocks: list[tuple[str, int, _Lines]] = [("", lines.items[0][0] if lines.items else section.line, _Lines())]
        in_fence = False
        for number, text in lines.items:
            if FENCE_LINE.match(text):
                in_fence = not in_fence
            match = None if in_fence else HEADING.match(text)
            if match and len(match.group(1)) == 4:
                blocks.append((match.group(2).strip(), number, _Lines()))
            elif match:
                self.error(
                    number, "only '####' headings may appear inside Troubleshooting steps", _section_label(section)
                )
            else:
                blocks[-1][2].add(number, text)
        if not blocks[0][2].text():
            blocks = blocks[1:]
        result = []
        for heading, number, block_lines in blocks:
            body, meta = self._take_meta(block_lines, STEPS_KEYS, "a steps block", _section_label(section))
            before, items = self._list_items(body)
            steps = [(_strip_comments(item.text()), _span(item)) for _, item in items]
            result.append(
                StepsBlock(
                    heading=heading,
                    line=number,
                    intro=_strip_comments(before.text()),
                    steps=[text for text, _ in steps if text],
                    step_lines=[span for text, span in steps if text],
                    meta=meta,
                )
            )
        return result


def _span(lines: _Lines) -> tuple[int, int]:
    """First and last non-blank line of a list item."""
    numbers = [number for number, text in lines.items if text.strip()]
    return numbers[0], numbers[-1]


def _dedent_line(text: str) -> str:
    for prefix in ("   ", "  ", "\t"):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text.lstrip()


def _yaml_text(word: str) -> bool:
    # types-PyYAML leaves Resolver.resolve unannotated; it returns the tag YAML would give the word.
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, word, (True, False))  # type: ignore[no-untyped-call]
    return tag == YAML_TEXT


def _strip_comments(text: str) -> str:
    return COMMENT.sub("", text).strip()


def _section_label(section: Section) -> str:
    value = section.meta.values.get("id") if section.meta.values else None
    return str(value) if value else section.heading
