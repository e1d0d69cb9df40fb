"""An outline's blocks as a tree of parts: one per heading, nested by level, with the blocks under it.

Two things become parts although they are not headings, so the recogniser sees one shape for all of them:
- a paragraph that starts with a bold label (`**Cause:** The disk is full.`), and
- a block a reader marked with a role (IBM Cloud docs' `{: tsCauses}`, DITA's `<cause>`): it starts a part of
  that role, and the blocks after it belong to that part until the next such block or heading.
Both sit one level below any real heading, so they nest under the heading they appear in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.format import AMBIGUOUS_LABELS, Label, read_label
from .outline import Admonition, Block, Code, Heading, ListBlock, Outline, Paragraph, Role, Table

PSEUDO_LEVEL = 7
ROLE_LABELS: dict[Role, Label] = {
    "symptom": Label("symptom", "symptom"),
    "cause": Label("cause", "cause"),
    "resolution": Label("resolution", "resolution"),
    "context": Label("context", "context"),
}
# `**Cause:** text`, `**Cause**: text`, `**Cause 1: the disk**`, `__Solution__`.
BOLD_LABEL = re.compile(r"^(\*\*|__)(?P<label>[^*_]{2,80}?)\1\s*(?P<rest>.*)$", re.DOTALL)
# What follows a symptom label when it is set off whole: italic (AWS's "**Error:** *message*", also written
# "**Error:*** message*"), a code span or quotation marks.
SET_OFF = re.compile(r"^(?:\\?\*(?P<a>[^*].*?)\\?\*|_(?P<b>[^_].*?)_|`(?P<c>[^`]+)`|\"(?P<d>[^\"]+)\")$", re.DOTALL)
MESSAGE_LABELS = {"error", "errors", "error message", "error messages", "message", "messages"}
# A list item that leads with a few capitalised words and a colon: "Problem: ...", "Possible Solution: ...".
# An FAQ's run-in "**Answer:**" ("**A:**") says only that the answer starts: the text after it is the answer.
ANSWER_LABEL = re.compile(r"^(\*\*|__)(?:answer|a)\s*:?\s*\1\s*:?\s*", re.IGNORECASE)
PLAIN_LEAD = re.compile(r"^(?P<label>[A-Z][\w']*(?: [\w']+){0,3}):(?:\s+(?P<rest>.*)|$)", re.DOTALL)


@dataclass
class Part:
    title: str
    line: int
    level: int
    label: Label | None = None
    blocks: list[Block] = field(default_factory=list)
    children: list[Part] = field(default_factory=list)
    end: int = 0
    anchor: str = ""
    # Made from a bold label or a role rather than a heading: its title is a label, not the page's words.
    pseudo: bool = False
    parent: Part | None = field(default=None, repr=False, compare=False)

    def walk(self) -> list[Part]:
        """This part and every part under it, in page order."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found

    def all_blocks(self) -> list[Block]:
        return [block for part in self.walk() for block in part.blocks]


def block_end(block: Block) -> int:
    """The last source line a block covers, as far as the outline tells."""
    if isinstance(block, ListBlock) and block.items:
        last = block.items[-1]
        return max([last.line, *(block_end(inner) for inner in last.blocks)])
    if isinstance(block, Table):
        return block.line + len(block.rows) + 1
    if isinstance(block, Admonition) and block.blocks:
        return block_end(block.blocks[-1])
    text = block.text if isinstance(block, (Paragraph, Code)) else ""
    return block.line + text.count("\n") + (2 if isinstance(block, Code) else 0)


def _expand(block: Block) -> list[Block]:
    """A bold-label paragraph or a block with a role, as a pseudo-heading plus what it says."""
    role = getattr(block, "role", None)
    if isinstance(block, Heading):
        return [block]
    if isinstance(block, Paragraph) and role is None:
        if ANSWER_LABEL.match(block.text):
            answer = ANSWER_LABEL.sub("", block.text, count=1)
            return [Paragraph(block.line, answer)] if answer else []
        match = BOLD_LABEL.match(block.text)
        label = read_label(match["label"]) if match else None
        shown = (
            SET_OFF.match(match["rest"].lstrip(":").strip()) if match and label and label.kind == "symptom" else None
        )
        if shown is not None and label is not None:
            # "**Error:** *EACCES: permission denied*": the message the heading's problem shows, quoted; "**Issue:**
            # *Function is invoked in a loop.*": what the user sees, said under the problem's heading. Neither is
            # a problem of its own.
            said = next(group for group in shown.groups() if group).strip()
            if label.word in MESSAGE_LABELS:
                return [Admonition(block.line, "quote", blocks=[Paragraph(block.line, said)])]
            return [Paragraph(block.line, f"*{said}*")]  # set apart, as the page sets it: what is seen
        if match and label and label.kind != "context":
            rest = match["rest"].lstrip(":.\u2013\u2014- ").strip()
            heading = Heading(block.line, PSEUDO_LEVEL, match["label"].strip().rstrip(":").strip())
            return [heading, Paragraph(block.line, rest)] if rest else [heading]
    if role is not None:
        heading = Heading(block.line, PSEUDO_LEVEL, ROLE_LABELS[role].word.capitalize(), role=role)
        return [heading, _without_role(block)]
    if isinstance(block, ListBlock) and block.items:
        return _labelled_items(block) or [block]
    return [block]


def _labelled_items(block: ListBlock) -> list[Block]:
    """A definition list of labels ("**Question:** ...", "**Solution:** ..."), as pseudo-headings and their text.

    Without bold, every item must lead with a short "Words:" ("- Problem: ...", "- Why: ...", "- Possible
    Solution: ..."); a lead that is no label word ("Example Error Message:") stays text of the label before it."""
    expanded: list[Block] = []
    kinds = set()
    plain_leads = all(PLAIN_LEAD.match(item.text) for item in block.items)
    for item in block.items:
        match = BOLD_LABEL.match(item.text) or (PLAIN_LEAD.match(item.text) if plain_leads else None)
        label = read_label(match["label"]) if match else None
        if match is None or (label is None and not plain_leads):
            return []
        if label is None or label.kind == "context":
            expanded += [Paragraph(item.line, item.text), *item.blocks]
            continue
        kinds.add(label.kind)
        expanded.append(Heading(item.line, PSEUDO_LEVEL, match["label"].strip().rstrip(":").strip()))
        rest = (match["rest"] or "").lstrip(":.\u2013\u2014- ").strip()
        expanded += [Paragraph(item.line, rest)] if rest else []
        expanded += item.blocks
    return expanded if kinds & {"cause", "resolution"} else []


def _without_role(block: Block) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(block.line, block.text)
    if isinstance(block, ListBlock):
        return ListBlock(block.line, block.ordered, block.items)
    if isinstance(block, Table):
        return Table(block.line, block.header, block.rows)
    return block


def _label(heading: Heading) -> Label | None:
    words = read_label(heading.text)
    if heading.role is None or (words is not None and words.kind == heading.role):
        # The words may carry a number or a title the role does not ("Cause 2: The disk is full").
        return words
    return ROLE_LABELS[heading.role]


def outline_parts(outline: Outline) -> Part:
    """The page as a tree: the root is the page (its title), children are its top headings."""
    blocks = [expanded for block in outline.blocks for expanded in _expand(block)]
    last_line = max([outline.title_line, *(block_end(block) for block in blocks)])
    root = Part(title=outline.title, line=outline.title_line, level=0, end=last_line)
    stack = [root]
    adopting: Part | None = None  # an empty heading that takes the labels written at its own level
    for block in blocks:
        if isinstance(block, Heading):
            level = block.level if block.level < PSEUDO_LEVEL else PSEUDO_LEVEL
            label = _label(block)
            adopting = _adopter(stack, adopting, level, label)
            if adopting is not None:
                level = adopting.level + 1
            while len(stack) > 1 and stack[-1].level >= level:
                stack.pop().end = block.line - 1
            part = Part(
                title=block.text,
                line=block.line,
                level=level,
                label=label,
                anchor=block.anchor,
                pseudo=block.level >= PSEUDO_LEVEL,
                parent=stack[-1],
            )
            stack[-1].children.append(part)
            stack.append(part)
        elif isinstance(block, (Paragraph, ListBlock, Table, Code, Admonition)):
            stack[-1].blocks.append(block)
    for part in stack[1:]:
        part.end = last_line
    return root


def _adopter(stack: list[Part], adopting: Part | None, level: int, label: Label | None) -> Part | None:
    """The part a Symptom, Cause or Resolution heading belongs to when the author wrote it at the level of its
    problem's heading ("### Scenario 2: ..." then "### Cause:" and "### Resolution:", or "#### Cause" then
    "### Resolution:"): that problem heading, while nothing but such parts came under it."""
    if label is None or label.kind not in {"symptom", "cause", "resolution"} or level >= PSEUDO_LEVEL:
        return None
    if label.rest or label.word in AMBIGUOUS_LABELS:
        return None  # "Scenario 2: Cluster misconfiguration", "Troubleshooting": headings of their own
    if adopting is not None and adopting.level == level and adopting in stack:
        return adopting
    same = next((part for part in stack[1:] if part.level == level), None)
    if same is None or (same.label is not None and not (same.label.kind == "symptom" and same.label.rest)):
        return None
    labelled = all(child.label is not None and child.label.kind != "context" for child in same.children)
    if labelled and (same.children or not same.blocks):
        return same
    return None


def lead_cause(part: Part) -> bool:  # "- Why: ..." in a list, read as a cause pseudo-heading
    return part.pseudo and part.label is not None and part.label.kind == "cause"


def beside_a_fix(part: Part) -> bool:
    """A symptom part whose own causes are pseudo-headings from its list, beside a resolution heading."""
    own = [child for child in part.children if child.label is not None and child.label.kind in {"cause", "resolution"}]
    siblings = part.parent.children if part.parent is not None else []
    return all(lead_cause(child) for child in own) and any(
        sibling.label is not None and sibling.label.kind == "resolution" and not sibling.pseudo for sibling in siblings
    )


def clear_sibling(part: Part) -> bool:
    siblings = part.parent.children if part.parent is not None else []
    return any(
        other is not part
        and other.label is not None
        and other.label.word not in AMBIGUOUS_LABELS
        and other.label.kind in {"symptom", "cause", "resolution"}
        for other in siblings
    )
