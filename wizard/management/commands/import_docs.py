from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from wizard.importers.files import EXIT, PageResult, Run, page_sources
from wizard.selectors import guide_published_nodes

COLUMNS = ("page", "guide", "symptoms", "causes", "steps", "codes", "todo", "warnings", "result")


class Command(BaseCommand):
    help = (
        "Turn troubleshooting docs pages (Markdown, HTML, reStructuredText, DITA, scraped text; files, folders "
        "searched recursively by extension, or http(s) URLs) into draft guides in content/, one per page, and "
        "list what an author must still write. A guide that already exists is never overwritten silently: the new "
        "draft is written beside it as <file>.md.new (which load_content ignores) with a report of what the docs "
        "changed since the last import; --force replaces it. Exit status: 0 imported, 3 imported with warnings (or "
        "changes waiting for an author), 4 nothing importable."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL", help="Docs pages, folders or URLs.")
        parser.add_argument("--output-dir", type=Path, help="Folder for the drafts (default: content/).")
        parser.add_argument("--id", dest="guide_id", help="Guide id for a single page (default: from its name).")
        parser.add_argument("--force", action="store_true", help="Replace existing guides with the new drafts.")
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")
        parser.add_argument("--json", dest="as_json", action="store_true", help="Print the report as JSON.")

    def handle(
        self,
        *args: Any,
        sources: list[str],
        output_dir: Path | None,
        guide_id: str | None,
        force: bool,
        dry_run: bool,
        as_json: bool,
        **options: Any,
    ) -> None:
        pages, missing = page_sources(sources)
        if guide_id and len(pages) + len(missing) != 1:
            raise CommandError("--id names one guide: give exactly one page with it.")
        run = Run(
            output_dir=output_dir or Path(settings.CONTENT_DIR),
            force=force,
            dry_run=dry_run,
            published=_published,
        )
        results = [run.missing(source, message) for source, message in missing]
        results += [run.page(source, guide_id=guide_id) for source in pages]
        status = EXIT[run.status(results)]
        if as_json:
            self.stdout.write(json.dumps({"exit": status, "pages": [result.as_dict() for result in results]}, indent=2))
        else:
            self.report(results)
        if status:
            raise CommandError(_summary(results), returncode=status)

    def report(self, results: list[PageResult]) -> None:
        rows = [COLUMNS] + [result.row() for result in results]
        widths = [max(len(str(row[index])) for row in rows) for index in range(len(COLUMNS))]
        for number, row in enumerate(rows):
            line = "  ".join(
                str(cell).ljust(width) if index in {0, 1, 8} else str(cell).rjust(width)
                for index, (cell, width) in enumerate(zip(row, widths, strict=True))
            )
            self.stdout.write(self.style.MIGRATE_HEADING(line) if number == 0 else line)
        for result in results:
            for warning in result.warnings:
                self.stdout.write(self.style.WARNING(f"warning: {warning}"))
            for item in result.todo:
                self.stdout.write(f"to write: {result.draft_path}:{item.line} [{item.node}] {item.message}")
            if result.sync is not None and result.sync.changes:
                self.stdout.write(
                    self.style.WARNING(
                        f"{result.target}: the docs changed since the last import "
                        f"({len(result.sync.changes)} change(s)); {result.outcome_text()}"
                    )
                )
                for change in result.sync.changes:
                    self.stdout.write(f"  {change}")


def _published(guide_id: str) -> set[str]:
    """Published nodes of a guide, to say which ones a change leaves stale; none when there is no database yet."""
    try:
        return guide_published_nodes(guide_id=guide_id)
    except DatabaseError:
        return set()


def _summary(results: list[PageResult]) -> str:
    drafts = sum(1 for result in results if result.status != "nothing")
    if drafts == 0:
        return f"nothing importable in {len(results)} page(s); the reasons are above (exit status {EXIT['nothing']})."
    return (
        f"{drafts} of {len(results)} page(s) imported, with warnings or changes for an author listed above "
        f"(exit status {EXIT['warnings']})."
    )
