from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wizard.content import ContentErrors, guide_files
from wizard.content.docs_import import import_docs
from wizard.content.graph import slugify
from wizard.content.parse import parse_file


class Command(BaseCommand):
    help = (
        "Turn a troubleshooting docs page (Markdown, HTML or scraped plain text) into a draft guide "
        "in content/, and list what an author must still write."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", type=Path, help="The docs page: .md, .html or .txt (detected from the content otherwise)."
        )
        parser.add_argument("--output", type=Path, help="File to write (default: content/<id>.md).")
        parser.add_argument("--id", dest="guide_id", help="Guide id (default: the page's file name, slugified).")
        parser.add_argument("--force", action="store_true", help="Overwrite the output file if it exists.")

    def handle(
        self, *args: Any, path: Path, output: Path | None, guide_id: str | None, force: bool, **options: Any
    ) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise CommandError(f"{path}: no such file") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: not UTF-8 text ({exc.reason})") from exc
        guide_id = guide_id or slugify(path.stem.replace("_", " "), words=12)
        output = output or settings.CONTENT_DIR / f"{guide_id}.md"
        if output.exists() and not force:
            raise CommandError(f"{output} already exists; pass --force to overwrite it.")
        self.check_guide_id(guide_id, output)
        try:
            draft = import_docs(text, name=str(path), guide_id=guide_id, output=output.name)
        except ContentErrors as exc:
            raise CommandError(f"{len(exc.errors)} problem(s) in {path}; nothing was written.\n{exc}") from exc
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(draft.text, encoding="utf-8")
        causes = sum(len(section.causes) for section in draft.page.sections)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: draft guide '{guide_id}', hidden from readers, with "
                f"{len(draft.page.sections)} section(s) and {causes} cause(s)."
            )
        )
        if draft.todo:
            self.stdout.write(self.style.WARNING(f"{len(draft.todo)} thing(s) an author must still write:"))
            for item in draft.todo:
                self.stdout.write(f"  {output}:{item.line} [{item.node}] {item.message}")

    def check_guide_id(self, guide_id: str, output: Path) -> None:
        """Another guide in the output folder with the same id would stop load_content."""
        if not output.parent.is_dir():
            return
        for other in guide_files(output.parent):
            if other.resolve() == output.resolve():
                continue
            document, _ = parse_file(other)
            if document.front.values.get("id") == guide_id:
                raise CommandError(f"guide id '{guide_id}' is already used by {other}; pass --id to choose another.")
