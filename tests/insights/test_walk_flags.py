"""Walk.answered / reached_resolution / reached_escalation: what insights count instead of probing events.

Each flag must say exactly what the walk's events say, whoever wrote them: real steps through the site, the
synthetic generator, or the migration that fills them in for walks recorded before the flags existed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, DateField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone

from bench.synthetic import events_generate
from wizard.insights import queries
from wizard.insights.queries import Scope
from wizard.insights.report import insights_get
from wizard.models import Event, Guide, Walk
from wizard.services.walks import walk_record_event, walk_set_outcome

from .conftest import NOW

pytestmark = pytest.mark.django_db

WALK = "34" * 16
FLAGS = ("answered", "reached_resolution", "reached_escalation")
KINDS = {
    "answered": [Event.Kind.ANSWERED],
    "reached_resolution": [Event.Kind.RESOLUTION],
    "reached_escalation": [Event.Kind.ESCALATION, Event.Kind.ESCALATED],
}


def flags(walk_id: str = WALK) -> tuple[bool, bool, bool]:
    return Walk.objects.filter(pk=walk_id).values_list(*FLAGS).get()


def flags_from_events() -> dict:
    """Every walk's flags as its events say: the definition insights used before the flags existed."""
    probes = {f"has_{name}": Exists(Event.objects.filter(walk=OuterRef("pk"), kind__in=KINDS[name])) for name in FLAGS}
    return {row["pk"]: tuple(row[f"has_{name}"] for name in FLAGS) for row in Walk.objects.values("pk", **probes)}


def flags_stored() -> dict:
    return {row[0]: tuple(row[1:]) for row in Walk.objects.values_list("pk", *FLAGS)}


def get(client, path: str, **params: str) -> None:
    query = "&".join(f"{key}={value}" for key, value in {"w": WALK, **params}.items())
    assert client.get(f"{path}?{query}").status_code == 200


def test_a_walk_starts_with_no_flags(client, mini_guide):
    get(client, "/guides/mini/")
    assert flags() == (False, False, False)


def test_answering_a_question_then_reaching_a_resolution(client, mini_guide):
    get(client, "/guides/mini/")
    get(client, "/guides/mini/widget/")
    assert flags() == (True, False, False)
    get(client, "/guides/mini/check-wrong-src/")
    get(client, "/guides/mini/wrong-src/")
    assert flags() == (True, True, False)


def test_the_flags_stay_when_the_walk_goes_back_to_a_question(client, mini_guide):
    get(client, "/guides/mini/wrong-src/")
    get(client, "/guides/mini/widget-escalate/")
    get(client, "/guides/mini/")
    assert flags() == (False, True, True)


def test_an_escalation_page_opened_directly(client, mini_guide):
    get(client, "/guides/mini/widget-escalate/")
    assert flags() == (False, False, True)


def test_embedded_and_searched_walks_are_flagged_too(client, mini_guide):
    get(client, "/embed/mini/wrong-src/")
    assert flags() == (False, True, False)
    other = "56" * 16
    assert client.get(f"/guides/mini/widget-escalate/?w={other}&from=search").status_code == 200
    assert flags(other) == (False, False, True)


def test_sending_an_escalation_counts_as_reaching_one(mini_guide):
    walk = Walk.objects.create(id=WALK, guide=Guide.objects.get(slug="mini"))
    walk_record_event(walk_id=walk.pk, kind=Event.Kind.ESCALATED, detail={})
    assert flags() == (False, False, True)
    walk_set_outcome(walk_id=walk.pk, outcome=Walk.Outcome.RESOLVED)
    assert flags() == (False, False, True)


def test_steps_through_the_site_agree_with_their_events(client, mini_guide):
    for walk, path in enumerate(("/guides/mini/", "/guides/mini/widget/", "/guides/mini/check-wrong-src/")):
        for step in (path, "/guides/mini/wrong-src/", "/guides/mini/widget-escalate/", "/guides/mini/platform/"):
            assert client.get(f"{step}?w={walk + 1:032x}").status_code == 200
    assert flags_stored() == flags_from_events()


def test_real_walks_show_on_the_insights_page(client, mini_guide):
    get(client, "/guides/mini/")
    get(client, "/guides/mini/widget/")
    get(client, "/guides/mini/check-wrong-src/")
    get(client, "/guides/mini/wrong-src/")
    assert client.get(f"/guides/mini/widget-escalate/?w={'78' * 16}").status_code == 200
    today = datetime.now(UTC).date()
    scope = Scope(guide=None, start=today - timedelta(days=1), end=today + timedelta(days=1), now=timezone.now())
    totals = insights_get(scope).totals
    assert {key: totals[key] for key in ("started", "answered", "resolution", "escalation")} == {
        "started": 2,
        "answered": 1,
        "resolution": 1,
        "escalation": 1,
    }


@pytest.fixture
def generated(mini_guide) -> Scope:
    events_generate(events=3000, guides=[Guide.objects.get(slug="mini")], days=10, seed=3, now=NOW)
    return Scope(guide=None, start=(NOW - timedelta(days=10)).date(), end=NOW.date(), now=NOW)


def test_the_generator_sets_the_flags_its_events_imply(generated):
    stored = flags_stored()
    assert stored == flags_from_events()
    # Every flag is set on some walks and not on others, so the comparison above means something.
    for position in range(len(FLAGS)):
        assert {walk_flags[position] for walk_flags in stored.values()} == {True, False}


def test_the_figures_are_those_the_events_give(generated):
    """The per-day and per-source counts equal the earlier event-probing definitions, row by row."""

    def reached(name: str) -> Count:
        return Count("pk", filter=Exists(Event.objects.filter(walk=OuterRef("pk"), kind__in=KINDS[name])))

    by_events = {
        (row["day"], row["source"]): (row["answered"], row["resolution"], row["escalation"])
        for row in queries._walks(generated)
        .annotate(day=Cast("started_at", DateField()))
        .values("day", "source")
        .annotate(
            answered=reached("answered"),
            resolution=reached("reached_resolution"),
            escalation=reached("reached_escalation"),
        )
    }
    by_flags = {
        (row["day"], row["source"]): (row["answered"], row["resolution"], row["escalation"])
        for row in queries.walk_counts(generated)
    }
    assert by_flags == by_events
    assert len(by_flags) > 20


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_in_the_flags_of_earlier_walks(generated):
    expected = flags_stored()
    executor = MigrationExecutor(connection)
    executor.migrate([("wizard", "0006_insights_indexes")])
    executor.loader.build_graph()
    executor.migrate([("wizard", "0007_walk_reached")])
    assert flags_stored() == expected
    # The way back drops the columns and forward again recomputes them.
    executor.loader.build_graph()
    executor.migrate([("wizard", "0006_insights_indexes")])
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("wizard"))
    assert flags_stored() == expected
