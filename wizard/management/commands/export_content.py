from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wizard.models import Guide


class Command(BaseCommand):
    help = "Write each guide's published Markdown back into content/, byte for byte."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, help="Folder to write to (default: settings.CONTENT_DIR).")
        parser.add_argument("--guide", help="Only this guide (its id).")

    def handle(self, *args: Any, path: Path | None, guide: str | None, **options: Any) -> None:
        directory = path or settings.CONTENT_DIR
        if not directory.is_dir():
            raise CommandError(f"{directory}: no such folder")
        # Draft previews are not content: they are published into their guide, never exported on their own.
        guides = Guide.objects.filter(preview_of__isnull=True).order_by("position", "slug")
        if guide is not None:
            guides = guides.filter(slug=guide)
            if not guides.exists():
                raise CommandError(f"no guide with the id '{guide}'")
        written = unchanged = 0
        for item in guides:
            name = item.source_file
            # The name came from a file listing or the admin; never let it point outside the folder.
            if not name or PurePath(name).name != name or not name.endswith(".md"):
                raise CommandError(f"{item.slug}: '{name}' is not a plain file name ending in .md")
            if not item.source_text:
                self.stderr.write(f"{name}: no Markdown stored for '{item.slug}' (run load_content); skipped")
                continue
            target = directory / name
            data = item.source_text.encode("utf-8")
            if target.is_file() and target.read_bytes() == data:
                unchanged += 1
                continue
            target.write_bytes(data)
            written += 1
            self.stdout.write(f"wrote {target}")
        self.stdout.write(self.style.SUCCESS(f"Exported: {written} written, {unchanged} already up to date."))
