"""How much of what each corpus page documents the importer finds, per set of pages: run by hand.

    .venv/bin/python -m bench.import_quality

The pages and what a reader says each documents are `tests/fixtures/import_corpus/expected.yaml`; a phrase counts
as found exactly as `tests/importers/test_corpus.py` checks it. The sets are told apart because they say different
things: the pages the importer was built on, and four held-out sets (HELDOUT.md) collected from new sources, the
second, third and fourth measured blind before any change made for them. Compare runs on two commits to see what a
change to the recogniser does on pages it was not written against.
"""

from __future__ import annotations

import os
from collections import defaultdict

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from tests.importers.test_corpus import PAGES, draft, missing  # noqa: E402  (after django.setup())

# The held-out sets by folder, as HELDOUT.md lists them; every other folder is the corpus the importer was built on.
HELD_OUT = {
    "held-out 1": {"helm", "cert-manager", "homebrew", "argo-cd", "k3d", "istio", "mdn", "dotnet"},
    "held-out 2": {
        *("buildah", "aws-lambda", "flutter", "jupyter", "electron", "poetry"),
        *("pipx", "celery", "rustup", "vscode", "rust"),
    },
    "held-out 3": {
        *("vite", "pnpm", "supabase", "syncthing", "restic"),
        *("nextcloud", "nextjs", "dellhw_exporter", "zulip"),
    },
    "held-out 4 (blind)": {
        *("jekyll", "dapr", "hugo", "linkerd"),
        *("opentelemetry", "mypy", "gunicorn", "longhorn"),
    },
}
ASPECTS = ("symptoms", "causes", "codes")


def page_set(file: str) -> str:
    folder = file.split("/", 1)[0]
    return next((name for name, folders in HELD_OUT.items() if folder in folders), "built on")


def found(page: dict) -> dict[str, tuple[int, int]]:
    result = draft(page["file"])
    texts = {
        "symptoms": [problem.title for problem in result.recognition.problems],
        "causes": [cause.text for problem in result.recognition.problems for cause in problem.causes],
        "codes": [text for node in result.guide.nodes.values() for text in [*node.codes, *node.phrases]]
        if result.status != "nothing"
        else [],
    }
    return {
        aspect: (len(page[aspect]) - len(missing(page[aspect], texts[aspect])), len(page[aspect])) for aspect in ASPECTS
    }


def main() -> None:
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: {aspect: [0, 0] for aspect in ASPECTS})
    pages: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for page in PAGES:
        if page["shape"] == "none":
            continue
        name = page_set(page["file"])
        pages[name][0] += draft(page["file"]).status != "nothing"
        pages[name][1] += 1
        for aspect, (hits, expected) in found(page).items():
            totals[name][aspect][0] += hits
            totals[name][aspect][1] += expected
    print(f"{'set':<20} {'pages with a draft':>18}  " + "  ".join(f"{aspect:>16}" for aspect in ASPECTS))
    for name in ["built on", *HELD_OUT]:
        cells = []
        for aspect in ASPECTS:
            hits, expected = totals[name][aspect]
            cells.append(f"{hits:>4}/{expected:<4} {hits / expected:>5.0%}" if expected else f"{'-':>16}")
        print(f"{name:<20} {pages[name][0]:>9}/{pages[name][1]:<8}  " + "  ".join(f"{cell:>16}" for cell in cells))


if __name__ == "__main__":
    main()
