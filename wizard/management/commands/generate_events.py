from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wizard.models import Guide
from wizard.services.synthetic import events_generate


class Command(BaseCommand):
    help = "Add synthetic walks, events and feedback over the loaded guides, to measure /insights/ at volume."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=10000, help="How many events, at least (default 10000).")
        parser.add_argument("--guide", help="Only this guide (default: every guide).")
        parser.add_argument("--days", type=int, default=30, help="Spread walks over this many past days (default 30).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same walks.")
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows per INSERT batch (default 5000).")

    def handle(
        self, *args: Any, events: int, guide: str | None, days: int, seed: int, batch_size: int, **options: Any
    ) -> None:
        if events < 1 or days < 1 or batch_size < 1:
            raise CommandError("--events, --days and --batch-size must be at least 1.")
        guides = list(Guide.objects.filter(slug=guide) if guide else Guide.objects.all())
        if not guides:
            raise CommandError(f"No guide '{guide}'." if guide else "No guides loaded: run load_content first.")
        started = time.monotonic()
        step = max(events // 10, batch_size)
        reported = [0]

        def progress(done: int) -> None:
            if done - reported[0] >= step:
                reported[0] = done
                self.stdout.write(f"  {done:,} events ({time.monotonic() - started:.0f} s)")

        try:
            report = events_generate(
                events=events, guides=guides, days=days, seed=seed, batch_size=batch_size, progress=progress
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {report.events:,} events in {report.walks:,} walks with {report.feedback:,} feedback "
                f"answers over {', '.join(report.guides)} in {time.monotonic() - started:.1f} s."
            )
        )
