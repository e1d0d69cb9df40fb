"""Throughput and latency with wrk, and bytes on the wire with curl, against a running server (bench/run)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

LUA = Path(__file__).with_name("latency.lua")


def wrk(url: str, connections: int, seconds: int, htmx: bool = False) -> dict:
    command = ["wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{seconds}s", "-s", str(LUA)]
    # As a browser asks: every target may answer compressed (pages by GZipMiddleware, static files by whitenoise).
    command += ["-H", "Accept-Encoding: gzip"]
    if htmx:
        command += ["-H", "HX-Request: true"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    return json.loads(output.split("JSON ", 1)[1].strip())


def fetch(url: str, *headers: str) -> tuple[int, dict[str, str]]:
    """Bytes transferred (compressed when the server compressed) and the response headers."""
    command = ["curl", "-s", "-o", "/dev/null", "-D", "-", "-w", "%{size_download}", url]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    head, size = output.rsplit("\n", 1)
    found = dict(line.split(": ", 1) for line in head.splitlines()[1:] if ": " in line)
    return int(size), {name.lower(): value.strip() for name, value in found.items()}


def wire(base: str, page: str) -> dict:
    html = subprocess.run(["curl", "-s", base + page], capture_output=True, text=True, check=True).stdout
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', html)
    page_bytes, page_headers = fetch(base + page, "Accept-Encoding: br, gzip")
    partial_raw, _ = fetch(base + page, "HX-Request: true")
    partial_bytes, partial_headers = fetch(base + page, "HX-Request: true", "Accept-Encoding: gzip")
    files = {}
    for asset in assets:
        size, headers = fetch(base + asset, "Accept-Encoding: br, gzip")
        files[asset] = {
            "bytes": size,
            "encoding": headers.get("content-encoding", "none"),
            "cache": headers.get("cache-control", ""),
        }
    return {
        "page": page,
        "page_bytes": page_bytes,
        "page_encoding": page_headers.get("content-encoding", "none"),
        "partial_bytes": partial_bytes,
        "partial_encoding": partial_headers.get("content-encoding", "none"),
        "partial_raw_bytes": partial_raw,
        "assets": files,
        "first_page_total": page_bytes + sum(item["bytes"] for item in files.values()),
    }


def median_run(runs: list[dict]) -> dict:
    """The run with the median req/s, kept whole so its latencies match its throughput."""
    return sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]


if __name__ == "__main__":
    base, step, static = sys.argv[1], sys.argv[2], sys.argv[3]
    seconds, rounds = int(sys.argv[4]), int(sys.argv[5])
    results: dict = {"wire": wire(base, step), "load": {}, "rounds": rounds}
    targets = {
        "step (htmx partial)": (base + step, True),
        "step (full page)": (base + step, False),
        "bare Django view": (base + "/bench/bare/", False),
        "static file, same size": (base + static, False),
    }
    # Targets take turns within each round, and each figure is the median of the rounds: a burst of load from
    # a neighbour on this shared machine then moves one run of every target, not every run of one target.
    runs: dict = {}
    for _ in range(rounds):
        for connections in (1, 10, 50):
            for name, (url, htmx) in targets.items():
                runs.setdefault(name, {}).setdefault(connections, []).append(wrk(url, connections, seconds, htmx))
    for name, by_connections in runs.items():
        results["load"][name] = {connections: median_run(found) for connections, found in by_connections.items()}
    # Every run, in round order: a step's share of the bare view's throughput is taken round by round, each
    # against the bare view measured seconds apart from it.
    results["rounds_runs"] = runs
    print(json.dumps(results))
