"""Turn the JSON files of one bench/run into bench/RESULTS.md: the machine, the date, each figure and its target."""

from __future__ import annotations

import json
import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path


def load(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def main(work: Path, soak_status: int) -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.platform()}",
        "- Server: gunicorn, 2 workers x 4 threads (gthread), DEBUG off, whitenoise after collectstatic;"
        " load from wrk in a second process on the same machine.",
        "- Produced by `bench/run`; every figure below comes from that one run.",
        "",
    ]
    http = load(work / "http.json")
    if http:
        load_results = http["load"]
        lines += ["## Throughput and latency (SQLite, the Plaid Link guide)", ""]
        rounds = http.get("rounds", 1)
        if rounds > 1:
            lines += [
                f"Each row is the median of {rounds} rounds (by req/s, with that run's latencies); the targets take"
                " turns within each round. A step's share of the bare view's req/s is taken within each round (runs"
                " seconds apart) and the median of those shares is the verdict.",
                "",
            ]
        lines += [
            "| target | clients | req/s | p50 ms | p95 ms | p99 ms | non-2xx | socket errors |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name, runs in load_results.items():
            for clients, r in runs.items():
                lines.append(
                    f"| {name} | {clients} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f}"
                    f" | {r['non_2xx_3xx']} | {r['socket_errors']} |"
                )
        shares = throughput_shares(http)
        lines += ["", "| target | measured | verdict |", "|---|---|---|"]
        for name in ("step (htmx partial)", "step (full page)"):
            for clients in ("1", "10", "50"):
                share, spread = shares[name][clients]
                met = verdict(share >= 0.6)
                lines.append(f"| {name} >= 60% of bare view's req/s at {clients} | {share:.0%}{spread} | {met} |")
            p99 = load_results[name]["50"]["p99_ms"]
            lines.append(f"| {name} p99 < 100 ms at 50 clients | {p99:.0f} ms | {verdict(p99 < 100)} |")
        lines += gaps(http, shares, load(work / "inprocess.json"))
        wire = http["wire"]
        lines += ["", "## Bytes on the wire", "", f"Page: `{wire['page']}`", ""]
        lines += ["| what | bytes | encoding | cache-control |", "|---|---|---|---|"]
        lines.append(f"| full page HTML | {wire['page_bytes']} | {wire['page_encoding']} | |")
        lines.append(f"| htmx partial | {wire['partial_bytes']} | {wire.get('partial_encoding', 'none')} | |")
        if "partial_raw_bytes" in wire:
            lines.append(f"| htmx partial, uncompressed | {wire['partial_raw_bytes']} | none | |")
        for asset, info in wire["assets"].items():
            lines.append(f"| `{asset}` | {info['bytes']} | {info['encoding']} | {info['cache']} |")
        far = all("max-age=315360000" in i["cache"] and "immutable" in i["cache"] for i in wire["assets"].values())
        compressed = all(i["encoding"] in {"br", "gzip"} for i in wire["assets"].values())
        lines += [
            "",
            "| target | measured | verdict |",
            "|---|---|---|",
            f"| htmx partial < 6 KB on the wire | {wire['partial_bytes'] / 1024:.1f} KB"
            f" | {verdict(wire['partial_bytes'] < 6144)} |",
            f"| first page with CSS and JS < 80 KB compressed | {wire['first_page_total'] / 1024:.1f} KB"
            f" | {verdict(wire['first_page_total'] < 80 * 1024)} |",
            f"| static files compressed | {compressed} | {verdict(compressed)} |",
            f"| static files: hashed names, far-future cache | {far} | {verdict(far)} |",
            "",
        ]
    lines += ["## Scale: import, re-import, queries and time per step, search", ""]
    lines += [
        "| database | nodes | parse s | import s | re-import s | re-import wrote"
        " | step: queries / median ms / cold ms (first question; deep question; deep resolution)"
        " | search p50 / p95 ms |"
    ]
    lines += ["|---|---|---|---|---|---|---|---|"]
    scale = sorted(work.glob("scale-*.json"), key=lambda p: (p.name.split("-")[1], int(re.findall(r"\d+", p.name)[0])))
    runs = [r for r in map(load, scale) if r]
    for r in runs:
        if r.get("timed_out"):
            lines.append(f"| {r['database']} | {r['nodes_requested']} | timed out | | | | | |")
            continue
        steps = "; ".join(
            f"{s['queries']} / {s['median_ms']:.1f} / {s['cold_ms']:.0f}"
            if "cold_ms" in s
            else f"{s['queries']} / {s['median_ms']:.1f}"
            for s in r["steps"].values()
        )
        search = f"{r['search']['p50_ms']:.1f} / {r['search']['p95_ms']:.1f}" if r.get("search") else "not built"
        wrote = "nothing" if not r["reimport_changed"] else r["reimport_report"]
        lines.append(
            f"| {r['database']} | {r['nodes']} | {r['parse_s']:.1f} | {r['import_s']:.1f} | {r['reimport_s']:.1f}"
            f" | {wrote} | {steps} | {search} |"
        )
    lines += [
        "",
        "Step queries and times are the request's own: a rendered step is cached per content version (cold: the",
        "first reader after an import or publish renders it), and walk records are written in batches by a",
        "background thread every `WALK_RECORD_DELAY` seconds, so their writes are not in these figures.",
        "",
        *scale_targets([r for r in runs if not r.get("timed_out")]),
    ]
    soak = (work / "soak.txt").read_text() if (work / "soak.txt").exists() else ""
    summary = next((line for line in soak.splitlines() if line.startswith("soak ")), "no summary")
    lines += [
        "## Soak (SQLite, 50 clients)",
        "",
        f"pytest exit status {soak_status} ({'passed' if soak_status == 0 else 'FAILED'}).",
        "",
        f"`{summary}`",
        "",
    ]
    return "\n".join(lines)


def throughput_shares(http: dict) -> dict[str, dict[str, tuple[float, str]]]:
    """Each step's share of the bare view's req/s: the median over rounds of the share within each round, and
    the range of those shares (the machine's noise), or the share of the median runs for a single round."""
    load_results, runs = http["load"], http.get("rounds_runs")
    shares: dict[str, dict[str, tuple[float, str]]] = {}
    for name in ("step (htmx partial)", "step (full page)"):
        shares[name] = {}
        for clients in ("1", "10", "50"):
            if not runs:
                share = load_results[name][clients]["rps"] / load_results["bare Django view"][clients]["rps"]
                shares[name][clients] = (share, "")
                continue
            per_round = sorted(
                step["rps"] / bare["rps"]
                for step, bare in zip(runs[name][clients], runs["bare Django view"][clients], strict=True)
            )
            median = per_round[len(per_round) // 2]
            shares[name][clients] = (median, f" (rounds: {per_round[0]:.0%}-{per_round[-1]:.0%})")
    return shares


def scale_targets(runs: list[dict]) -> list[str]:
    """Verdicts on import time, re-import writes, flat steps and search latency, from the scale runs."""
    if not runs:
        return []
    lines = ["| target | measured | verdict |", "|---|---|---|"]
    at_10k = [r for r in runs if r["nodes_requested"] == 10000]
    for r in at_10k:
        fast = r["import_s"] < 10
        lines.append(f"| import of 10,000 nodes < 10 s ({r['database']}) | {r['import_s']:.1f} s | {verdict(fast)} |")
    unchanged = all(not r["reimport_changed"] for r in runs)
    lines.append(f"| re-import of unchanged content writes nothing | {unchanged} | {verdict(unchanged)} |")
    sqlite = sorted((r for r in runs if r["database"] == "sqlite"), key=lambda r: r["nodes"])
    notes = []
    if len(sqlite) > 1:
        sizes = " / ".join(f"{r['nodes']:,}" for r in sqlite)
        for name in sqlite[0]["steps"]:
            queries = [r["steps"][name]["queries"] for r in sqlite]
            flat = len(set(queries)) == 1
            lines.append(
                f"| queries per step flat, {name} ({sizes} nodes) | {' / '.join(map(str, queries))} | {verdict(flat)} |"
            )
            medians = [r["steps"][name]["median_ms"] for r in sqlite]
            # Flat: the largest guide's step within twice the smallest's (this machine's noise is about that).
            flat = medians[-1] <= 2 * medians[0]
            lines.append(
                f"| time per step flat, {name} ({sizes} nodes) | {' / '.join(f'{ms:.1f}' for ms in medians)} ms"
                f" | {verdict(flat)} |"
            )
            if not flat and name == "first question":
                notes.append(
                    "- The first question of a generated guide lists one answer per section: "
                    f"{sqlite[-1]['nodes'] // 7:,} links at {sqlite[-1]['nodes']:,} nodes. Its time grows with "
                    "the size of that page (reading it from the cache, writing the reader's walk id into every "
                    "link), not with the size of the guide: deep questions and resolutions, whose pages do not "
                    "grow, stay flat with one query. A real guide with that many symptoms would group them."
                )
    for r in at_10k:
        if r.get("search"):
            p95 = r["search"]["p95_ms"]
            lines.append(
                f"| search p95 < 30 ms on 10,000 nodes ({r['database']}) | {p95:.1f} ms | {verdict(p95 < 30)} |"
            )
    return [*lines, "", *notes, *([""] if notes else [])]


def gaps(http: dict, shares: dict[str, dict[str, tuple[float, str]]], cpu: dict | None) -> list[str]:
    """Why a missed throughput or latency target is missed, from this run's own figures."""
    load_results = http["load"]
    bare, step = load_results["bare Django view"], load_results["step (htmx partial)"]
    steps = ("step (htmx partial)", "step (full page)")
    lines = ["", "Where a target above is missed:", ""]
    if cpu:
        lines += [
            "CPU per request measured in-process (Django's WSGI handler called directly, walk record batches"
            " included):",
            "",
            "| target | CPU ms per request |",
            "|---|---|",
            *(f"| {name} | {ms:.2f} |" for name, ms in cpu.items()),
            "",
        ]
    missed_share = [c for c in ("1", "10", "50") if any(shares[name][c][0] < 0.6 for name in steps)]
    if missed_share and cpu:
        bound = cpu["bare Django view"] / cpu["step (htmx partial)"]
        lines.append(
            f"- Throughput at {', '.join(missed_share)} client(s): once the 2 cores are busy, req/s follow CPU per"
            f" request, and a step costs {cpu['step (htmx partial)'] / cpu['bare Django view']:.1f}x the bare"
            f" view's CPU (a ceiling of about {bound:.0%} of its throughput before the server's own per-request"
            " cost, which both share, narrows the gap). A step does what the bare view does not: the guide's "
            "stamp query (its id and content version), the cached page filled with this reader's walk id and "
            "tokens, gzip of a 9 KB fragment, a new CSRF secret for the feedback form (wrk keeps no cookie) and "
            "its walk record, written by a background thread in batches (the batches are also the p95 tail at one"
            " client)."
            " Figures at 10 and 50 clients also vary a lot between runs on this shared 2-core machine."
        )
    slow_p99 = any(load_results[name]["50"]["p99_ms"] >= 100 for name in steps)
    if slow_p99:
        lines.append(
            f"- p99 at 50 clients: at the step's {step['50']['rps']:.0f} req/s, 50 clients wait"
            f" {50 / step['50']['rps'] * 1000:.0f} ms on average (Little's law) while 50 connections share 2 cores"
            f" with wrk; the bare view's own p99 here is {bare['50']['p99_ms']:.0f} ms. A p99 under 100 ms at 50"
            " clients needs more cores (or fewer clients per server), not only a faster step."
        )
    return [*lines, ""] if missed_share or slow_p99 else []


if __name__ == "__main__":
    print(main(Path(sys.argv[1]), int(sys.argv[2])))
