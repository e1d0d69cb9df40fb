"""Search quality over the real guides: every table of realistic queries, every error code, both databases.

The tables are `tests/fixtures/search_queries/<guide id>.yaml`, one per guide in content/, each a list of
`{q: ..., expect: [<node id> or <guide id>/<node id>, ...], kind: code|message|natural|json|email}` (any expected
node counts). Over all tables together, the expected node must rank first for at least TOP1_FLOOR of the queries
and in the first three for TOP3_FLOOR; the rates and every miss are printed, so a ranking change (or a content
change) that hurts shows what it broke. scripts/test runs this on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from wizard.content import read_guides
from wizard.search import search
from wizard.services.load import guides_load

TABLES = Path(__file__).parents[1] / "fixtures" / "search_queries"
KINDS = {"code", "message", "natural", "json", "email"}
TOP1_FLOOR = 0.90
TOP3_FLOOR = 0.97
MIN_QUERIES_PER_GUIDE = 35


def tables() -> dict[str, list[dict]]:
    return {path.stem: yaml.safe_load(path.read_text()) for path in sorted(TABLES.glob("*.yaml"))}


def expected(guide_id: str, ids: list[str]) -> set[str]:
    return {node if "/" in node else f"{guide_id}/{node}" for node in ids}


@pytest.fixture(scope="module")
def guides():
    specs, errors = read_guides(settings.CONTENT_DIR)
    assert errors == []
    return specs


@pytest.fixture
def loaded(db, guides):
    guides_load(guides=guides)
    return guides


def rank_of(query: str, wanted: set[str]) -> int | None:
    found = [f"{result.guide_slug}/{result.node_slug}" for result in search(query, limit=10)]
    return next((position for position, node in enumerate(found, 1) if node in wanted), None)


def test_every_guide_has_a_table_of_realistic_queries(guides):
    sizes = {name: len(rows) for name, rows in tables().items()}
    short = {guide.id: sizes.get(guide.id, 0) for guide in guides if sizes.get(guide.id, 0) < MIN_QUERIES_PER_GUIDE}
    assert short == {}


@pytest.mark.parametrize("name", sorted(tables()))
def test_table_rows_are_well_formed(name):
    for row in tables()[name]:
        assert set(row) == {"q", "expect", "kind"}, row
        assert row["kind"] in KINDS, row
        assert isinstance(row["q"], str) and row["q"].strip(), row
        assert isinstance(row["expect"], list) and row["expect"], row


def test_every_expected_node_exists(guides):
    known = {f"{guide.id}/{node}" for guide in guides for node in guide.nodes}
    missing = [
        (name, row["q"][:60], node)
        for name, rows in tables().items()
        for row in rows
        for node in sorted(expected(name, row["expect"]) - known)
    ]
    assert missing == []


def test_hit_rates(loaded, capsys):
    by_kind: dict[str, list[int | None]] = defaultdict(list)
    misses = []
    ranks = []
    for name, rows in tables().items():
        for row in rows:
            rank = rank_of(row["q"], expected(name, row["expect"]))
            ranks.append(rank)
            by_kind[row["kind"]].append(rank)
            if rank != 1:
                misses.append(f"[{name}, {row['kind']}] {row['q'][:90]!r}: {sorted(row['expect'])} ranked {rank}")
    top1 = sum(rank == 1 for rank in ranks) / len(ranks)
    top3 = sum(rank is not None and rank <= 3 for rank in ranks) / len(ranks)
    with capsys.disabled():
        print(f"\nsearch quality over {len(ranks)} queries: top-1 {top1:.1%}, top-3 {top3:.1%}")
        for kind, found in sorted(by_kind.items()):
            hits = sum(rank == 1 for rank in found)
            print(f"  {kind}: {hits}/{len(found)} first")
        for miss in misses:
            print("  not first:", miss)
    assert top1 >= TOP1_FLOOR, misses
    assert top3 >= TOP3_FLOOR, misses


def test_every_error_code_finds_a_node_that_names_it_first(loaded):
    owners: dict[str, set[str]] = defaultdict(set)
    for guide in loaded:
        for node in guide.nodes.values():
            for code in node.codes:
                owners[code].add(f"{guide.id}/{node.id}")
    wrong = {}
    for code, nodes in sorted(owners.items()):
        top = search(code, limit=1)
        found = f"{top[0].guide_slug}/{top[0].node_slug}" if top else None
        if found not in nodes:
            wrong[code] = found
    assert wrong == {}
