"""Re-importing a page: what the docs added, removed or changed since the last import, node by node.

Every imported section, cause and steps block records `source: FIRST-LAST DIGEST` (content/README.md). The
existing guide (which an author may have edited) and the new draft are compared by those records: the same node
id, or the same digest under another id (an author renamed it), is the same node. A node whose digest differs
now rests on text that changed: it is *stale* until an author has looked at it. Nodes without a record were
written by an author and are never reported as removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..content.format import Provenance, read_provenance
from ..content.graph import slugify
from ..content.parse import parse_text

Piece = Literal["section", "cause", "steps"]


@dataclass(frozen=True)
class Sourced:
    """One imported piece of a guide and where on the page it came from."""

    piece: Piece
    node: str  # the node id it belongs to (steps: the cause they fix)
    title: str
    provenance: Provenance


@dataclass(frozen=True)
class Change:
    what: Literal["added", "removed", "changed"]
    piece: Piece
    node: str
    title: str
    old: Provenance | None
    new: Provenance | None
    # The node is in the published guide and rests on text that changed or went away.
    published: bool = False

    def __str__(self) -> str:
        where = " ".join(
            filter(
                None,
                [
                    f"page lines {self.new.first}-{self.new.last}" if self.new else "",
                    f"(was {self.old.first}-{self.old.last})" if self.old and self.new else "",
                    f"was page lines {self.old.first}-{self.old.last}" if self.old and not self.new else "",
                ],
            )
        )
        stale = "; published, now stale" if self.published else ""
        return f"{self.what:<8} {self.piece:<7} {self.node}: {self.title} [{where}{stale}]"


@dataclass
class SyncReport:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    # Pieces of the existing guide with no provenance: an author wrote them; a re-import leaves them alone.
    authored: int = 0

    @property
    def up_to_date(self) -> bool:
        return not self.changes

    @property
    def stale(self) -> list[Change]:
        return [change for change in self.changes if change.what != "added"]


def sourced(text: str, name: str) -> tuple[list[Sourced], int]:
    """The pieces of a guide file that record their provenance, and how many do not."""
    document, _ = parse_text(text, name)
    found: list[Sourced] = []
    authored = 0

    def add(piece: Piece, node: str, title: str, value: object) -> None:
        nonlocal authored
        provenance = read_provenance(value)
        if provenance is None:
            authored += 1
        else:
            found.append(Sourced(piece, node, title, provenance))

    for section in document.sections:
        section_id = str(section.meta.values.get("id") or slugify(section.heading))
        add("section", section_id, section.heading, section.meta.values.get("source"))
        cause_ids = []
        for cause in section.causes:
            first = cause.text.split("\n", 1)[0].strip()
            cause_id = str(cause.meta.values.get("id") or slugify(first))
            cause_ids.append(cause_id)
            add("cause", cause_id, str(cause.meta.values.get("title") or first), cause.meta.values.get("source"))
        for block in section.steps:
            owner = str(block.meta.values.get("cause") or section_id)
            add("steps", owner, block.heading or f"steps of {section.heading}", block.meta.values.get("source"))
    return found, authored


def compare(existing: str, draft: str, *, name: str, published: set[str] | None = None) -> SyncReport:
    """What changed between the guide file as it is now and a new draft of the same page."""
    published = published or set()
    old, authored = sourced(existing, name)
    new, _ = sourced(draft, name)
    report = SyncReport(authored=authored)
    old_left = {(piece.piece, piece.node): piece for piece in old}
    new_left = {(piece.piece, piece.node): piece for piece in new}
    for key in [key for key in new_left if key in old_left]:
        before, after = old_left.pop(key), new_left.pop(key)
        if before.provenance.digest == after.provenance.digest:
            report.unchanged += 1
        else:
            report.changes.append(_change("changed", before, after, published))
    # The same text under another id: an author renamed the node, or the page moved it.
    for key, after in list(new_left.items()):
        match = next(
            (
                old_key
                for old_key, before in old_left.items()
                if before.piece == after.piece and before.provenance.digest == after.provenance.digest
            ),
            None,
        )
        if match is not None:
            del old_left[match], new_left[key]
            report.unchanged += 1
    report.changes += [_change("added", None, after, published) for after in new_left.values()]
    report.changes += [_change("removed", before, None, published) for before in old_left.values()]
    return report


def _change(what: str, before: Sourced | None, after: Sourced | None, published: set[str]) -> Change:
    piece = after or before
    assert piece is not None
    return Change(
        what=what,  # type: ignore[arg-type]
        piece=piece.piece,
        node=(before or piece).node,
        title=piece.title,
        old=before.provenance if before else None,
        new=after.provenance if after else None,
        published=before is not None and before.node in published,
    )
