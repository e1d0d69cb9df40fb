"""Add synthetic walks, events and feedback over the loaded guides, to measure /insights/ at volume.

    DATABASE_URL=... .venv/bin/python -m bench.generate_events --events 1000000 [--guide ID] [--days 30] [--seed 1]

Writes into the database that DATABASE_URL names (by default the app's own): never point it at production.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import TextIO

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from bench.synthetic import events_generate  # noqa: E402
from wizard.models import Guide  # noqa: E402


def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate_events", description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10000, help="How many events, at least (default 10000).")
    parser.add_argument("--guide", help="Only this guide (default: every guide).")
    parser.add_argument("--days", type=int, default=30, help="Spread walks over this many past days (default 30).")
    parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same walks.")
    parser.add_argument("--batch-size", type=int, default=5000, help="Rows per INSERT batch (default 5000).")
    args = parser.parse_args(argv)
    if args.events < 1 or args.days < 1 or args.batch_size < 1:
        raise SystemExit("--events, --days and --batch-size must be at least 1.")
    guides = list(Guide.objects.filter(slug=args.guide) if args.guide else Guide.objects.all())
    if not guides:
        raise SystemExit(f"No guide '{args.guide}'." if args.guide else "No guides loaded: run load_content first.")
    started = time.monotonic()
    step = max(args.events // 10, args.batch_size)
    reported = [0]

    def progress(done: int) -> None:
        if done - reported[0] >= step:
            reported[0] = done
            print(f"  {done:,} events ({time.monotonic() - started:.0f} s)", file=out)

    try:
        report = events_generate(
            events=args.events,
            guides=guides,
            days=args.days,
            seed=args.seed,
            batch_size=args.batch_size,
            progress=progress,
        )
    except ValueError as error:
        raise SystemExit(str(error)) from error
    print(
        f"Generated {report.events:,} events in {report.walks:,} walks with {report.feedback:,} feedback "
        f"answers over {', '.join(report.guides)} in {time.monotonic() - started:.1f} s.",
        file=out,
    )


if __name__ == "__main__":
    main()
