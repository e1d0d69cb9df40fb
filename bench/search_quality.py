"""What each step of reading a query gives: the search-quality tables, then again with one step switched off.

    .venv/bin/python -m bench.search_quality

Loads content/ into a scratch SQLite database and prints top-1, top-3 and no-result counts for the tuned tables
(`tests/fixtures/search_queries/<guide>.yaml`) and the held-out table (`held-out.yaml`), first for search as it is,
then with each step of wizard/search/language.py and rank.py switched off in turn. A step whose line matches the
first one no longer earns its keep. The held-out table measures; tune on the tuned tables (see weights.py).
"""

from __future__ import annotations

import math
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from unittest import mock

TABLES = Path(__file__).parents[1] / "tests" / "fixtures" / "search_queries"
HELD_OUT_GUIDE = "plaid-link"
# The stop words search used before language.py: function words only.
_OLD_COMMON_WORDS = """
a an and are as at be but by can do does for from has have how i if in into is it its me my of on or our so that the
their them then there they this to was we what when where which while who why will with you your
"""
OLD_STOPWORDS = frozenset(_OLD_COMMON_WORDS.split())


def switched_off() -> dict[str, Callable[[], AbstractContextManager[object]]]:
    from wizard.search import language, rank

    return {
        "stems (words compared as written)": lambda: mock.patch.object(language, "stem", lambda word: word),
        "phrases joined into one word": lambda: mock.patch.object(language, "_STARTING", {}),
        "the longer stop word list": lambda: mock.patch.object(language, "STOPWORDS", OLD_STOPWORDS),
        "identifiers read word by word": lambda: mock.patch.object(language, "_CAMEL_RE", re.compile(r"(?!)")),
        "synonyms": lambda: mock.patch.object(language, "_SYNONYMS_OF", {}),
        "a word and its synonyms worth as rare as together": lambda: mock.patch.object(
            rank, "_concept_idf", lambda words, index: max(index.idf[word] for word, s in words.items() if s == 1.0)
        ),
        "never an empty page": lambda: mock.patch.object(rank, "DISTINCTIVE_IDF", math.inf),
    }


@contextmanager
def fresh_reading(patch: AbstractContextManager[object] | None) -> Iterator[None]:
    """Search with one step switched off, on an index (and word cache) built for it."""
    from wizard.search import index, language

    def reset() -> None:
        language._read.cache_clear()
        index._cache = None

    reset()
    if patch is None:
        yield
    else:
        with patch:
            reset()
            yield
    reset()


def rates(rows: list[tuple[str, dict]]) -> str:
    from wizard.search import search

    first = top3 = empty = 0
    for guide, row in rows:
        found = [f"{result.guide_slug}/{result.node_slug}" for result in search(row["q"], limit=10)]
        wanted = {node if "/" in node else f"{guide}/{node}" for node in row["expect"]}
        rank = next((position for position, node in enumerate(found, 1) if node in wanted), None)
        first += rank == 1
        top3 += rank is not None and rank <= 3
        empty += not found
    return f"{first / len(rows):6.1%} {top3 / len(rows):6.1%} {empty:5d}"


def main() -> None:
    folder = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/search-quality.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    import yaml

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from wizard.content import read_guides
    from wizard.services.load import guides_load

    call_command("migrate", verbosity=0)
    guides, errors = read_guides(settings.CONTENT_DIR)
    if errors:
        sys.exit("\n".join(str(error) for error in errors))
    guides_load(guides=guides, revision_note=None)
    tables = {path.stem: yaml.safe_load(path.read_text()) for path in sorted(TABLES.glob("*.yaml"))}
    held_out = [(HELD_OUT_GUIDE, row) for row in tables.pop("held-out")]
    tuned = [(guide, row) for guide, rows in tables.items() for row in rows]
    print(f"{'':56} {'tuned tables (' + str(len(tuned)) + ')':>19}   {'held-out (' + str(len(held_out)) + ')':>19}")
    print(f"{'':56} {'top-1':>6} {'top-3':>6} {'empty':>5}   {'top-1':>6} {'top-3':>6} {'empty':>5}")
    runs = [("search as it is", None), *((f"without {name}", make()) for name, make in switched_off().items())]
    for label, patch in runs:
        with fresh_reading(patch):
            print(f"{label:56} {rates(tuned)}   {rates(held_out)}", flush=True)


if __name__ == "__main__":
    main()
