"""Importing pages into a content folder: which files a folder holds, guide ids, and writing drafts safely.

A draft never overwrites a guide silently: when the guide file exists, the new draft is compared with it
(sync.py) and written beside it as `<file>.md.new`, which load_content does not read, unless `force`.
No Django here: the caller says which nodes are published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ..content.errors import ContentError, ContentErrors
from ..content.graph import slugify
from ..content.parse import parse_file
from . import Draft, Status, Todo, import_page
from .read import SUFFIXES, read_path, read_url
from .sync import SyncReport, compare

EXIT: dict[Status, int] = {"imported": 0, "warnings": 3, "nothing": 4}
NEW_SUFFIX = ".new"
OUTCOMES = {
    "written": "wrote {target}",
    "replaced": "replaced {target}",
    "unchanged": "unchanged since the last import",
    "changes": "new draft beside it: {written}",
    "dry-run": "nothing written (dry run)",
    "nothing": "nothing importable",
}


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def page_sources(sources: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The pages to import (files, URLs, and the docs files under folders), and sources that hold none."""
    pages: list[str] = []
    empty: list[tuple[str, str]] = []
    for source in sources:
        path = Path(source)
        if is_url(source) or not path.is_dir():
            pages.append(source)
            continue
        found = sorted(
            str(file)
            for file in path.rglob("*")
            if file.is_file()
            and file.suffix.lower() in SUFFIXES
            and not any(part.startswith(".") for part in file.relative_to(path).parts)
        )
        if found:
            pages += found
        else:
            kinds = ", ".join(sorted(SUFFIXES))
            empty.append((source, f"no docs pages in this folder (looked for {kinds})"))
    return pages, empty


@dataclass
class PageResult:
    source: str
    guide_id: str = ""
    target: Path | None = None  # the guide file of this page
    written: Path | None = None  # the file written: the target, the draft beside it, or none
    outcome: str = "nothing"
    draft: Draft | None = None
    errors: list[ContentError] = field(default_factory=list)
    sync: SyncReport | None = None

    @property
    def status(self) -> Status:
        if self.draft is None or self.draft.status == "nothing":
            return "nothing"
        if self.warnings or (self.sync is not None and self.sync.changes):
            return "warnings"
        return "imported"

    @property
    def warnings(self) -> list[ContentError]:
        return self.errors + (self.draft.warnings if self.draft else [])

    @property
    def todo(self) -> list[Todo]:
        return self.draft.todo if self.draft and self.written else []

    @property
    def draft_path(self) -> Path | None:
        return self.written or self.target

    def outcome_text(self) -> str:
        return OUTCOMES[self.outcome].format(target=self.target, written=self.written)

    def row(self) -> tuple[Any, ...]:
        draft = self.draft if self.status != "nothing" else None
        counts = (draft.symptoms, draft.causes, draft.steps, len(draft.codes)) if draft else (0, 0, 0, 0)
        return (self.source, self.guide_id, *counts, len(self.todo), len(self.warnings), self.outcome_text())

    def as_dict(self) -> dict[str, Any]:
        draft = self.draft if self.status != "nothing" else None
        return {
            "page": self.source,
            "guide": self.guide_id,
            "status": self.status,
            "outcome": self.outcome,
            "file": str(self.written) if self.written else None,
            "symptoms": draft.symptoms if draft else 0,
            "causes": draft.causes if draft else 0,
            "steps": draft.steps if draft else 0,
            "codes": draft.codes if draft else [],
            "todo": [{"line": item.line, "node": item.node, "message": item.message} for item in self.todo],
            "warnings": [{"page": w.file, "line": w.line, "message": w.message} for w in self.warnings],
            "changes": [
                {"change": change.what, "piece": change.piece, "node": change.node, "published": change.published}
                for change in (self.sync.changes if self.sync else [])
            ],
        }


@dataclass
class Run:
    output_dir: Path
    force: bool = False
    dry_run: bool = False
    published: Callable[[str], set[str]] = lambda guide_id: set()
    taken: set[str] = field(default_factory=set)
    _owners: dict[str, Path] | None = None
    # The page each guide in the output folder was imported from (its front matter's `source`), by guide id.
    _sources: dict[str, str] = field(default_factory=dict)

    def status(self, results: list[PageResult]) -> Status:
        statuses = {result.status for result in results}
        if not statuses or statuses == {"nothing"}:
            return "nothing"
        return "imported" if statuses == {"imported"} else "warnings"

    def missing(self, source: str, message: str) -> PageResult:
        return PageResult(source, errors=[ContentError(source, 1, None, message)])

    def page(self, source: str, *, guide_id: str | None = None) -> PageResult:
        try:
            outline = read_url(source, allow_private=True) if is_url(source) else read_path(Path(source))
        except ContentErrors as error:
            return PageResult(source, errors=error.errors)
        guide_id = guide_id or self.new_id(source)
        self.taken.add(guide_id)
        target = self.output_dir / f"{guide_id}.md"
        result = PageResult(source, guide_id=guide_id, target=target)
        owner = self.owners().get(guide_id)
        if owner is not None and owner.resolve() != target.resolve():
            message = f"guide id '{guide_id}' is already used by {owner}; pass --id to choose another"
            result.errors.append(ContentError(source, 1, None, message))
            return result
        result.draft = import_page(outline, guide_id=guide_id, file_name=target.name)
        if result.draft.status == "nothing":
            return result
        self.save(result, target, result.draft.markdown)
        return result

    def save(self, result: PageResult, target: Path, text: str) -> None:
        destination, result.outcome = target, "written"
        if target.exists():
            try:
                existing = target.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                existing = ""
            result.sync = compare(existing, text, name=target.name, published=self.published(result.guide_id))
            if self.force:
                result.outcome = "replaced"
            elif result.sync.up_to_date and result.sync.unchanged:
                result.outcome = "unchanged"
                return
            else:
                destination, result.outcome = target.with_name(target.name + NEW_SUFFIX), "changes"
        if self.dry_run:
            result.outcome = "dry-run"
            return
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8")
        result.written = destination
        self.owners()[result.guide_id] = target

    def new_id(self, source: str) -> str:
        """A guide id from the page's name, unique in this run (and among the folder's other guides)."""
        path = PurePosixPath(urlsplit(source).path) if is_url(source) else PurePosixPath(Path(source).as_posix())
        base = slugify(path.stem.replace("_", " "), words=12) or slugify(urlsplit(source).netloc) or "imported-page"
        candidates = [base]
        if path.parent.name:
            candidates.append(slugify(f"{path.parent.name} {path.stem}".replace("_", " "), words=12))
        candidates += [f"{base}-{number}" for number in range(2, len(self.taken) + 3)]
        owners = self.owners()
        for candidate in candidates:
            owner = owners.get(candidate)
            # A guide imported from another page of the same name is not this page's: its id is not free.
            mine = owner == self.output_dir / f"{candidate}.md" and same_page(self._sources.get(candidate, ""), source)
            if candidate not in self.taken and (owner is None or mine):
                return candidate
        raise AssertionError("unreachable: the numbered candidates outnumber the ids taken")

    def owners(self) -> dict[str, Path]:
        """Guide ids already used by files in the output folder (from their front matter)."""
        if self._owners is None:
            self._owners = {}
            for path in sorted(self.output_dir.glob("*.md")) if self.output_dir.is_dir() else []:
                if path.name.lower() == "readme.md":
                    continue
                document, _ = parse_file(path)
                values = document.front.values
                guide_id = str(values["id"]) if values.get("id") else slugify(path.stem)
                self._owners.setdefault(guide_id, path)
                self._sources.setdefault(guide_id, str(values.get("source") or ""))
        return self._owners


def same_page(recorded: str, source: str) -> bool:
    """Whether a guide's recorded `source` is this page: none recorded (an author's own file), the same URL, or a
    path ending in the same folder and file name (a re-import run from another folder spells the path differently).
    """
    if not recorded or recorded == source:
        return True
    if is_url(recorded) or is_url(source):
        return recorded.rstrip("/") == source.rstrip("/")
    return PurePosixPath(recorded.replace("\\", "/")).parts[-2:] == PurePosixPath(Path(source).as_posix()).parts[-2:]
