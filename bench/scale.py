"""Import time, re-import writes, queries and time per step, and search latency on one generated guide.

Run by bench/run as `python -m bench.scale NODES` with DATABASE_URL pointing at an empty database;
prints one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tests.factories import generated_guide  # noqa: E402
from wizard.content import read_guides  # noqa: E402
from wizard.models import Node  # noqa: E402
from wizard.services.load import guides_load  # noqa: E402

SEARCHES = ["Thing 4242 breaks", "cause 2 of symptom 17", "symptom number 900", "breaks", "nothing like this"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(nodes: int) -> dict:
    call_command("migrate", verbosity=0)
    result: dict = {"nodes_requested": nodes, "database": connection.vendor}
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "big.md").write_text(generated_guide(nodes))
        started = time.perf_counter()
        guides, errors = read_guides(Path(folder))
        assert not errors, errors[:3]
        parsed = time.perf_counter()
        guides_load(guides=guides)
        loaded = time.perf_counter()
        report = guides_load(guides=read_guides(Path(folder))[0])
        reloaded = time.perf_counter()
    result |= {
        "nodes": Node.objects.count(),
        "parse_s": parsed - started,
        "import_s": loaded - started,
        "reimport_s": reloaded - loaded,
        "reimport_report": str(report),
        "reimport_changed": report.changed,
    }
    client = Client()

    def last(kind: str) -> str:
        return Node.objects.filter(kind=kind).order_by("-pk").values_list("slug", flat=True).first()

    targets = {
        "first question": "/guides/big/",
        "deep question": f"/guides/big/{last('question')}/",
        "deep resolution": f"/guides/big/{last('resolution')}/",
    }
    steps = {}
    for url in targets.values():
        client.get(url)  # the process's own warm-up (imports, templates, URL resolver) is not a cold step
    for name, url in targets.items():
        # Cold: nothing cached (the first reader after an import or a publish renders the step).
        cache.clear()
        began = time.perf_counter()
        client.get(url, headers={"HX-Request": "true"})
        cold_ms = (time.perf_counter() - began) * 1000
        client.get(url)
        queries: list[str] = []
        count = lambda execute, sql, *args, seen=queries: seen.append(sql) or execute(sql, *args)  # noqa: E731
        with connection.execute_wrapper(count):
            assert client.get(url).status_code == 200, url
        times = []
        for _ in range(60):
            began = time.perf_counter()
            client.get(url, headers={"HX-Request": "true"})
            times.append((time.perf_counter() - began) * 1000)
        steps[name] = {
            "url": url,
            "queries": len(queries),
            "median_ms": statistics.median(times),
            "cold_ms": cold_ms,
        }
    result["steps"] = steps
    try:
        from wizard.search import search
    except ImportError:
        result["search"] = None
    else:
        search(SEARCHES[0])  # builds whatever index the search keeps
        times = []
        for _ in range(20):
            for query in SEARCHES:
                began = time.perf_counter()
                search(query)
                times.append((time.perf_counter() - began) * 1000)
        result["search"] = {"p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95), "runs": len(times)}
    return result


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
