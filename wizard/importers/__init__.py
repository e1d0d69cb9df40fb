"""Docs pages -> draft guides: readers (one per format) -> outline -> recognise -> write. No Django.

`import_page(outline, guide_id=...)` is the one entry point for the command and the admin: plain values in,
a `Draft` out, never an exception for anything a reader produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..content import read_guide_text
from ..content.errors import ContentError
from ..content.graph import NODE_ID, RESOLUTION, GuideSpec
from .links import absolute_links
from .outline import Outline
from .recognise import recognise
from .recognised import Recognition
from .write import write

Status = Literal["imported", "warnings", "nothing"]


@dataclass(frozen=True)
class Todo:
    """Something an author must still write, at a line of the draft."""

    line: int
    node: str
    message: str


@dataclass
class Draft:
    """One page's import: the draft Markdown, the guide read back from it, and the report.

    `warnings` name the *source* page and line (what could not be placed, and why); `todo` names lines of the
    draft. `guide` is None and `markdown` empty when nothing on the page was importable.
    """

    source: str
    guide_id: str
    file_name: str
    markdown: str
    guide: GuideSpec | None
    recognition: Recognition
    warnings: list[ContentError] = field(default_factory=list)
    todo: list[Todo] = field(default_factory=list)

    @property
    def status(self) -> Status:
        if self.guide is None:
            return "nothing"
        return "warnings" if self.warnings else "imported"

    @property
    def symptoms(self) -> int:
        return len(self.recognition.problems)

    @property
    def causes(self) -> int:
        return sum(len(problem.causes) for problem in self.recognition.problems)

    @property
    def steps(self) -> int:
        if self.guide is None:
            return 0
        return sum(len(node.steps) for node in self.guide.nodes.values() if node.kind == RESOLUTION)

    @property
    def codes(self) -> list[str]:
        if self.guide is None:
            return []
        found: list[str] = []
        for node in self.guide.nodes.values():
            found += [code for code in node.codes if code not in found]
        return found


def import_page(outline: Outline, *, guide_id: str, file_name: str = "") -> Draft:
    """A read page as a draft guide, checked by the content pipeline before anyone writes it anywhere.

    `file_name` is the name the draft will have (for its own line numbers in `todo`); the default is
    `<guide_id>.md`.
    """
    file_name = file_name or f"{guide_id}.md"
    recognition = recognise(absolute_links(outline))
    draft = Draft(
        source=outline.source,
        guide_id=guide_id,
        file_name=file_name,
        markdown="",
        guide=None,
        recognition=recognition,
        warnings=list(recognition.warnings),
    )
    if not NODE_ID.match(guide_id):
        draft.warnings.append(
            ContentError(outline.source, 1, None, f"guide id '{guide_id}' must be lowercase letters, digits and dashes")
        )
        return draft
    if not recognition.importable:
        return draft
    written = write(recognition, guide_id=guide_id)
    guide, errors = read_guide_text(written.text, file_name)
    if errors:
        # The writer's output must always load; if it does not, say so plainly rather than write a broken file.
        draft.warnings += [
            ContentError(outline.source, 1, None, f"the draft would not load (an importer bug): {error}")
            for error in errors
        ]
        return draft
    draft.markdown, draft.guide = written.text, guide
    draft.todo = _todo(guide, written.unstated)
    return draft


def _todo(guide: GuideSpec, unstated: list[str]) -> list[Todo]:
    todo = [
        Todo(guide.nodes[node].line, node, "the page gives a fix but no cause: say what causes it")
        for node in unstated
        if node in guide.nodes
    ]
    todo += [Todo(node.line, node.id, "needs troubleshooting steps") for node in guide.missing_steps()]
    return sorted(todo, key=lambda item: (item.line, item.node))
