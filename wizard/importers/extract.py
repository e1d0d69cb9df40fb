"""Causes and steps out of the blocks of one part of a page: lists, paragraphs, tables.

The recogniser decides which part is a cause or a resolution; these functions read what such a part says.
"""

from __future__ import annotations

import re

from ..content.format import CODE_COLUMNS, read_label
from .codes import codes_in, phrases_in
from .markup import SENTENCE_END, first_sentence, inline, item_text, plain, render, render_block
from .outline import Admonition, Block, Code, Heading, ListBlock, ListItem, Paragraph, Table
from .parts import BOLD_LABEL, Part, block_end
from .recognised import Cause, Span, Steps

CAUSE_LEAD_IN = re.compile(
    r"\b(reasons?|causes?|caused|because|occurs?|occurring|happens?|happening|following|one of|due to|issues?|"
    r"problems?|conditions?)\b"
    # "if" and "when" introduce causes only as the lead-in's last word ("This happens when:"), not as the condition
    # of its own sentence ("If you choose to put the folders on PATH, there are several of them:").
    r"|\b(?:if|when)\s*:$",
    re.IGNORECASE,
)
OTHER = re.compile(r"\b(?:other|another|more|also)\b", re.IGNORECASE)
EXAMPLES = re.compile(r"(?:^|[.!?]\s+)(?:for example|for instance|e\.g\.)[^.!?]*:\s*$", re.IGNORECASE)
ONE_SCENARIO = re.compile(r"\bthe following (?:scenario|sequence|situation|series of events)\s*:", re.IGNORECASE)
READING = re.compile(r"\b(?:articles?|blog posts?|links|videos|tutorials|further reading)\b", re.IGNORECASE)
REASONS = re.compile(r"\b(?:several|multiple|many|two|three|a few|different|various) (?:reasons|causes)\b", re.I)
PLURAL_CAUSES = {"causes", "common causes", "possible causes", "probable causes", "likely causes", "root causes"}
PLURAL_CAUSES |= {"reasons", "possible reasons"}


def flat_blocks(part: Part) -> list[Block]:
    """A part's blocks with the parts under it in line, their titles as bold lines."""
    blocks = list(part.blocks)
    for child in part.children:
        if child.title.strip() and not child.pseudo:
            blocks.append(Heading(child.line, 0, child.title))
        elif child.pseudo and child.label is not None and child.title.strip():
            blocks.append(Paragraph(child.line, f"**{child.title}:**"))
        blocks.extend(flat_blocks(child))
    return blocks


# "This issue occurs because the folder is damaged." -> "The folder is damaged.", and "A likely explanation is that".
EXPLAINED = re.compile(
    r"^(?:this|the|that) (?:issue|error|problem|behaviou?r|failure|message)s? (?:can |might |may |usually |also )?"
    r"(?:occurs?|happens?|appears?) (?:because|when|if)\s+|^(?:this|it) (?:occurs|happens|is) (?:because|when)\s+"
    r"|^(?:a|the) (?:most )?(?:likely|probable|common) (?:cause|explanation|reason) is that\s+",
    re.IGNORECASE,
)


def cause_title(text: str) -> str:
    title = first_sentence(plain_first(text))
    shorter = EXPLAINED.sub("", title, count=1)
    if shorter != title and len(shorter.split()) >= 3:
        return shorter[0].upper() + shorter[1:]
    return title


def make_cause(text: str, first: int, last: int, **extra: object) -> Cause:
    title = extra.pop("title", "") or cause_title(text)
    return Cause(
        text=text,
        span=Span(first, last, text),
        title=str(title),
        codes=codes_in(text),
        phrases=phrases_in(text),
        **extra,  # type: ignore[arg-type]
    )


def plain_first(text: str) -> str:
    return text.strip().split("\n", 1)[0]


def causes_from_blocks(blocks: list[Block], *, plural: bool, end: int, group: str = "") -> tuple[list[Cause], str]:
    """The causes some blocks state, and what is left over (lead-ins aside) as context.

    A list is a list of causes when the label is plural ("Possible causes") or a lead-in ends with a colon
    ("... for one of the following reasons:"); otherwise everything is one cause.
    """
    blocks = [block for block in blocks if not (isinstance(block, Paragraph) and not block.text.strip())]
    if not blocks:
        return [], ""
    table = next((block for block in blocks if isinstance(block, Table) and "cause" in table_columns(block)), None)
    if table is not None:
        return table_causes(table, end), render([block for block in blocks if block is not table])
    lists = [index for index, block in enumerate(blocks) if isinstance(block, ListBlock) and block.items]
    if lists:
        before = blocks[: lists[0]]
        # The paragraph right before the first list, if that is what comes before it.
        said = before[-1].text if before and isinstance(before[-1], Paragraph) else ""
        lead_in = said.rstrip().endswith(":")
        # "... for one of the following reasons:" introduces causes; "Sockets have a maximum length:" does not.
        # Only the sentence that ends in the colon introduces the list: in "These errors occur when two
        # repositories provide packages. These distributions include:" the list is context of one cause.
        introducing = SENTENCE_END.split(said.strip())[-1]
        lead_in = lead_in and (plural or bool(CAUSE_LEAD_IN.search(introducing)))
        # "This might have multiple reasons." says what the list is even without a colon.
        lead_in = lead_in or bool(REASONS.search(said))
        # "... when a tag or branch name conflict exists. For example:" shows cases of one cause, not several.
        lead_in = lead_in and not EXAMPLES.search(said)
        # "This can happen in the following scenario:" tells one cause in steps, not several causes.
        lead_in = lead_in and not ONE_SCENARIO.search(introducing)
        # "The following articles provide some useful insights:" lists further reading, never causes.
        lead_in = lead_in and not READING.search(introducing)
        if plural or lead_in or not before:
            causes: list[Cause] = []
            for position, index in enumerate(lists):
                listing = blocks[index]
                assert isinstance(listing, ListBlock)
                heading = group
                previous = blocks[index - 1] if index else None
                if len(lists) > 1 and isinstance(previous, Paragraph) and previous.text.rstrip().endswith(":"):
                    heading = plain(previous.text).rstrip(":").strip()
                limit = blocks[lists[position + 1]].line - 1 if position + 1 < len(lists) else end
                causes += list_causes(listing, limit, heading)
            earlier: list[Block] = [block for block in before[:-1] if isinstance(block, Paragraph)]
            if lead_in and OTHER.search(introducing) and CAUSE_LEAD_IN.search(render(earlier)):
                # "In many cases, it is caused by a plugin. Other possible causes include:" names one cause first.
                causes.insert(0, make_cause(render(earlier), earlier[0].line, before[-1].line - 1, group=group))
            after = blocks[lists[-1] + 1 :]
            return causes, render(after)
    # A callout that opens the part ("> [!IMPORTANT] Starting with .NET 9, ...") is an aside, not the cause's
    # first sentence: the cause leads with what the part says, the callout follows.
    body = [block for block in blocks if not isinstance(block, Admonition)]
    if body and isinstance(blocks[0], Admonition):
        blocks = body + [block for block in blocks if isinstance(block, Admonition)]
    text = render(blocks)
    return [make_cause(text, min(block.line for block in blocks), end, group=group)], ""


def list_causes(listing: ListBlock, end: int, group: str = "") -> list[Cause]:
    causes = []
    for position, item in enumerate(listing.items):
        last = listing.items[position + 1].line - 1 if position + 1 < len(listing.items) else max(end, item.line)
        said, fix = _own_fix(item.blocks)
        text = item_text(ListItem(item.line, item.text, said))
        if not text.strip():
            continue
        cause = make_cause(text, item.line, last, group=group)
        steps = steps_from_blocks(fix, label="", first=fix[0].line, end=last) if fix else None
        cause.steps += [steps] if steps else []
        causes.append(cause)
    return causes


def _own_fix(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """What a cause item says, and its own fix when a bold label starts one ("**Solution**: Upgrade the plan.")."""
    for index, block in enumerate(blocks):
        match = BOLD_LABEL.match(block.text) if isinstance(block, Paragraph) else None
        label = read_label(match["label"]) if match else None
        if match and label and label.kind == "resolution":
            rest = match["rest"].lstrip(":.\u2013\u2014- ").strip()
            return blocks[:index], ([Paragraph(block.line, rest)] if rest else []) + blocks[index + 1 :]
    return blocks, []


def steps_from_blocks(blocks: list[Block], *, label: str, first: int, end: int) -> Steps | None:
    """Numbered steps from a resolution's blocks: list items, else one step per paragraph; code and notes
    stay with the step before them; a lead-in ending with a colon right before a list is the intro."""
    intro: list[str] = []
    steps: list[str] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, ListBlock):
            steps += [text for text in (item_text(item) for item in block.items) if text.strip()]
            continue
        text = render_block(block)
        if not text.strip():
            continue
        if isinstance(block, (Paragraph, Heading)):
            lead_in = text.rstrip().endswith(":") and isinstance(following, ListBlock)
            if not steps and (lead_in or isinstance(block, Heading)):
                intro.append(text)
            else:
                steps.append(text)
        elif isinstance(block, (Code, Table)) and steps:
            steps[-1] += "\n\n" + text
        elif isinstance(block, Admonition) and not steps:
            intro.append(text)
        elif steps:
            steps[-1] += "\n\n" + text
        else:
            steps.append(text)
    if not steps and not intro:
        return None
    if not steps:
        steps, intro = intro, []
    body = "\n\n".join([*intro, *steps])
    return Steps(label=label, span=Span(first, max(first, end), body), intro="\n\n".join(intro), steps=steps)


# Tables ------------------------------------------------------------------------------------------------------


def table_columns(table: Table) -> dict[str, int]:
    """Which column holds symptoms, causes, resolutions and codes, from the header's label words."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(table.header):
        name = " ".join(plain(cell).lower().split()).rstrip(":")
        if name in CODE_COLUMNS:
            columns.setdefault("code", index)
            continue
        label = read_label(cell)
        if label is not None and label.kind != "context" and not label.rest:
            columns.setdefault(label.kind, index)
    return columns


def is_problem_table(table: Table) -> bool:
    columns = table_columns(table)
    return "symptom" in columns and ("cause" in columns or "resolution" in columns)


def cell(row: list[str], index: int | None) -> str:
    return inline(row[index]) if index is not None and index < len(row) else ""


def table_causes(table: Table, end: int) -> list[Cause]:
    """A Cause | Resolution table: one cause per row, each with the row's fix."""
    columns = table_columns(table)
    causes = []
    for number, row in enumerate(table.rows):
        text = cell(row, columns.get("cause"))
        if not text:
            continue
        line = min(table.line + 2 + number, end)
        cause = make_cause(text, line, line)
        cause.codes += [code for code in codes_in(cell(row, columns.get("code"))) if code not in cause.codes]
        fix = cell(row, columns.get("resolution"))
        if fix:
            cause.steps.append(Steps(label="", span=Span(line, line, fix), steps=[fix]))
        causes.append(cause)
    return causes


def table_end(table: Table) -> int:
    return block_end(table)
