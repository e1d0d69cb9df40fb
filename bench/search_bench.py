"""Search latency on big guides: p50 / p95 per query over a fixed query list, at 100 and 10,000 nodes.

    .venv/bin/python -m bench.search_bench                      # SQLite, 100 and 10000 nodes
    .venv/bin/python -m bench.search_bench --nodes 10000 --keep  # reuse the scratch database next time
    DATABASE_URL=$(scripts/postgres) .venv/bin/python -m bench.search_bench

Each size gets its own scratch database (a SQLite file under --dir, or a PostgreSQL database named after the one
in DATABASE_URL with a `_search_bench_<nodes>` suffix) holding a generated guide plus the real guides of content/,
so code and message queries have something to find. Each size runs in a fresh process, so the first search pays
for the index build and the timed rounds see what a warm app server sees.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# What agents type: codes (exact, typo, pasted JSON), messages, descriptions, typos, prefixes, misses.
QUERIES = [
    "ITEM_LOGIN_REQUIRED",
    "invalid_link_tokn",
    '{"error_type": "INVALID_INPUT", "error_code": "INVALID_LINK_TOKEN", "error_message": "invalid link_token"}',
    "Connectivity not supported",
    "Thing 4242 breaks",
    "cause 2 of symptom 17",
    "symptom number 900",
    "symptm numbr 12",
    "breaks",
    "th",
    "customer linked the same bank twice",
    # A customer's email pasted whole (several sentences, a code inside, then one without).
    "Hello, since this morning our logs show ITEM_LOGIN_REQUIRED for a customer whose account was working fine last "
    "week. They say they changed their online banking password over the weekend and now the app asks them to log "
    "in again every time. What do we need to do on our side? Thanks, Dana from the support team at Example Money",
    "Hi team, one of our users keeps getting an error when they try to connect their bank. The Link window shows a "
    "message saying connectivity is not supported after they search for their credit union, and the bank is not "
    "listed either. Could you tell us what we should change in our integration? Thanks, Sam",
    "nothing like this",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def scratch_url(nodes: int, folder: Path, keep: bool) -> str:
    """A database URL for this size's scratch database, created empty unless kept from an earlier run."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        path = folder / f"search-bench-{nodes}.sqlite3"
        if not keep:
            for stale in folder.glob(f"{path.name}*"):
                stale.unlink()
        return f"sqlite:///{path}"
    import psycopg

    name = f"{base.rsplit('/', 1)[1]}_search_bench_{nodes}"
    with psycopg.connect(base, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not keep:
            connection.execute(f'DROP DATABASE "{name}"')
        if not exists or not keep:
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base.rsplit('/', 1)[0]}/{name}"


def measure(nodes: int, rounds: int) -> dict:
    """In a process whose DATABASE_URL is the scratch database: load (if empty), then time the queries."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from tests.factories import generated_guide
    from wizard.content import read_guides
    from wizard.models import Node
    from wizard.search import content_fingerprint, search
    from wizard.services.load import guides_load

    call_command("migrate", verbosity=0)
    if not Node.objects.filter(guide__slug="big").exists():
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "big.md").write_text(generated_guide(nodes))
            guides = read_guides(Path(folder))[0] + read_guides(settings.CONTENT_DIR)[0]
        guides_load(guides=guides, revision_note=None)
    result: dict = {"database": connection.vendor, "nodes": Node.objects.count()}
    began = time.perf_counter()
    search(QUERIES[0])
    result["first_search_ms"] = (time.perf_counter() - began) * 1000
    times: dict[str, list[float]] = {query: [] for query in QUERIES}
    versions = []
    for _ in range(rounds):
        began = time.perf_counter()
        content_fingerprint()
        versions.append((time.perf_counter() - began) * 1000)
        for query in QUERIES:
            began = time.perf_counter()
            search(query)
            times[query].append((time.perf_counter() - began) * 1000)
    every = [value for values in times.values() for value in values]
    result["version_query_p50_ms"] = percentile(versions, 0.5)
    result["all"] = {"p50_ms": percentile(every, 0.5), "p95_ms": percentile(every, 0.95), "runs": len(every)}
    result["queries"] = {
        query: {"p50_ms": percentile(ts, 0.5), "p95_ms": percentile(ts, 0.95)} for query, ts in times.items()
    }
    return result


def report(result: dict) -> str:
    lines = [
        f"{result['database']}, {result['nodes']} nodes: first search (index build) {result['first_search_ms']:.0f} ms,"
        f" version query p50 {result['version_query_p50_ms']:.2f} ms",
        f"  {'query':<52} {'p50 ms':>8} {'p95 ms':>8}",
    ]
    for query, figures in result["queries"].items():
        shown = query if len(query) <= 50 else query[:47] + "..."
        lines.append(f"  {shown:<52} {figures['p50_ms']:>8.2f} {figures['p95_ms']:>8.2f}")
    every = result["all"]
    lines.append(f"  {'ALL (' + str(every['runs']) + ' runs)':<52} {every['p50_ms']:>8.2f} {every['p95_ms']:>8.2f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[100, 10000])
    parser.add_argument("--rounds", type=int, default=20, help="times each query runs (default 20)")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()), help="where SQLite files go")
    parser.add_argument("--keep", action="store_true", help="reuse a scratch database left by an earlier run")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.rounds)))
        return
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}", flush=True)
    for nodes in args.nodes:
        environment = {**os.environ, "DATABASE_URL": scratch_url(nodes, args.dir, args.keep)}
        command = [sys.executable, "-m", "bench.search_bench", "--measure", str(nodes), "--rounds", str(args.rounds)]
        output = subprocess.run(command, env=environment, check=True, capture_output=True, text=True).stdout
        result = json.loads(output.strip().splitlines()[-1])
        print(json.dumps(result) if args.json else report(result), flush=True)


if __name__ == "__main__":
    main()
