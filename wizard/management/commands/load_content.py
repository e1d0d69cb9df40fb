from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wizard.content import read_guides
from wizard.content.lint import lint_guide
from wizard.services.load import guides_load


class Command(BaseCommand):
    help = "Validate every guide in content/ and import them all in one transaction."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Validate only; change nothing.")
        parser.add_argument("--path", type=Path, help="Folder of guide files (default: settings.CONTENT_DIR).")

    def handle(self, *args: Any, check: bool, path: Path | None, **options: Any) -> None:
        directory = path or settings.CONTENT_DIR
        if not directory.is_dir():
            raise CommandError(f"{directory}: no such folder")
        guides, errors = read_guides(directory)
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(errors)} content error(s); nothing was imported.")
        for guide in guides:
            if guide.draft:
                missing = guide.missing_steps()
                self.stdout.write(
                    self.style.WARNING(
                        f"{guide.source_file}: draft guide '{guide.id}', hidden from readers; "
                        + (
                            f"{len(missing)} resolution(s) still need steps:"
                            if missing
                            else "every resolution has steps."
                        )
                    )
                )
                for node in missing:
                    self.stdout.write(f"  {guide.source_file}:{node.line} [{node.id}] needs troubleshooting steps")
        nodes = sum(len(guide.nodes) for guide in guides)
        summary = f"{len(guides)} guide(s), {nodes} nodes"
        if check:
            # Lints make a guide harder to walk but not wrong: shown while checking, never blocking an import.
            for guide in guides:
                for lint, findings in lint_guide(guide).items():
                    for finding in findings:
                        self.stdout.write(self.style.WARNING(f"{finding} (lint: {lint})"))
            self.stdout.write(self.style.SUCCESS(f"Content is valid: {summary}."))
            return
        report = guides_load(guides=guides)
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Imported {summary}: {report}."))
        else:
            self.stdout.write(f"Content already up to date ({summary}): nothing changed.")
