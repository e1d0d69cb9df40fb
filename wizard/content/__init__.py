"""Content pipeline in plain Python: Markdown files -> validated guide graphs. No ORM here."""

from __future__ import annotations

from pathlib import Path

from .derive import assign_trails, build_guide
from .errors import ContentError, ContentErrors
from .graph import GuideSpec
from .parse import Document, parse_file, parse_text
from .validate import Catalog, cross_guide_loops, validate_guide, validate_references

__all__ = [
    "Catalog",
    "ContentError",
    "ContentErrors",
    "GuideSpec",
    "guide_files",
    "read_guide",
    "read_guide_text",
    "read_guides",
]


def read_guide_text(text: str, name: str) -> tuple[GuideSpec, list[ContentError]]:
    document, errors = parse_text(text, name)
    return _finish(document, errors)


def read_guide(path: Path, name: str | None = None) -> tuple[GuideSpec, list[ContentError]]:
    document, errors = parse_file(path, name)
    return _finish(document, errors)


def _finish(document: Document, errors: list[ContentError]) -> tuple[GuideSpec, list[ContentError]]:
    if not document.sections:
        # Nothing to build a tree from; the parser has said why.
        return GuideSpec(id="", title="", source_file=document.path), errors
    guide, build_errors = build_guide(document)
    errors = errors + build_errors
    if not errors:
        errors = validate_guide(guide)
    if not errors:
        assign_trails(guide)
    return guide, errors


def guide_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.glob("*.md") if path.name.lower() != "readme.md")


def read_guides(directory: Path) -> tuple[list[GuideSpec], list[ContentError]]:
    """Every guide in a folder, or every error in it; guide ids must be unique across files.

    Links between guides (`<guide id>/<node id>`) are checked once every guide is read; a link into a guide that
    has errors of its own is not judged, since that guide's errors are reported already.
    """
    guides: list[GuideSpec] = []
    errors: list[ContentError] = []
    files = guide_files(directory)
    if not files:
        errors.append(ContentError(str(directory), 1, None, "no guide files (*.md) found"))
    owners: dict[str, str] = {}
    unreadable: set[str] = set()
    for path in files:
        guide, guide_errors = read_guide(path, path.name)
        errors.extend(guide_errors)
        if guide_errors:
            unreadable.add(guide.id)
        if guide.id and guide.id in owners:
            errors.append(ContentError(path.name, 1, None, f"guide id '{guide.id}' is also used by {owners[guide.id]}"))
        owners.setdefault(guide.id, path.name)
        guides.append(guide)
    readable = [guide for guide in guides if guide.id not in unreadable]
    catalog = Catalog.of(readable, unreadable)
    reference_errors = [error for guide in readable for error in validate_references(guide, catalog)]
    errors.extend(reference_errors or cross_guide_loops(readable))
    for position, guide in enumerate(sorted(guides, key=lambda guide: guide.order)):
        guide.position = position
    return guides, errors
