"""Outline blocks as Markdown text that is safe to put into a guide file.

The guide format keeps its markup in HTML comments and finds headings at the start of lines, so page text must
not open or close a comment, nor start a line that the parser would read as a heading or a list item.
"""

from __future__ import annotations

import hashlib
import re

from .outline import Admonition, Block, Code, Heading, ListBlock, ListItem, Paragraph, Table

# At the start of a line of page text: what the guide parser or Markdown would read as structure.
LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-*+](?=\s)|\d{1,3}[.)](?=\s|$)|>|---+\s*$|===+\s*$)")
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)\s+(?=[A-Z\"\u201c`(\[*])")
ENUMERATOR = re.compile(r"^\d{1,3}[.)]\s+")
# Inline markup a title must never be cut inside: code, links and images, emphasis.
WHOLE = re.compile(r"`[^`]*`|!?\[[^\]]*\]\([^)]*\)|\*\*[^*]+\*\*|__[^_]+__|(?<!\w)[*_][^*_\s][^*_]*[*_](?!\w)")
# A backslash escape (`PIP\_\*`) is text, not markup: matched first so that it is kept whole.
MARKUP = re.compile(r"(\\[!-/:-@\[-`{-~])|\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|\[([^\]]*)\]\([^)]*\)")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def escape(text: str) -> str:
    """Page text that cannot open or close one of the guide's markup comments."""
    return text.replace("<!--", "&lt;!--").replace("-->", "--&gt;")


def inline(text: str) -> str:
    """One line of inline Markdown: whitespace collapsed, comments defused."""
    return escape(" ".join(text.split()))


def _line_safe(text: str) -> str:
    """Text whose first line Markdown and the guide parser read as text, not as a heading, list item or quote."""
    match = LINE_START.match(text)
    if match is None:
        return text
    mark = match[2]
    escaped = mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark
    return match[1] + escaped + text[match.end() :]


def plain(text: str) -> str:
    """Inline Markdown as plain words: no emphasis markers, links as their text, code kept in backticks."""
    return " ".join(MARKUP.sub(_unmarked, text).split())


def _unmarked(match: re.Match[str]) -> str:
    return match[1] or match[2] or ""


def unescaped(text: str) -> str:
    """Plain words as a person reads them, backslash escapes resolved: for messages, never for guide text."""
    return ESCAPED.sub(r"\1", plain(text))


def first_sentence(text: str, limit: int = 160) -> str:
    """A short title from some text: its first line's first sentence, cut at a word when long."""
    line = text.strip().split("\n", 1)[0].strip()
    # A heading's number ("1. Refactor logic:", "7. Checking the repository again") ends no sentence.
    number = ENUMERATOR.match(line)
    start = number.end() if number else 0
    sentence = line[:start] + SENTENCE_END.split(line[start:], maxsplit=1)[0].strip().rstrip(":").strip()
    if len(sentence) > limit:
        sentence = cut(sentence, limit)
    return sentence


def cut(text: str, limit: int) -> str:
    """The text's start, at most `limit` characters, ended at a space outside code, links and emphasis, plus '…'.

    A cut inside `code` or [a link](url) leaves a stray backtick or bracket that a reader sees as is."""
    spans = [match.span() for match in WHOLE.finditer(text)]
    ends = [
        space.start()
        for space in re.finditer(r"\s", text[: limit + 1])
        if not any(start < space.start() < end for start, end in spans)
    ]
    if not ends:
        # One piece of markup longer than the limit: its words, without the markup, cut at a space.
        words = " ".join(MARKUP.sub(_unmarked, text).replace("`", "").split())
        return words[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
    return text[: ends[-1]].rstrip(",;:") + "\u2026"


def digest(text: str) -> str:
    """What a node rests on, as 12 hex digits: the same words give the same digest whatever the spacing."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def render(blocks: list[Block]) -> str:
    """Blocks as Markdown paragraphs separated by blank lines."""
    return "\n\n".join(filter(None, (render_block(block) for block in blocks)))


def render_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _line_safe(inline(block.text))
    if isinstance(block, Heading):
        return f"**{inline(block.text)}**" if block.text.strip() else ""
    if isinstance(block, ListBlock):
        return "\n".join(
            _item(item, f"{number}." if block.ordered else "-") for number, item in enumerate(block.items, 1)
        )
    if isinstance(block, Code):
        return fence(block.text, block.language)
    if isinstance(block, Table):
        return table(block.header, block.rows)
    if isinstance(block, Admonition):
        inner = render(block.blocks)
        title = inline(block.title) or ("" if block.kind == "quote" else block.kind.capitalize())
        # A quotation (the error message a page shows) is quoted as it is: "Quote:" in front of it says nothing.
        lines = (f"**{title}:** {inner}" if title else inner).split("\n")
        return "\n".join(f"> {line}" if line else ">" for line in lines)
    return ""


def item_text(item: ListItem) -> str:
    """A list item's text with what it holds (nested lists, code) on the lines after it, not indented."""
    return "\n\n".join(filter(None, [_line_safe(inline(item.text)), render(item.blocks)]))


def _item(item: ListItem, marker: str) -> str:
    first, *rest = item_text(item).split("\n")
    pad = " " * (len(marker) + 1)
    return "\n".join([f"{marker} {first}", *(pad + line if line else "" for line in rest)])


def fence(text: str, language: str = "") -> str:
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
    marks = "`" * (longest + 1)
    body = escape(text.rstrip("\n"))
    return f"{marks}{language.strip().split(' ')[0] if language.strip() else ''}\n{body}\n{marks}"


def table(header: list[str], rows: list[list[str]]) -> str:
    width = max([len(header), *(len(row) for row in rows)], default=0)
    if not width:
        return ""

    def line(cells: list[str]) -> str:
        cells = [inline(cell).replace("|", "\\|") for cell in cells] + [""] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    return "\n".join([line(header), "|" + " --- |" * width, *(line(row) for row in rows)])


def indent(text: str, pad: str) -> list[str]:
    """Continuation lines of a list item: indented, blank lines left blank."""
    return [pad + line if line else "" for line in text.split("\n")]
