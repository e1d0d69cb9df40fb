"""Turn a troubleshooting docs page into a draft guide in the content format.

The page has the documentation's shape: one section per symptom, each with "Symptom", "Common
causes" and "Troubleshooting steps" parts. It may come as Markdown, HTML or plain text scraped from
the site (where headings are lost). Each reader turns its format into the same flat list of
blocks; one assembler groups the blocks into sections and checks their shape; one writer emits the
annotated format of content/README.md with `draft: true`, and the draft is read back with the
content pipeline before anyone writes it anywhere. No Django here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePath

import yaml

from . import read_guide_text
from .errors import ContentError, ContentErrors
from .graph import NODE_ID, START, GuideSpec, slugify

MARKDOWN, HTML, TEXT = "markdown", "html", "text"

# Part labels as a docs page writes them. Plain text has no headings, so only the unambiguous
# labels count there (a stray "Troubleshooting" line in scraped navigation is not a part).
PARTS = {
    "symptom": "symptom",
    "symptoms": "symptom",
    "common causes": "causes",
    "common cause": "causes",
    "causes": "causes",
    "troubleshooting steps": "steps",
    "troubleshooting": "steps",
    "steps": "steps",
}
PLAIN_TEXT_PARTS = {"symptom", "symptoms", "common causes", "common cause", "troubleshooting steps"}
PART_NAMES = {"symptom": "Symptom", "causes": "Common causes", "steps": "Troubleshooting steps"}

# Where a scraped page's content ends and its footer begins.
PAGE_END = {"was this helpful?"}

TITLE, PART, SUB, PARA, ITEM = "title", "part", "sub", "para", "item"

BULLET = re.compile(r"^(?:[•◦▪‣·*+-]|\d{1,3}[.)])\s+(.*)$")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MD_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$")
FENCE = re.compile(r"^\s*(```|~~~)")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“`(])")
QUOTED = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]")
ERROR_CODE = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
# Identifiers that plain text lost the code formatting of: API paths, snake_case fields, ERROR_CODES.
IDENTIFIER = re.compile(
    r"(?<![\w`/])(/[a-z][a-z0-9_]*(?:/[a-z0-9_{}]+)+)(?![\w/])"
    r"|\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b"
    r"|\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b"
)
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass
class Block:
    """One piece of a page: a title (level 1 page, 2 section), a part label, a sub-label, a paragraph or a list item."""

    kind: str
    text: str
    line: int
    level: int = 1


@dataclass
class DocsCause:
    text: str
    line: int
    group: str = ""


@dataclass
class DocsSteps:
    label: str
    line: int
    intro: str = ""
    steps: list[str] = field(default_factory=list)


@dataclass
class DocsSection:
    title: str
    line: int
    intro: str = ""
    symptom: str = ""
    causes: list[DocsCause] = field(default_factory=list)
    steps: list[DocsSteps] = field(default_factory=list)
    parts: dict[str, int] = field(default_factory=dict)

    @property
    def is_overview(self) -> bool:
        """A section with text but none of the three parts, like an introduction or "OAuth not working"."""
        return not self.parts


@dataclass
class DocsPage:
    title: str = ""
    intro: str = ""
    docs_url: str = ""
    sections: list[DocsSection] = field(default_factory=list)


@dataclass
class Todo:
    line: int
    node: str
    message: str


@dataclass
class Draft:
    guide: GuideSpec
    text: str
    page: DocsPage
    todo: list[Todo] = field(default_factory=list)


# Detecting the format -----------------------------------------------------------------------------


def detect_format(text: str, name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in {".md", ".markdown"}:
        return MARKDOWN
    if suffix in {".html", ".htm"}:
        return HTML
    if suffix == ".txt":
        return TEXT
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype", "<html")) or re.search(r"<h[1-6][\s>]", head):
        return HTML
    if re.search(r"^#{2,3}\s+\S", text, flags=re.MULTILINE):
        return MARKDOWN
    return TEXT


# Readers: one format each, the same blocks out ------------------------------------------------------


def part_kind(text: str, *, plain_text: bool = False) -> str | None:
    label = re.sub(r"[*_`]", "", text).strip().rstrip(":").strip().lower()
    if plain_text and label not in PLAIN_TEXT_PARTS:
        return None
    return PARTS.get(label)


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a Markdown page: `#` page title, `##` sections, `###` parts, deeper headings as sub-labels."""
    text = COMMENT.sub(lambda match: "\n" * match.group(0).count("\n"), text)
    lines = text.replace("\r\n", "\n").split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((index + 1 for index in range(1, len(lines)) if lines[index].strip() == "---"), 0)
    blocks: list[Block] = []
    current: Block | None = None
    in_fence = False
    after_blank = False
    for index in range(start, len(lines)):
        number, line = index + 1, lines[index]
        if FENCE.match(line) or in_fence:
            in_fence = in_fence != bool(FENCE.match(line))
            if current is None:
                current = Block(PARA, "", number)
                blocks.append(current)
            current.text = f"{current.text}\n{re.sub(r'^ {0,4}', '', line.rstrip())}".strip("\n")
            continue
        if not line.strip():
            if current is not None and current.kind == PARA:
                current = None
            after_blank = True
            continue
        heading = MD_HEADING.match(line)
        item = MD_ITEM.match(line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2).strip()
            if level <= 2:
                blocks.append(Block(TITLE, title, number, level))
            else:
                blocks.append(Block(PART if part_kind(title) else SUB, title, number, level))
            current = None
        elif item:
            current = Block(ITEM, item.group(3).strip(), number, 1 if len(item.group(1)) < 2 else 2)
            blocks.append(current)
        elif current is not None and (current.kind == PARA or not after_blank or line.startswith((" ", "\t"))):
            current.text += " " + line.strip()
        else:
            current = Block(PARA, line.strip(), number)
            blocks.append(current)
        after_blank = False
    return blocks


class _HTMLReader(HTMLParser):
    SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "svg", "template", "form"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
    BLOCK = frozenset({"p", "div", "section", "dt", "dd", "blockquote", "table", "tr", "td", "th", "body"})
    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[Block, bool]] = []
        self.page_title = ""
        self.docs_url = ""
        self.skip = 0
        self.main = 0
        self.in_title = False
        self.pre = 0
        self.lists: list[str] = []
        self.kind, self.level, self.line = PARA, 1, 1
        self.buffer: list[str] = []
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.skip:
            self.skip += tag in self.SKIP
            return
        if tag in self.SKIP:
            self.skip = 1
        elif tag == "title":
            self.in_title = True
        elif tag == "link" and "canonical" in values.get("rel", "").split():
            self.docs_url = values.get("href", "")
        elif tag == "meta" and values.get("property") == "og:url" and not self.docs_url:
            self.docs_url = values.get("content", "")
        elif tag in {"main", "article"}:
            self.flush()
            self.main += 1
        elif tag in self.HEADINGS:
            self.start(TITLE if tag in {"h1", "h2"} else SUB, int(tag[1]))
        elif tag in {"ul", "ol"}:
            self.flush()
            self.lists.append(tag)
        elif tag == "li":
            self.start(ITEM, len(self.lists) or 1)
        elif tag == "pre":
            self.start(PARA)
            self.buffer.append("```\n")
            self.pre += 1
        elif tag in self.BLOCK and self.kind == ITEM and self.lists:
            self.buffer.append(" ")  # a paragraph inside a list item is part of the item
        elif tag in self.BLOCK:
            self.start(PARA)
        elif tag == "br":
            self.buffer.append("\n" if self.pre else " ")
        elif tag == "code" and not self.pre:
            self.buffer.append("`")
        elif tag in {"strong", "b"}:
            self.buffer.append("**")
        elif tag == "a":
            self.links.append((len(self.buffer), values.get("href", "")))

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= tag in self.SKIP
            return
        if tag == "title":
            self.in_title = False
        elif tag in {"main", "article"}:
            self.flush()
            self.main -= 1
        elif tag in {"ul", "ol"}:
            self.flush()
            if self.lists:
                self.lists.pop()
            self.kind, self.level = (ITEM, len(self.lists)) if self.lists else (PARA, 1)
        elif tag == "pre":
            self.buffer.append("\n```")
            self.pre -= 1
            self.flush()
        elif tag in self.BLOCK and self.kind == ITEM and self.lists:
            self.buffer.append(" ")
        elif tag in self.HEADINGS or tag in self.BLOCK or tag == "li":
            self.flush()
        elif tag == "code" and not self.pre:
            self.buffer.append("`")
        elif tag in {"strong", "b"}:
            self.buffer.append("**")
        elif tag == "a" and self.links:
            start, href = self.links.pop()
            label = "".join(self.buffer[start:]).strip()
            if href.startswith(("https://", "http://")) and label:
                self.buffer[start:] = [f"[{label}]({href})"]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.in_title:
            self.page_title += data
        elif self.pre:
            self.buffer.append(data)
        elif data.strip() or self.buffer:
            if not self.buffer:
                self.line = self.getpos()[0]
            self.buffer.append(re.sub(r"\s+", " ", data))

    def start(self, kind: str, level: int = 1) -> None:
        self.flush()
        self.kind, self.level, self.line = kind, level, self.getpos()[0]

    def flush(self) -> None:
        text = "".join(self.buffer)
        if text.startswith("```"):
            text = text.strip("\n")
        else:
            text = re.sub(r"\s+", " ", text.replace("****", "").replace("``", "")).strip()
        if text and text.strip("`* "):
            kind = self.kind
            if kind == SUB and part_kind(text):
                kind = PART
            self.blocks.append((Block(kind, text, self.line, self.level), self.main > 0))
        self.buffer = []
        self.links = []
        if self.kind != ITEM or not self.lists:
            self.kind, self.level = PARA, 1


def html_blocks(text: str) -> tuple[list[Block], str, str]:
    """Blocks of an HTML page (only its <main> or <article> if it has one), its <title> and canonical URL."""
    reader = _HTMLReader()
    reader.feed(text)
    reader.close()
    reader.flush()
    in_main = [block for block, inside in reader.blocks if inside]
    blocks = in_main or [block for block, _ in reader.blocks]
    # "Link troubleshooting | Example Docs": the site's name after the separator is not the page's title.
    title = re.split(r"\s+[|\u2013\u2014]\s+", re.sub(r"\s+", " ", reader.page_title).strip())[0]
    return blocks, title, reader.docs_url


def _heading_like(text: str) -> bool:
    return len(text) <= 120 and len(text.split()) <= 16 and not text.endswith((".", ":", ";", ","))


def plain_text_blocks(text: str) -> list[Block]:
    """Blocks of a page scraped as plain text, where the headings have to be recovered.

    A section title is a line followed by a "Symptom" line. A section with no parts (like "OAuth not
    working") has a title of two words or more standing alone between blank lines, followed by
    prose, where a new section may start. The page title is the first of the lines standing alone
    just above the first section; navigation above it is dropped, and so is the footer below
    "Was this helpful?".
    """
    raw = text.replace("\r\n", "\n").split("\n")
    lines: list[tuple[int, str, bool, bool]] = []  # number, text, blank before, blank after
    for index, line in enumerate(raw):
        stripped = line.strip()
        if stripped.lower() in PAGE_END:
            break
        if stripped:
            before = index == 0 or not raw[index - 1].strip()
            after = index + 1 >= len(raw) or not raw[index + 1].strip()
            lines.append((index + 1, stripped, before, after))

    def kind_of(text: str) -> str:
        if BULLET.match(text):
            return ITEM
        return PART if part_kind(text, plain_text=True) else PARA

    kinds = [kind_of(text) for _, text, _, _ in lines]
    blocks: list[Block] = []
    state = "none"
    groups: set[str] = set()
    first_structure = len(lines)
    for index, (number, text, before, after) in enumerate(lines):
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        kind = kinds[index]
        if kind == PART:
            state = part_kind(text, plain_text=True) or state
            first_structure = min(first_structure, index)
            blocks.append(Block(PART, text, number))
        elif kind == ITEM:
            blocks.append(Block(ITEM, BULLET.sub(r"\1", text).strip(), number))
        elif part_kind(following, plain_text=True) == "symptom" and kinds[index + 1] == PART:
            state, groups = "preamble", set()
            first_structure = min(first_structure, index)
            blocks.append(Block(TITLE, text, number, 2))
        elif (
            state in {"none", "preamble", "steps"}
            and before
            and after
            and _heading_like(text)
            and len(text.split()) >= 2
            and text.lower() not in groups
            and following
            and kinds[index + 1] == PARA
            and not _heading_like(following)
        ):
            state = "preamble"
            first_structure = min(first_structure, index)
            blocks.append(Block(TITLE, text, number, 2))
        elif state in {"causes", "steps"} and _heading_like(text) and len(text.split()) <= 4:
            groups.add(text.lower())
            blocks.append(Block(SUB, text, number))
        else:
            blocks.append(Block(PARA, text, number))

    # The page title: the first of the last run of lines standing alone above the first section or
    # part. Paragraphs of prose between them do not break the run; lists and blocks of short lines
    # (navigation) do.
    run: list[int] = []
    index = 0
    while index < first_structure:
        end = index + 1
        while end < first_structure and not lines[end][2]:
            end += 1
        group = range(index, end)
        if len(group) == 1 and kinds[index] == PARA and _heading_like(lines[index][1]):
            run.append(index)
        elif any(kinds[line] == ITEM for line in group) or all(_heading_like(lines[line][1]) for line in group):
            run = []
        index = end
    opens_with_overview = first_structure < len(lines) and blocks[first_structure].kind == TITLE
    if not run and opens_with_overview and part_kind(lines[first_structure + 1][1], plain_text=True) is None:
        run = [first_structure]  # the page opens with its title and introduction
    page_start = run[0] if run else first_structure
    if run:
        blocks[page_start] = Block(TITLE, lines[page_start][1], lines[page_start][0], 1)
        for index in run[1:]:
            blocks[index] = Block(SUB, lines[index][1], lines[index][0])
    result: list[Block] = []
    for index in range(page_start, len(blocks)):
        block = blocks[index]
        if block.kind == PARA and result and result[-1].kind == PARA and not lines[index][2]:
            result[-1].text += " " + block.text  # a paragraph wrapped over several lines
        else:
            result.append(block)
    return [_code_spans(block) for block in result]


def _code_spans(block: Block) -> Block:
    def wrap(match: re.Match[str]) -> str:
        return f"`{match.group(0)}`"

    return Block(block.kind, IDENTIFIER.sub(wrap, block.text), block.line, block.level)


# Assembling sections -------------------------------------------------------------------------------


def assemble(blocks: list[Block], name: str) -> DocsPage:
    """Group blocks into sections and check each has the documented shape; every problem is reported."""
    page = DocsPage()
    errors: list[ContentError] = []
    sections: list[DocsSection] = []
    section: DocsSection | None = None
    part = "intro"
    group = ""
    intro: list[str] = []
    cause_from_item = False

    def problem(line: int, message: str) -> None:
        errors.append(ContentError(name, line, None, message))

    for block in blocks:
        kind = block.kind
        if kind == PARA and part_kind(block.text) and re.fullmatch(r"\*\*[^*]+\*\*:?", block.text):
            kind = PART
        if kind == TITLE and block.level == 1:
            page.title = page.title or _plain(block.text)
        elif kind == TITLE:
            section = DocsSection(title=block.text, line=block.line)
            sections.append(section)
            part, group = "intro", ""
        elif kind == PART:
            label = part_kind(block.text) or ""
            if section is None:
                problem(block.line, f"'{_plain(block.text)}' at line {block.line} has no section title above it")
            elif label in section.parts:
                problem(
                    block.line,
                    f'section "{_plain(section.title)}" (line {section.line}) has a second '
                    f"'{PART_NAMES[label]}' part at line {block.line}: is a section title missing above it?",
                )
            else:
                section.parts[label] = block.line
                part, group, cause_from_item = label, "", False
                if label == "steps":
                    section.steps.append(DocsSteps(label="", line=block.line))
        elif section is None:
            if kind in {PARA, ITEM}:
                intro.append(_item_text(block))
        elif kind == SUB and part in {"causes", "steps"}:
            group = _plain(block.text)
            if part == "steps":
                section.steps.append(DocsSteps(label=group, line=block.line))
        elif part == "intro":
            section.intro = _join(section.intro, _text(block))
        elif part == "symptom":
            section.symptom = _join(section.symptom, _text(block))
        elif part == "causes":
            if kind == ITEM and block.level > 1 and section.causes:
                section.causes[-1].text += "\n- " + block.text
            elif kind == PARA and block.text.endswith(":") and not section.causes:
                continue  # a lead-in such as "The most common causes are:"
            elif kind == PARA and cause_from_item and section.causes[-1].group == group:
                section.causes[-1].text += "\n" + block.text
            else:
                section.causes.append(DocsCause(text=block.text, line=block.line, group=group))
                cause_from_item = kind == ITEM
        else:
            steps = section.steps[-1]
            if kind == PARA and block.text.endswith(":") and not steps.steps:
                steps.intro = _join(steps.intro, block.text)
            elif kind == ITEM and block.level > 1 and steps.steps:
                steps.steps[-1] += "\n- " + block.text
            else:
                steps.steps.append(block.text)

    seen_real = False
    for section in sections:
        label = f'section "{_plain(section.title)}" (line {section.line})'
        if not section.title.strip():
            problem(section.line, f"the section at line {section.line} has an empty title")
        if section.is_overview:
            if not seen_real:
                # Text above the first symptom section introduces the page.
                intro.append(section.intro)
            elif not section.intro:
                problem(section.line, f"{label} has no text and none of Symptom, Common causes, Troubleshooting steps")
            else:
                page.sections.append(section)
            continue
        seen_real = True
        page.sections.append(section)
        if "causes" not in section.parts:
            what = "a Symptom" if "symptom" in section.parts else "no Symptom"
            problem(section.line, f"{label} has {what} but no 'Common causes' part")
        elif not section.causes:
            problem(
                section.parts["causes"], f"{label}: 'Common causes' at line {section.parts['causes']} lists no cause"
            )
        if "symptom" not in section.parts and not section.intro:
            problem(section.line, f"{label} has no 'Symptom' part")
    if not sections and not errors:
        problem(1, "no symptom sections found (a title followed by Symptom, Common causes and Troubleshooting steps)")
    if errors:
        raise ContentErrors(errors)
    page.intro = "\n\n".join(text for text in intro if text)
    return page


def _item_text(block: Block) -> str:
    return f"- {block.text}" if block.kind == ITEM else block.text


def _text(block: Block) -> str:
    if block.kind == SUB:
        return f"**{_plain(block.text)}**"
    return _item_text(block)


def _join(first: str, second: str) -> str:
    if not first:
        return second
    separator = "\n" if first.split("\n")[-1].startswith("- ") and second.startswith("- ") else "\n\n"
    return first + separator + second


def _plain(text: str) -> str:
    return re.sub(r"[*`]", "", text).strip()


def read_page(text: str, name: str, fmt: str | None = None) -> DocsPage:
    fmt = fmt or detect_format(text, name)
    docs_url = ""
    html_title = ""
    if fmt == HTML:
        blocks, html_title, docs_url = html_blocks(text)
    elif fmt == MARKDOWN:
        blocks = markdown_blocks(text)
    else:
        blocks = plain_text_blocks(text)
    page = assemble(blocks, name)
    page.title = page.title or html_title
    page.docs_url = docs_url if docs_url.startswith(("https://", "http://")) else ""
    return page


# Writing the draft ----------------------------------------------------------------------------------


def draft_guide(page: DocsPage, *, guide_id: str, source: str, output: str) -> Draft:
    """The annotated draft of a page, read back with the content pipeline; ContentErrors if it would not load."""
    writer = _Writer(page, guide_id=guide_id, source=source)
    text = writer.write()
    guide, errors = read_guide_text(text, output)
    if errors:
        raise ContentErrors(errors)
    todo = [Todo(line, node, message) for line, node, message in writer.placeholders(guide)]
    todo += [Todo(node.line, node.id, "needs troubleshooting steps") for node in guide.missing_steps()]
    return Draft(guide=guide, text=text, page=page, todo=sorted(todo, key=lambda item: item.line))


def import_docs(text: str, *, name: str, guide_id: str, output: str, fmt: str | None = None) -> Draft:
    """A docs page as a draft guide: read, checked, converted and validated, or ContentErrors."""
    if not NODE_ID.match(guide_id):
        raise ContentErrors(
            [ContentError(output, 1, None, f"guide id '{guide_id}' must be lowercase letters, digits and dashes")]
        )
    return draft_guide(read_page(text, name, fmt), guide_id=guide_id, source=PurePath(name).name, output=output)


class _Writer:
    def __init__(self, page: DocsPage, *, guide_id: str, source: str) -> None:
        self.page = page
        self.guide_id = guide_id
        self.source = source
        self.used: set[str] = {START}
        self.lines: list[str] = []
        self.placeholder_sections: list[str] = []

    def unique(self, text: str, fallback: str) -> str:
        """An id from some text that no other node uses: more of the text's words first, then a number."""
        candidates = [_slug(text, words) or fallback for words in (8, 10, 12)]
        candidates += [f"{candidates[-1]}-{number}" for number in range(2, len(self.used) + 3)]
        for candidate in candidates:
            derived = {candidate, f"check-{candidate}", f"{candidate}-escalate"}
            if not derived & self.used:
                self.used.update(derived)
                return candidate
        raise AssertionError("unreachable: the numbered candidates outnumber the used ids")

    def write(self) -> str:
        page = self.page
        title = _plain(page.title) or self.guide_id.replace("-", " ").capitalize()
        front: dict[str, object] = {"id": self.guide_id, "title": title}
        if page.docs_url:
            front["docs"] = page.docs_url
        front["draft"] = True
        self.lines += ["---", *_yaml(front), "---", "", f"# {title}", ""]
        self.lines += [
            "<!--",
            f"Imported from {self.source} by `manage.py import_docs`. Before removing `draft: true`:",
            "write the troubleshooting steps and any missing causes (import_docs and load_content list",
            "them), check every id and question, and reword the page's text in our own words (README.md).",
            "-->",
            "",
        ]
        if page.intro:
            self.lines += [page.intro, ""]
        section_ids = [self.unique(section.title, f"section-{index}") for index, section in enumerate(page.sections, 1)]
        for section, section_id in zip(page.sections, section_ids, strict=True):
            self.section(section, section_id)
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def section(self, section: DocsSection, section_id: str) -> None:
        meta: dict[str, object] = {"id": section_id}
        phrases = [match.strip() for match in QUOTED.findall(_plain(section.title))]
        if phrases:
            meta["phrases"] = phrases
        codes = sorted(set(ERROR_CODE.findall(f"{section.title} {section.symptom}")))
        if codes:
            meta["codes"] = codes
        self.lines += [f"## {section.title}", "<!--", *_yaml(meta), "-->"]
        causes = section.causes
        if section.is_overview:
            self.placeholder_sections.append(section_id)
            self.lines.append("<!-- The docs page gives this section no Symptom and no causes: write them. -->")
            causes = [
                DocsCause(text="(Causes still to write: the docs page lists none for this section.)", line=section.line)
            ]
            cause_ids = [self.unique(f"{section_id} cause", f"{section_id}-cause")]
        else:
            cause_ids = [
                self.unique(_cause_title(cause, with_group=False), f"{section_id}-cause-{index}")
                for index, cause in enumerate(causes, 1)
            ]
        steps_by_cause = _steps_for_causes(section.steps, causes)
        if not any(steps_by_cause) and not section.is_overview:
            self.lines.append("<!-- The docs page gives no troubleshooting steps here: write them. -->")
        self.lines.append("")
        if section.intro:
            self.lines += [section.intro, ""]
        if section.symptom:
            self.lines += ["### Symptom", section.symptom, ""]
        self.lines.append("### Common causes")
        for cause, cause_id in zip(causes, cause_ids, strict=True):
            self.cause(cause, cause_id)
        self.lines += ["", "### Troubleshooting steps"]
        shared = (
            steps_by_cause[0]
            if steps_by_cause and all(steps is steps_by_cause[0] for steps in steps_by_cause)
            else None
        )
        if shared is not None and not shared.label:
            self.steps(shared)
        else:
            for cause, cause_id, steps in zip(causes, cause_ids, steps_by_cause, strict=True):
                if steps is not None:
                    heading = steps.label or _cause_title(cause)
                    if steps.label and sum(other is steps for other in steps_by_cause) > 1:
                        heading = f"{steps.label}: {_cause_title(cause, with_group=False)}"
                    self.lines += ["", f"#### {heading}", f"<!-- cause: {cause_id} -->"]
                    self.steps(steps)
        self.lines.append("")

    def cause(self, cause: DocsCause, cause_id: str) -> None:
        text = f"{cause.group}: {cause.text}" if cause.group else cause.text
        first, *rest = text.split("\n")
        title = _cause_title(cause)
        meta: dict[str, object] = {"id": cause_id}
        if title != first:
            meta["title"] = title
        meta["ask"] = f"Is this the cause? {title}"
        self.lines.append(f"- {first}")
        self.lines += [f"  {line}" if line else "" for line in rest]
        self.lines += ["  <!--", *(f"  {line}" for line in _yaml(meta)), "  -->"]

    def steps(self, steps: DocsSteps) -> None:
        if steps.intro:
            self.lines += [steps.intro, ""]
        for number, step in enumerate(steps.steps, 1):
            first, *rest = step.split("\n")
            self.lines.append(f"{number}. {first}")
            self.lines += [f"   {line}" if line else "" for line in rest]

    def placeholders(self, guide: GuideSpec) -> list[tuple[int, str, str]]:
        return [
            (
                guide.nodes[section_id].line,
                section_id,
                "needs a symptom and its causes (the docs page has only an introduction)",
            )
            for section_id in self.placeholder_sections
            if section_id in guide.nodes
        ]


def _steps_for_causes(blocks: list[DocsSteps], causes: list[DocsCause]) -> list[DocsSteps | None]:
    """Which steps resolve which cause: a block labelled like a cause's group (e.g. "Android") goes to
    that group's causes; the rest go to the remaining causes in order, or all to each if they do not pair up."""
    blocks = [block for block in blocks if block.steps]
    result: list[DocsSteps | None] = [None] * len(causes)
    rest = []
    for block in blocks:
        owners = [
            index for index, cause in enumerate(causes) if block.label and cause.group.lower() == block.label.lower()
        ]
        for index in owners:
            result[index] = block
        if not owners:
            rest.append(block)
    waiting = [index for index, steps in enumerate(result) if steps is None]
    if not rest or not waiting:
        return result
    if len(rest) == len(waiting) and len(rest) > 1:
        for index, block in zip(waiting, rest, strict=True):
            result[index] = block
        return result
    merged = rest[0] if len(rest) == 1 else DocsSteps(label="", line=rest[0].line, intro=rest[0].intro)
    if len(rest) > 1:
        for block in rest:
            merged.steps += [f"{block.label}: {step}" if block.label else step for step in block.steps]
    for index in waiting:
        result[index] = merged
    return result


def _cause_title(cause: DocsCause, *, with_group: bool = True) -> str:
    first = SENTENCE_END.split(cause.text.split("\n")[0].strip(), maxsplit=1)[0]
    return f"{cause.group}: {first}" if cause.group and with_group else first


def _slug(text: str, words: int = 8) -> str:
    plain = LEADING_ARTICLE.sub("", _plain(text).lstrip('("“')).replace("_", " ")
    return slugify(plain, words)[:90].strip("-")


def _yaml(values: dict[str, object]) -> list[str]:
    dumped = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return dumped.rstrip("\n").split("\n")
