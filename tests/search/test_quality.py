"""Search quality over the real guides: every table of realistic queries, every error code, both databases.

The tables are `tests/fixtures/search_queries/<guide id>.yaml`, one per guide in content/, each a list of
`{q: ..., expect: [<node id> or <guide id>/<node id>, ...], kind: code|message|natural|json|email}` (any expected
node counts). Every query is its own test and must find an expected node first: a ranking change (or a content
change) that hurts names the queries it broke. A query whose answer is honestly ambiguous lists each node that
answers it in `expect`. scripts/test runs this on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from wizard.content import read_guides
from wizard.models import Guide
from wizard.search import search
from wizard.services.load import guides_load

TABLES = Path(__file__).parents[1] / "fixtures" / "search_queries"
KINDS = {"code", "message", "natural", "json", "email"}
MIN_QUERIES_PER_GUIDE = 35


def tables() -> dict[str, list[dict]]:
    return {path.stem: yaml.safe_load(path.read_text()) for path in sorted(TABLES.glob("*.yaml"))}


def queries() -> list:
    return [
        pytest.param(name, row, id=f"{name}-{row.get('kind')}-{number}")
        for name, rows in tables().items()
        for number, row in enumerate(rows, 1)
    ]


def expected(guide_id: str, ids: list[str]) -> set[str]:
    return {node if "/" in node else f"{guide_id}/{node}" for node in ids}


@pytest.fixture(scope="module")
def guides():
    specs, errors = read_guides(settings.CONTENT_DIR)
    assert errors == []
    return specs


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, guides):
    # Loaded once for the module's hundred-odd searches (each test still runs in its own transaction).
    with django_db_blocker.unblock():
        guides_load(guides=guides)
    yield guides
    with django_db_blocker.unblock():
        Guide.objects.filter(slug__in=[guide.id for guide in guides]).delete()


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


@pytest.mark.parametrize(("name", "row"), queries())
def test_query_finds_an_expected_node_first(db, loaded, name, row):
    assert rank_of(row["q"], expected(name, row["expect"])) == 1


def test_every_error_code_finds_a_node_that_names_it_first(db, loaded):
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
