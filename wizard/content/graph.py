"""The guide graph: plain data (guide, nodes, answers) and the names everything else uses for it.

derive.py builds it from a parsed document by the documented rule; validate.py and lint.py check it;
services/load.py writes it to the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .values import GUIDE_REF

QUESTION = "question"
RESOLUTION = "resolution"
ESCALATION = "escalation"
# The page where a reader types or pastes an error; reached from the start question (front matter `lookup`).
LOOKUP = "lookup"

START = "start"
DEFAULT_QUESTION = "What is happening?"
LOOKUP_TITLE = "Look up an error code or message"
NODE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
YES, NO, NOT_SURE, NONE_OF_THESE = "Yes", "No", "Not sure", "None of these"


@dataclass
class ChoiceSpec:
    label: str
    target: str
    is_link: bool = False
    # "Not sure" leads where No does; the walk's URL remembers it, so the escalation can say "not checked".
    is_unsure: bool = False


class TrailEntry(NamedTuple):
    """One question on the way to a node, and the answer that leads on."""

    node: str
    question: str
    answer: str


@dataclass
class NodeSpec:
    id: str
    kind: str
    title: str
    line: int
    section: str = ""
    body: str = ""
    symptom: str = ""
    cause: str = ""
    steps_intro: str = ""
    steps: list[str] = field(default_factory=list)
    # Where each step is written in the source: (first line, last line); parallel to `steps`.
    step_lines: list[tuple[int, int]] = field(default_factory=list)
    docs: list[tuple[str, str]] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)
    # Error type of a code where the content gives one (`{type: ITEM_ERROR, meaning: ...}`); kept apart from
    # `codes` so code -> meaning stays a plain mapping.
    code_types: dict[str, str] = field(default_factory=dict)
    phrases: list[str] = field(default_factory=list)
    choices: list[ChoiceSpec] = field(default_factory=list)
    # Other resolutions worth reading next: node ids of this guide or `<guide id>/<node id>` of another.
    related: list[str] = field(default_factory=list)
    ruled_out: list[str] = field(default_factory=list)
    parent: str | None = None
    trail: list[TrailEntry] = field(default_factory=list)


@dataclass
class GuideSpec:
    id: str
    title: str
    source_file: str
    summary: str = ""
    docs_url: str = ""
    nodes: dict[str, NodeSpec] = field(default_factory=dict)
    position: int = 0
    # Front matter `order`: where the guide stands among the others (home page, search ties); then the file name.
    order: int = 0
    draft: bool = False
    source_text: str = ""
    # The docs page an imported guide was made from (front matter `source`), for re-imports.
    source_page: str = ""

    def missing_steps(self) -> list[NodeSpec]:
        return [node for node in self.nodes.values() if node.kind == RESOLUTION and not node.steps]

    def references(self) -> list[tuple[NodeSpec, str, str, str]]:
        """Every link to another guide's node: (from node, what links, guide id, node id)."""
        found = []
        for node in self.nodes.values():
            for choice in node.choices:
                if ref := split_ref(choice.target):
                    found.append((node, f"answer '{choice.label}'", *ref))
            for target in node.related:
                if ref := split_ref(target):
                    found.append((node, "'related'", *ref))
        return found


def split_ref(target: str) -> tuple[str, str] | None:
    """(guide id, node id) of a link to another guide's node; None for a node of the same guide."""
    match = GUIDE_REF.match(target)
    return (match[1], match[2]) if match else None


def slugify(text: str, words: int = 8) -> str:
    plain = re.sub(r"[`*_\"'\u2018\u2019\u201c\u201d]", "", text.lower())
    parts = re.findall(r"[a-z0-9]+", plain)[:words]
    return "-".join(parts)[:80].strip("-")
