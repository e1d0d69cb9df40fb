"""Importing docs pages in bulk: the corpus pages repeated to 500, read, recognised, written and read back.

    .venv/bin/python -m bench.import_bench                 # 500 pages, 3 rounds
    .venv/bin/python -m bench.import_bench --pages 2000
    .venv/bin/python -m bench.import_bench --sections 1600   # one big page, as the admin's Import docs reads it

Target (issue 13): 500 pages in under a minute. The pages are copied into a scratch folder under their own
names plus a number, so every page gets its own guide file, the way `import_docs FOLDER` runs; the database
is not used (nothing is published, so no staleness look-ups).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from wizard.importers import import_page
from wizard.importers.files import Run, page_sources
from wizard.importers.read import read_source

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "import_corpus"
TARGET_SECONDS = 60.0


def copy_pages(count: int, folder: Path) -> list[Path]:
    pages, _ = page_sources([str(CORPUS)])
    copies = []
    for number in range(count):
        source = Path(pages[number % len(pages)])
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{source.stem.split('.')[0]}-{number}{''.join(source.suffixes)}"
        shutil.copyfile(source, target)
        copies.append(target)
    return copies


def one_round(pages: list[Path], output: Path) -> tuple[float, float, dict[str, int]]:
    """Wall-clock and CPU seconds of one import of every page, and how the pages came out."""
    shutil.rmtree(output, ignore_errors=True)
    run = Run(output_dir=output)
    started, cpu = time.perf_counter(), time.process_time()
    results = [run.page(str(page)) for page in pages]
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    statuses: dict[str, int] = {}
    for result in results:
        statuses[result.status] = statuses.get(result.status, 0) + 1
    return elapsed, cpu, statuses


def big_page(sections: int) -> bytes:
    """A synthetic Markdown page of `sections` problems, each with a cause and two steps (about 470 bytes each)."""
    parts = ["# A long troubleshooting page\n"]
    for number in range(sections):
        parts.append(
            f"## Problem {number}: the widget fails to start\n\n### Cause\n\n"
            f"The configuration file of widget {number} is missing or has an error in its settings block, so the "
            "service stops. It happens after an upgrade that renamed keys in the file, or when a deployment script "
            "copied an older file over the new one, which leaves the widget with settings it does not know.\n\n"
            f"### Resolution\n\n1. Open the configuration file and check the settings block.\n"
            f"2. Restart widget service {number}.\n"
        )
    return "\n".join(parts).encode()


def one_big_page(sections: int) -> None:
    """Read and recognise one page in memory, as the admin's Import docs does inside a request."""
    data = big_page(sections)
    started, cpu = time.perf_counter(), time.process_time()
    outline = read_source(data, "big.md")
    read_at = time.perf_counter()
    draft = import_page(outline, guide_id="big", file_name="big.md")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"one page of {sections} sections, {len(data) / 1e6:.2f} MB: {draft.status}, {draft.symptoms} symptoms")
    print(f"wall {elapsed:.1f} s (reading {read_at - started:.1f} s), CPU {cpu:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sections", type=int, help="instead: one synthetic page of this many problem sections")
    options = parser.parse_args()
    if options.sections:
        one_big_page(options.sections)
        return
    with tempfile.TemporaryDirectory() as scratch:
        pages = copy_pages(options.pages, Path(scratch) / "pages")
        times, cpus = [], []
        for _ in range(options.rounds):
            elapsed, cpu, statuses = one_round(pages, Path(scratch) / "content")
            times.append(elapsed)
            cpus.append(cpu)
    median = statistics.median(times)
    verdict = "meets" if median < TARGET_SECONDS else "MISSES"
    print(f"pages: {options.pages} (the {len(page_sources([str(CORPUS)])[0])} corpus pages repeated)")
    print(f"rounds: {', '.join(f'{value:.1f} s' for value in times)}; median {median:.1f} s")
    print(f"CPU: median {statistics.median(cpus):.1f} s (wall time above includes waiting for a shared CPU)")
    print(f"per page: {median / options.pages * 1000:.1f} ms; outcomes: {statuses}")
    print(f"target: {options.pages} pages under {TARGET_SECONDS:.0f} s -> {verdict}")


if __name__ == "__main__":
    main()
