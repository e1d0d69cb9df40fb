"""Plain text as a browser's copy-paste of a docs page gives it -> outline, headings recovered from the layout.

A scrape keeps the words and the line breaks but loses the markup, so the structure is inferred:
- a *label* is a line of known part words ("Symptom", "Common causes", "Cause", "Resolution",
  "Workaround", "Troubleshooting steps"...), with or without blank lines around it. It is a
  sub-heading of the heading before it: one level below it (level 3 under a section), level 2
  when no heading came before;
- a *section heading* (level 2) is a short line without end punctuation that is followed by a
  label that opens a section ("Symptom", "Problem"), or that stands alone between blank lines, has
  two words or more and is followed by prose, outside a symptom's or a cause's text;
- a *group* (one level below its label) is a line of at most four words inside a causes or steps
  part, above the bullets it groups ("Android", "iOS");
- bullets (`•`, `-`, `*`, `1.`; `◦` and `▪` one and two levels deeper, as browsers draw nested lists)
  make lists; lines of prose wrapped without a blank line between them make one paragraph;
- a *table of contents* is a run of three or more lines, without a blank line between them, that come
  back later in the same order as lines of their own: it is dropped, and each line it lists is a
  heading where it comes back (one level below the heading right above the contents, else level 2),
  however little space the scrape left around it. The line right above the contents is the page title;
- a *group* heading is a heading-like line right above a section title, with no blank line between
  (browsers put none between stacked headings): level 2, and the sections under it level 3;
- after a line that ends with a colon and announces an error or a message ("you may see an error
  like:"), the lines up to the next blank line are the message, shown as code; a line right after
  any other lead-in ending with a colon ("Check that:") is what it introduces, never a heading;
- the page title is the first of the lines standing alone just above the first section; what is
  above it (navigation, logos, search boxes) is chrome, and so is everything from "Was this
  helpful?" (or a copyright line near the end) on. Names that plain text lost the code formatting of
  (`/link/token/create`, `redirect_uri`, `ITEM_LOGIN_REQUIRED`) become code spans again.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from . import inline
from .blocks import take_title
from .outline import Block, Code, Heading, ListBlock, ListItem, Outline, Paragraph, ReadNote
from .parts import PLAIN_LEAD
from .text_lines import Line, blank_between, heading_over_message, messages, title_stacked_on_section
from .text_lines import contents as find_contents

# The note a text without a title line gets; the admin asks for a title when it sees it on a paste.
NO_TITLE_LINE = "no title line found"

BULLET = re.compile(r"^(?P<marker>[•◦▪‣·*+-]|\d{1,3}[.)])\s+(?P<text>.*)$")
NESTED_BULLETS = {"◦": 1, "▪": 2}
LABELS = {
    **dict.fromkeys(["symptom", "symptoms", "problem", "issue", "error", "error message", "error messages"], "symptom"),
    **dict.fromkeys(["cause", "causes", "common cause", "common causes", "possible causes", "root cause"], "cause"),
    **dict.fromkeys(["resolution", "resolutions", "solution", "solutions", "workaround", "fix"], "resolution"),
    **dict.fromkeys(["troubleshooting steps", "steps", "resolving the problem", "how to fix it"], "resolution"),
    **dict.fromkeys(["environment", "applies to", "context", "summary", "overview", "more information"], "context"),
    **dict.fromkeys(["additional information", "references", "see also", "next steps"], "context"),
}
SECTION_OPENERS = {"symptom"}  # labels a section title stands right above
ALL_PARTS = set(LABELS.values())
PAGE_END = {
    "was this helpful?",
    "was this page helpful?",
    "was this article helpful?",
    "is this page helpful?",
    "did this page help you?",
    "did you find this helpful?",
    "rate this page",
    "thank you for your feedback!",
}
CHROME_LINES = {"edit this page", "copy page", "on this page", "in this article", "table of contents", "back to top"}
CHROME_LINES |= {"contents", "in this topic", "page contents", "on this page:", "contents:"}
CHROME_LINES |= {"skip to main content", "skip to content", "print", "share", "feedback", "copy", "copied!"}
COPYRIGHT = re.compile(r"^(?:copyright\b|\u00a9|\(c\)\s)", re.IGNORECASE)
FOOTER_LINES = 12  # a copyright line this close to the end starts the footer
GROUP_WORDS = 6
ALERT_MARKER = re.compile(r"^\[![A-Za-z]+\]$")  # a Markdown alert's marker that a rendering left as text
BREADCRUMB = re.compile(r"^(?:[^>\u203a\u00bb]{1,60}\s[>\u203a\u00bb/]\s){2,}[^>\u203a\u00bb]{1,60}$")
MENU = re.compile(r"^(?:[^|]{1,40}\s\|\s){2,}[^|]{1,40}$")  # "Modules | Directives | FAQ"
# Command lines and paths that a scrape shows as short lines: never a heading.
CODE_LIKE = re.compile(r"(?:^|\s)--?[a-z]|[\\{}<>=$%;]|^\S+\(")
PERMALINK = "\u00b6"  # the pilcrow a docs builder puts after a heading as its link
QUOTES = ('"', "'", "\u201d", "\u2019")
COOKIES = re.compile(r"\bcookies?\b.*\b(accept|consent|use|policy)\b|\baccept all\b", re.IGNORECASE)
# Names that plain text lost the code formatting of: API paths, snake_case fields, ERROR_CODES.
IDENTIFIER = re.compile(
    r"(?<![\w`/])(/[a-z][a-z0-9_]*(?:/[a-z0-9_{}]+)+)(?![\w/])"
    r"|\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b"
    r"|\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b"
)


def read_text(text: str, source: str, *, url: str = "") -> Outline:
    outline = Outline(source=source, format="text")
    lines = _lines(text, outline)
    kinds = [_kind(line.text) for line in lines]
    title_stacked_on_section(lines, kinds)
    heading_over_message(lines, kinds)
    marked = _permalinked(lines, kinds)
    contents = find_contents(lines, kinds) if marked is None else None
    if contents:
        outline.notes.append(ReadNote(lines[contents.start].number, "the table of contents dropped"))
    messages(lines, kinds)
    start, titled = _page_start(lines, kinds, contents) if marked is None else (marked, True)
    if start:
        outline.notes.append(ReadNote(lines[0].number, f"{start} lines of page chrome above the title dropped"))
    first = next((index for index in range(len(lines)) if _opens_section(lines, kinds, index)), len(lines))
    outline.blocks = _Builder(lines, kinds, first, contents, marked=marked is not None).build(start, titled)
    take_title(outline)
    if not outline.title and lines:
        # A scrape of the content alone has no title line: the file's name stands for it, and the report says so.
        name = PurePosixPath(urlsplit(source).path if "://" in source else source.replace("\\", "/")).stem
        outline.title = " ".join(name.replace("-", " ").replace("_", " ").split()).capitalize()
        outline.notes.append(ReadNote(lines[0].number, f'{NO_TITLE_LINE}: the draft is titled "{outline.title}"'))
    return outline


def _permalinked(lines: list[Line], kinds: list[str]) -> int | None:
    """Headings a docs builder marked with their permalink sign ("Issues with ZFS¶", as Sphinx and MkDocs print
    them): where two or more are, those lines are the headings, the first is the title and every line above it
    (navigation, tables of contents) is chrome, and no other line is taken for a heading by its looks (labels
    still are). Returns that first line, or None."""
    marked = [index for index, line in enumerate(lines) if line.text.endswith(PERMALINK) and len(line.text) > 1]
    if len(marked) < 2:
        return None
    for index, kind in enumerate(kinds):
        if index in marked:
            lines[index].text = lines[index].text.rstrip(PERMALINK).rstrip()
            kinds[index] = "label" if _label(lines[index].text) else "toc-heading"
        elif kind == "heading-like":
            kinds[index] = "prose"  # the page says which lines are headings: a short line is only text
    return marked[0]


def _lines(text: str, outline: Outline) -> list[Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[Line] = []
    filled = [index for index, line in enumerate(raw) if line.strip()]
    footer = filled[-FOOTER_LINES] if len(filled) >= FOOTER_LINES else 0
    for index, line in enumerate(raw):
        stripped = inline.squash(line)
        if stripped.lower() in PAGE_END or (index >= footer and index > 0 and COPYRIGHT.match(stripped)):
            outline.notes.append(ReadNote(index + 1, f'the page ends at "{stripped[:60]}": what follows is its footer'))
            break
        cookies = len(stripped) <= 300 and COOKIES.search(stripped)
        if stripped and stripped.lower() not in CHROME_LINES and not cookies:
            alone = (index == 0 or not raw[index - 1].strip()) and (index + 1 >= len(raw) or not raw[index + 1].strip())
            lines.append(Line(index + 1, stripped, alone))
    return lines


def _kind(text: str) -> str:
    if BULLET.match(text):
        return "item"
    if _label(text):
        return "label"
    if ALERT_MARKER.match(text) or (len(text) <= 240 and (BREADCRUMB.match(text) or MENU.match(text))):
        return "chrome"
    return "heading-like" if _heading_like(text) else "prose"


def _label(text: str) -> str | None:
    return LABELS.get(re.sub(r"[*_`:]", "", text).strip().lower())


def _heading_like(text: str) -> bool:
    if CODE_LIKE.search(text):
        return False
    if len(text) <= 120 and len(text.split()) <= 16 and not text.endswith((".", ":", ";", ",", "?", "!")):
        return True
    # FAQ headings: a question ("On macOS, the file /etc/.mdns_debug is accessed. Why?"), or a report that ends by
    # quoting the message ("I am getting the warning 'WARNING: ... will be deleted Nov. 13, 2020.'").
    question = text.endswith("?") and 3 <= len(text.split()) <= 24
    quoting = text.endswith(QUOTES) and any(mark in text[:-1] for mark in QUOTES) and len(text.split()) >= 4
    return (question or quoting) and len(text) <= 200


def _page_start(lines: list[Line], kinds: list[str], contents: range | None) -> tuple[int, bool]:
    """Where the page starts, and whether that line is its title.

    The title is the line under the breadcrumbs, else the line right above the table of contents, else the
    first of the last run of lines standing alone above the first section. Prose
    between them does not break the run (a page may open with an introduction); lists and blocks of
    short lines (navigation menus) do; a line stacked right on the first section is its group, not the title.
    """
    first = next((index for index in range(len(lines)) if _opens_section(lines, kinds, index)), len(lines))
    run: list[int] = []
    index = 0
    while index < first:
        end = index + 1
        while end < first and not blank_between(lines, end - 1, end):
            end += 1
        group = range(index, end)
        stacked = end == first < len(lines) and kinds[first] != "label" and not blank_between(lines, index, first)
        if len(group) == 1 and kinds[index] == "heading-like" and not stacked:
            run.append(index)
        elif any(kinds[at] in {"item", "chrome"} for at in group) or all(kinds[at] != "prose" for at in group):
            run = []
        index = end
    if first == 1 < len(lines) and kinds[0] == "heading-like" and lines[1].alone and not blank_between(lines, 0, 1):
        return 0, True  # the title stacked on the first section's heading (see text_lines.title_stacked_on_section)
    for index in range(min(first, 40)):
        if BREADCRUMB.match(lines[index].text) and kinds[index + 1 : index + 2] == ["heading-like"]:
            return index + 1, True  # docs sites put the title right under the breadcrumbs
    if contents is not None and contents.start and kinds[contents.start - 1] == "heading-like":
        return contents.start - 1, True  # and the table of contents right under the title
    if run:
        return run[0], True
    if first < len(lines) and kinds[first] == "heading-like" and not _above_label(lines, kinds, first, ALL_PARTS):
        return first, True  # the page opens with its title and an introduction
    # Nothing tells chrome from text: keep everything, titled if the page opens with a title.
    return 0, bool(lines) and kinds[0] == "heading-like" and not _above_label(lines, kinds, 0, ALL_PARTS)


def _opens_section(lines: list[Line], kinds: list[str], index: int) -> bool:
    if kinds[index] in {"label", "toc-heading"}:
        return True
    return _above_label(lines, kinds, index, SECTION_OPENERS) or (
        kinds[index] == "heading-like"
        and lines[index].alone
        and len(lines[index].text.split()) >= 2
        and kinds[index + 1 : index + 2] in (["prose"], ["message"])
        and not _introduced(lines, kinds, index)
    )


def _introduced(lines: list[Line], kinds: list[str], index: int) -> bool:
    """A line right after a lead-in ending with a colon ("Check that:") is what the lead-in introduces."""
    return index > 0 and kinds[index - 1] != "label" and lines[index - 1].text.endswith(":")


def _above_label(lines: list[Line], kinds: list[str], index: int, labels: set[str]) -> bool:
    """A line right above a label of those kinds is its section's title, however long (error messages are)."""
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    return (
        kinds[index] in {"heading-like", "prose"}
        and not lines[index].text.endswith((".", ":", ";", ","))
        and kinds[index + 1 : index + 2] == ["label"]
        and _label(following) in labels
    )


class _Builder:
    def __init__(
        self, lines: list[Line], kinds: list[str], first: int, contents: range | None, *, marked: bool = False
    ) -> None:
        self.lines, self.kinds = lines, kinds
        self.marked = marked  # the page marks its headings (permalink signs): no other line opens a section
        self.lead_lists: set[int] = set()  # lists made of lines that lead with "Word:"
        self.first = first  # the first section: the lines standing alone above it are headings too
        self.blocks: list[Block] = []
        self.part = ""  # the label part this line is in: "symptom", "cause", "resolution", "context" or ""
        self.section_level = 1  # the level of the last heading that is not a label
        self.label_level = 2
        self.grouped = False  # a group heading came: sections are one level deeper
        # The headings a table of contents lists sit one level below the heading right above it.
        self.above_contents = contents.start - 1 if contents is not None else -1
        self.toc_level = 2
        self.paragraph_end = 0  # the line the last paragraph ends on
        self.code_end = 0  # the line the last message ends on

    def build(self, start: int, titled: bool) -> list[Block]:
        if titled:
            self.heading(start, 1)
        for index in range(start + titled, len(self.lines)):
            self.line(index)
        return self.blocks

    def heading(self, index: int, level: int) -> None:
        self.blocks.append(Heading(line=self.lines[index].number, level=level, text=_inline(self.lines[index].text)))
        if index == self.above_contents:
            self.toc_level = level + 1

    def line(self, index: int) -> None:
        line, kind = self.lines[index], self.kinds[index]
        if kind == "label":
            self.part = _label(line.text) or ""
            self.label_level = self.section_level + 1
            self.heading(index, self.label_level)
        elif kind == "item":
            self.item(line)
        elif kind == "toc-heading":
            self.part, self.section_level = "", self.toc_level
            self.heading(index, self.toc_level)
        elif kind == "message":
            self.message(line)
        elif self.opens_group(index):
            self.part, self.section_level, self.grouped = "", 2, True
            self.heading(index, 2)
        elif self.opens_section(index):
            self.part, self.section_level = "", 2 + self.grouped
            self.heading(index, self.section_level)
        elif kind == "heading-like" and self.part in {"cause", "resolution"} and len(line.text.split()) <= 4:
            self.heading(index, self.label_level + 1)
        elif kind not in {"chrome", "contents"}:
            self.paragraph(line)

    def opens_group(self, index: int) -> bool:
        """A short heading stacked right on a section title, with no blank line between, groups the sections under
        it ("Topics for Windows"); a longer line there is the last of a list that lost its bullets."""
        following = index + 1
        return (
            self.kinds[index] == "heading-like"
            and len(self.lines[index].text.split()) <= GROUP_WORDS
            and following < len(self.lines)
            and self.kinds[following] == "heading-like"
            and not blank_between(self.lines, index, following)
            and not _above_label(self.lines, self.kinds, index, ALL_PARTS)
            and self.opens_section(following)
        )

    def opens_section(self, index: int) -> bool:
        """A section title: above a Symptom label anywhere; above prose only outside a symptom's or cause's text."""
        if self.marked:
            return False
        if _above_label(self.lines, self.kinds, index, SECTION_OPENERS):
            return True
        if self.part in {"", "resolution", "context"} and _above_label(self.lines, self.kinds, index, ALL_PARTS):
            return True
        if self.kinds[index] != "heading-like":
            return False
        if index < self.first and self.lines[index].alone:
            return True
        return self.part in {"", "resolution"} and _opens_section(self.lines, self.kinds, index)

    def message(self, line: Line) -> None:
        """An error message the scrape shows as plain lines: a code block, its lines kept."""
        previous = self.blocks[-1] if self.blocks else None
        if isinstance(previous, Code) and self.code_end == line.number - 1:
            previous.text += "\n" + line.text
        else:
            self.blocks.append(Code(line=line.number, text=line.text))
        self.code_end = line.number

    def item(self, line: Line) -> None:
        found = BULLET.match(line.text)
        marker, text = (found["marker"], found["text"]) if found else ("-", line.text)
        depth = NESTED_BULLETS.get(marker, 0)
        target = self.blocks
        while True:
            last = target[-1] if target else None
            if not isinstance(last, ListBlock):
                last = ListBlock(line=line.number, ordered=marker[0].isdigit())
                target.append(last)
            if depth == 0 or not last.items:
                break
            target, depth = last.items[-1].blocks, depth - 1
        last.items.append(ListItem(line=line.number, text=_inline(text)))

    def paragraph(self, line: Line) -> None:
        previous = self.blocks[-1] if self.blocks else None
        following = self.paragraph_end == line.number - 1
        text = _inline(line.text)
        lead = following and PLAIN_LEAD.match(line.text)
        # An item says its text after the word ("Why: The issue was ..."); a bare "RC release:" labels the lines under
        # it, as "Stable release:" did above it: a paragraph each, not a list.
        item = bool(lead and lead["rest"])
        in_list = following and isinstance(previous, ListBlock) and id(previous) in self.lead_lists
        if item and isinstance(previous, Paragraph) and PLAIN_LEAD.match(previous.text):
            # Lines that lead with "When:", "Why:" ... are a definition list that lost its bullets.
            items = [ListItem(previous.line, previous.text), ListItem(line.number, text)]
            self.blocks[-1] = listing = ListBlock(previous.line, False, items)
            self.lead_lists.add(id(listing))
        elif item and in_list and isinstance(previous, ListBlock):
            previous.items.append(ListItem(line.number, text))
        elif lead:
            self.blocks.append(Paragraph(line=line.number, text=text))  # a lead starts a new block
        elif in_list and isinstance(previous, ListBlock):
            previous.items[-1].text += " " + text  # an item's text wrapped over several lines
        elif isinstance(previous, Paragraph) and following:
            previous.text += " " + text  # a paragraph wrapped over several lines
        else:
            self.blocks.append(Paragraph(line=line.number, text=text))
        self.paragraph_end = line.number


def _inline(text: str) -> str:
    """Plain text as inline Markdown: escaped, and names that lost their code formatting as code spans."""
    parts: list[str] = []
    position = 0
    for found in IDENTIFIER.finditer(text):
        parts += [inline.escape(text[position : found.start()]), inline.code(found[0])]
        position = found.end()
    return "".join([*parts, inline.escape(text[position:])])
