"""Insights over several guides: each guide's own figures, and a walk left on an error code lookup."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model

from wizard.insights import queries
from wizard.insights.queries import Scope
from wizard.models import Guide, Node

from .conftest import END, NOW, START, History, at

RANGE = "start=2026-03-01&end=2026-03-10"


@pytest.fixture
def gadget_history(history, two_guides) -> History:
    """The mini history, plus one gadget walk that stopped on the lookup page days ago."""
    h = History()
    walk = h.walk(at(6), guide=Guide.objects.get(slug="gadget"))
    lookup = Node.objects.get(guide__slug="gadget", slug="lookup")
    type(walk).objects.filter(pk=walk.pk).update(last_node=lookup, last_seen_at=at(6))
    return h


@pytest.fixture
def staff_client(client):
    client.force_login(get_user_model().objects.create_user("lead", is_staff=True))
    return client


def per_guide() -> dict[str, dict]:
    rows = queries.walks_per_guide(Scope(guide=None, start=START, end=END, now=NOW))
    return {row["guide__slug"]: row for row in rows}


@pytest.mark.usefixtures("gadget_history")
def test_each_guide_counts_its_own_walks():
    assert {slug: row["started"] for slug, row in per_guide().items()} == {"gadget": 1, "mini": 4}


@pytest.mark.usefixtures("gadget_history")
def test_a_walk_left_on_a_lookup_page_is_abandoned():
    assert per_guide()["gadget"]["abandoned"] == 1


@pytest.mark.usefixtures("gadget_history")
def test_each_guide_has_its_own_rates(staff_client):
    response = staff_client.get(f"/insights/?{RANGE}")
    [mini] = [row for row in response.context["insights"].guides if row["guide__slug"] == "mini"]
    assert (mini["resolution_rate"], mini["solved_rate"]) == (50.0, 25.0)


@pytest.mark.usefixtures("gadget_history")
def test_all_guides_shows_a_table_per_guide_linking_to_each(staff_client):
    content = staff_client.get(f"/insights/?{RANGE}").content.decode()
    assert 'id="guides-heading"' in content
    assert f'href="?guide=gadget&amp;{RANGE.replace("&", "&amp;")}">Gadget API guide</a>' in content


@pytest.mark.usefixtures("gadget_history")
def test_one_guide_shows_no_table_per_guide(staff_client):
    assert b'id="guides-heading"' not in staff_client.get(f"/insights/?guide=mini&{RANGE}").content


@pytest.mark.usefixtures("gadget_history")
def test_the_csv_has_the_walks_per_guide(staff_client):
    rows = list(csv.reader(io.StringIO(staff_client.get(f"/insights/export.csv?{RANGE}").content.decode())))
    at_block = rows.index(["Walks per guide"])
    assert rows[at_block + 1][:3] == ["guide", "started", "resolution"]
    assert {row[0]: row[1] for row in rows[at_block + 2 : at_block + 4]} == {"gadget": "1", "mini": "4"}


def test_one_guide_with_walks_needs_no_table_per_guide(history, staff_client):
    assert b'id="guides-heading"' not in staff_client.get(f"/insights/?{RANGE}").content
