"""Deriving the guide graph from a parsed document, by the documented rule.

symptom section -> one diagnostic question per cause (or one question that tells the causes
apart) -> the cause's resolution with its steps; no cause fits -> the section's escalation page.
See content/README.md, "How the decision tree is derived".
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from .errors import ContentError
from .format import read_provenance
from .graph import (
    DEFAULT_QUESTION,
    ESCALATION,
    LOOKUP,
    LOOKUP_TITLE,
    NO,
    NODE_ID,
    NONE_OF_THESE,
    NOT_SURE,
    QUESTION,
    RESOLUTION,
    START,
    YES,
    ChoiceSpec,
    GuideSpec,
    NodeSpec,
    TrailEntry,
    slugify,
)
from .parse import Cause, Document, Section, StepsBlock
from .values import MarkupValues


@dataclass
class CauseSpec:
    """A cause as its section's markup describes it, before it becomes a resolution and a question."""

    id: str
    title: str
    # Its own question and how to answer it, instead of "Is this the cause? <title>" (`ask:`, `how:`).
    ask: str = ""
    how: str = ""
    # Its answer on a question that tells the section's causes apart (`answer:`).
    answer: str = ""
    # A node elsewhere that resolves it (`see:`); such a cause gets no resolution of its own.
    see: str = ""
    docs: list[tuple[str, str]] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)
    code_types: dict[str, str] = field(default_factory=dict)
    related: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    # Filled from the section's troubleshooting steps blocks (assign_steps).
    steps: list[str] = field(default_factory=list)
    step_lines: list[tuple[int, int]] = field(default_factory=list)
    steps_intro: str = ""
    steps_docs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def target(self) -> str:
        """The node a "yes, this is it" answer leads to."""
        return self.see or self.id


class _Builder(MarkupValues):
    def __init__(self, document: Document) -> None:
        self.document = document
        self.file = document.path
        self.errors: list[ContentError] = []
        self.nodes: dict[str, NodeSpec] = {}
        self.guide_id = ""

    def add(self, node: NodeSpec) -> None:
        if not NODE_ID.match(node.id):
            self.error(node.line, node.id, "node id must be lowercase letters, digits and dashes (at most 100)")
        if node.id in self.nodes:
            self.error(
                node.line, node.id, f"duplicate node id '{node.id}' (first used at line {self.nodes[node.id].line})"
            )
            return
        self.nodes[node.id] = node

    # Derivation --------------------------------------------------------------------

    def build(self) -> GuideSpec:
        front = self.document.front.values
        guide_id = self.text(front, "id", 1, None) or slugify(PurePosixPath(self.file).stem)
        self.guide_id = guide_id
        title = self.text(front, "title", 1, None) or self.document.title
        if not title:
            self.error(1, None, "the guide has no title: add 'title' to the front matter or a '#' heading")
        docs = self.docs(front.get("docs"), 1, START)
        start = NodeSpec(
            id=START,
            kind=QUESTION,
            title=self.text(front, "question", 1, START) or DEFAULT_QUESTION,
            line=1,
            body=self.document.intro,
            docs=docs,
        )
        self.add(start)
        lookup = self.text(front, "lookup", 1, START)
        if lookup:
            # First on the start question: a reader holding an error code is one answer away from its node.
            self.add(NodeSpec(id=LOOKUP, kind=LOOKUP, title=LOOKUP_TITLE, line=1, docs=docs))
            start.choices.append(ChoiceSpec(lookup, LOOKUP))
        for section in self.document.sections:
            self.section(section, start)
        return GuideSpec(
            id=guide_id,
            title=title,
            source_file=self.file,
            summary=self.text(front, "summary", 1, None),
            docs_url=docs[0][1] if docs else "",
            nodes=self.nodes,
            order=self.order(front.get("order", 0)),
            draft=front.get("draft") is True,
            source_text=self.document.source_text,
            source_page=self.text(front, "source", 1, None),
        )

    def order(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(1, None, "'order' must be a whole number (guides with a lower one come first)")
            return 0
        return value

    def section(self, section: Section, start: NodeSpec) -> None:
        meta = section.meta.values
        section_id = self.text(meta, "id", section.line, None) or slugify(section.heading)
        line = section.line
        self.provenance(meta, section.meta.line or line, section_id)
        direct = self.direct(meta, section, section_id)
        answer = self.text(meta, "answer", line, section_id) or section.heading
        listed = meta.get("listed", True) is not False
        if listed and not direct:
            start.choices.append(ChoiceSpec(answer, section_id))
        symptom = section.symptom or section.preamble
        docs = self.docs(meta.get("docs"), section.meta.line or line, section_id)
        if not section.causes:
            self.error(line, section_id, "the section lists no common causes")
            return
        causes = [self.cause(cause, section_id) for cause in section.causes]
        self.assign_steps(section, section_id, causes)
        if direct:
            # One cause: the section's answer leads straight to its resolution; no yes/no question to ask.
            info = causes[0]
            section_codes, section_types = self.codes(meta.get("codes"), section.meta.line or line, section_id)
            info.codes = {**section_codes, **info.codes}
            info.code_types = {**section_types, **info.code_types}
            info.phrases = self.phrases(meta.get("phrases"), section.meta.line or line, section_id) + info.phrases
            if listed:
                start.choices.append(ChoiceSpec(answer, info.target, bool(info.see)))
        for cause, info in zip(section.causes, causes, strict=True):
            if not info.see:
                self.add(
                    NodeSpec(
                        id=info.id,
                        kind=RESOLUTION,
                        title=info.title,
                        line=cause.line,
                        section=section_id,
                        symptom=symptom,
                        cause=cause.text,
                        steps_intro=info.steps_intro,
                        steps=info.steps,
                        step_lines=info.step_lines,
                        docs=_unique(info.docs + info.steps_docs + docs),
                        codes=info.codes,
                        code_types=info.code_types,
                        phrases=info.phrases,
                        related=info.related,
                    )
                )
        if direct:
            return
        escalate = NodeSpec(
            id=f"{section_id}-escalate",
            kind=ESCALATION,
            title="None of the documented causes fit",
            line=line,
            section=section_id,
            symptom=symptom,
            docs=docs,
        )
        section_codes, section_types = self.codes(meta.get("codes"), section.meta.line or line, section_id)
        section_phrases = self.phrases(meta.get("phrases"), section.meta.line or line, section_id)
        ask = self.text(meta, "ask", line, section_id)
        if ask:
            question = NodeSpec(
                id=section_id,
                kind=QUESTION,
                title=ask,
                line=line,
                section=section_id,
                body=self.text(meta, "how", line, section_id),
                symptom=symptom,
                docs=docs,
                codes=section_codes,
                code_types=section_types,
                phrases=section_phrases,
            )
            for info in causes:
                question.choices.append(ChoiceSpec(info.answer or info.title, info.target, bool(info.see)))
                if info.see:
                    question.codes.update(info.codes)
                    question.code_types.update(info.code_types)
            question.choices.append(ChoiceSpec(NONE_OF_THESE, escalate.id))
            escalate.ruled_out = [info.title for info in causes]
            self.add(question)
        else:
            for index, (cause, info) in enumerate(zip(section.causes, causes, strict=True)):
                question = NodeSpec(
                    id=section_id if index == 0 else f"check-{info.id}",
                    kind=QUESTION,
                    title=info.ask or f"Is this the cause? {info.title}",
                    line=line if index == 0 else cause.line,
                    section=section_id,
                    body=info.how,
                    symptom=symptom,
                    cause=cause.text,
                    docs=docs,
                    codes=dict(section_codes if index == 0 else {}, **(info.codes if info.see else {})),
                    code_types=dict(section_types if index == 0 else {}, **(info.code_types if info.see else {})),
                    phrases=section_phrases if index == 0 else [],
                )
                following = f"check-{causes[index + 1].id}" if index + 1 < len(causes) else escalate.id
                question.choices = [
                    ChoiceSpec(YES, info.target, bool(info.see)),
                    ChoiceSpec(NO, following),
                    ChoiceSpec(NOT_SURE, following, is_unsure=True),
                ]
                self.add(question)
            # In cause order: the escalation is reached through these questions, in this order, so the last
            # steps of its trail pair with these causes (selectors.escalation_causes relies on it).
            escalate.ruled_out = [info.title for info in causes]
        self.add(escalate)

    def direct(self, meta: dict[str, Any], section: Section, section_id: str) -> bool:
        value = meta.get("direct", False)
        if not isinstance(value, bool):
            self.error(section.meta.line or section.line, section_id, "'direct' must be true or false")
            return False
        if value and len(section.causes) != 1:
            self.error(
                section.meta.line or section.line,
                section_id,
                f"'direct: true' needs exactly one cause (this section lists {len(section.causes)})",
            )
            return False
        return value

    def provenance(self, meta: dict[str, Any], line: int, node: str) -> None:
        if "source" in meta and read_provenance(meta["source"]) is None:
            self.error(line, node, "'source' must be 'FIRST-LAST DIGEST': lines in the imported page and 12 hex digits")

    def cause(self, cause: Cause, section_id: str) -> CauseSpec:
        meta = cause.meta.values
        line = cause.meta.line or cause.line
        first_line = cause.text.split("\n", 1)[0].strip()
        cause_id = self.text(meta, "id", line, section_id) or slugify(first_line)
        see = self.ref(self.text(meta, "see", line, cause_id))
        codes, code_types = self.codes(meta.get("codes"), line, cause_id)
        related = self.related(meta.get("related"), line, cause_id)
        if see and related:
            self.error(line, cause_id, "a cause with 'see:' has no resolution of its own to list 'related' links on")
        self.provenance(meta, line, cause_id)
        return CauseSpec(
            id=cause_id,
            title=self.text(meta, "title", line, cause_id) or first_line or cause_id,
            ask=self.text(meta, "ask", line, cause_id),
            how=self.text(meta, "how", line, cause_id),
            answer=self.text(meta, "answer", line, cause_id),
            see=see,
            docs=self.docs(meta.get("docs"), line, cause_id),
            codes=codes,
            code_types=code_types,
            related=related,
            phrases=self.phrases(meta.get("phrases"), line, cause_id),
        )

    def assign_steps(self, section: Section, section_id: str, causes: list[CauseSpec]) -> None:
        by_id = {info.id: info for info in causes}
        own = [info for info in causes if not info.see]
        labelled = {block.meta.values.get("cause") for block in section.steps} - {None}
        unlabelled_owners = iter(info for info in own if info.id not in labelled)
        blocks: list[tuple[StepsBlock, list[CauseSpec]]] = []
        if len(section.steps) == 1 and not section.steps[0].heading and not labelled:
            blocks = [(section.steps[0], own)]
        else:
            for block in section.steps:
                cause_id = block.meta.values.get("cause")
                if cause_id is not None:
                    target = by_id.get(str(cause_id))
                    if target is None:
                        self.error(
                            block.line,
                            section_id,
                            f"steps block points at cause '{cause_id}', which this section does not have",
                        )
                        continue
                else:
                    target = next(unlabelled_owners, None)
                    if target is None:
                        self.error(
                            block.line,
                            section_id,
                            f"steps block '{block.heading}' has no cause left to belong to: add 'cause: <id>'",
                        )
                        continue
                blocks.append((block, [target]))
        for block, targets in blocks:
            docs = self.docs(block.meta.values.get("docs"), block.meta.line or block.line, section_id)
            self.provenance(block.meta.values, block.meta.line or block.line, section_id)
            for info in targets:
                if info.see:
                    self.error(
                        block.line, info.id, "a cause with 'see:' links elsewhere and cannot have steps of its own"
                    )
                    continue
                info.steps.extend(block.steps)
                info.step_lines.extend(block.step_lines)
                info.steps_intro = "\n\n".join(filter(None, [info.steps_intro, block.intro]))
                info.steps_docs.extend(docs)


def _unique(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    result = []
    for title, url in pairs:
        if url not in seen:
            seen.add(url)
            result.append((title, url))
    return result


def build_guide(document: Document) -> tuple[GuideSpec, list[ContentError]]:
    builder = _Builder(document)
    guide = builder.build()
    return guide, builder.errors


def assign_trails(guide: GuideSpec) -> None:
    """Give every node one parent and the trail of (question, answer) that leads to it.

    Breadth-first from the start in answer order; a tree answer wins over a `see:` link, so a
    shared resolution keeps the trail of the section that owns it.
    """
    nodes = guide.nodes
    for preferring_links in (False, True):
        queue = deque([START])
        seen = {START}
        while queue:
            current = nodes[queue.popleft()]
            for choice in current.choices:
                target = nodes.get(choice.target)
                if target is None:
                    continue
                if target.id != START and target.parent is None and (preferring_links or not choice.is_link):
                    target.parent = current.id
                    target.trail = [*current.trail, TrailEntry(current.id, current.title, choice.label)]
                if target.id not in seen and target.parent == current.id:
                    seen.add(target.id)
                    queue.append(target.id)
