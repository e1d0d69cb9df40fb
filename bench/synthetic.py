"""Synthetic walk history for measuring /insights/ on realistic volumes (`python -m bench.generate_events`).

Walks follow a guide's real answers from its first question (or from a search result), the way readers move:
earlier answers are likelier, some readers leave on a question, some rate the resolution, some end on an
escalation page and send it. Everything is drawn from one seeded random generator, so a run is repeatable.
Rows are written with `bulk_create` in batches, one transaction per batch.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from wizard.content.graph import NOT_SURE, START
from wizard.models import Alias, Choice, Event, Feedback, Guide, Node, Walk
from wizard.services.step_records import WALK_FLAGS

SOURCES = [(Walk.Source.DIRECT, 45), (Walk.Source.SEARCH, 25), (Walk.Source.EMBED, 15), (Walk.Source.REFERRER, 15)]
REFERRERS = ["docs.example.com", "community.example.com", "stackoverflow.com", "www.google.com"]
EMBEDDERS = ["help.example.com", "support.example.org"]
# Made-up searches the guides do not cover, so the content-gap tables have something to show.
GAPS = [
    "webhook retries",
    "link token expired on android webview",
    "oauth redirect loop safari",
    "sandbox credentials not working",
    "institution timeout",
    "item_locked",
    "duplicate items",
    "cannot find routing number",
]
ABANDON_PER_QUESTION = 0.12
FEEDBACK_RATE = 0.35
HELPFUL_RATE = 0.7
SEND_ESCALATION_RATE = 0.3
MAX_STEPS = 30


@dataclass
class _Graph:
    guide: Guide
    nodes: Mapping[int, Mapping[str, Any]]
    start: int
    choices: dict[int, list[tuple[int, str]]]
    escalation_of: dict[str, int]
    searchable: list[tuple[str, int]]


@dataclass
class GenerateReport:
    walks: int = 0
    events: int = 0
    feedback: int = 0
    guides: list[str] = field(default_factory=list)


def _graph(guide: Guide) -> _Graph | None:
    nodes = {row["id"]: row for row in Node.objects.filter(guide=guide).values("id", "slug", "kind", "section")}
    start = next((pk for pk, row in nodes.items() if row["slug"] == START), None)
    if start is None:
        return None
    choices: dict[int, list[tuple[int, str]]] = {}
    for node_id, target_id, label in (
        # Answers into another guide end a made-up walk here: each guide's history is generated on its own.
        Choice.objects.filter(node__guide=guide, target__guide=guide)
        .order_by("node", "position")
        .values_list("node_id", "target_id", "label")
    ):
        choices.setdefault(node_id, []).append((target_id, label))
    escalation_of = {
        row["section"]: pk for pk, row in nodes.items() if row["kind"] == Node.Kind.ESCALATION and row["section"]
    }
    searchable = list(Alias.objects.filter(node__guide=guide).values_list("value", "node_id"))
    return _Graph(guide, nodes, start, choices, escalation_of, searchable)


@contextmanager
def _given_timestamps() -> Iterator[None]:
    """Let bulk_create keep the generated times.

    `auto_now`/`auto_now_add` fields are stamped with the current time in `pre_save`, which bulk_create runs for
    every row; history spread over past days needs the times we give it. The flags are restored on exit.
    """
    fields = [
        Walk._meta.get_field("started_at"),
        Walk._meta.get_field("last_seen_at"),
        Event._meta.get_field("created_at"),
        Feedback._meta.get_field("created_at"),
    ]
    saved = [(item, item.auto_now, item.auto_now_add) for item in fields]
    for item in fields:
        item.auto_now = item.auto_now_add = False
    try:
        yield
    finally:
        for item, auto_now, auto_now_add in saved:
            item.auto_now, item.auto_now_add = auto_now, auto_now_add


class _Walker:
    def __init__(self, rng: random.Random, now: datetime, days: int) -> None:
        self.rng = rng
        self.now = now
        self.days = days

    def started_at(self) -> datetime:
        # Weekends are quieter, and the last half hour stays empty so "now" has no half-finished walks by chance.
        while True:
            moment = self.now - timedelta(seconds=self.rng.uniform(1800, self.days * 86400))
            if moment.weekday() < 5 or self.rng.random() < 0.5:
                return moment

    def walk(self, graph: _Graph) -> tuple[Walk, list[Event], list[Feedback]]:
        rng = self.rng
        source = rng.choices([source for source, _ in SOURCES], [weight for _, weight in SOURCES])[0]
        walk = Walk(id=uuid.UUID(int=rng.getrandbits(128), version=4), source=source)
        moment = self.started_at()
        walk.started_at = moment
        events: list[Event] = []
        feedback: list[Feedback] = []

        def add(kind: str, node_id: int | None, detail: dict[str, Any] | None = None) -> None:
            slug = graph.nodes[node_id]["slug"] if node_id else ""
            guide_id = graph.guide.pk if node_id else None
            # Ids rather than objects: bulk_create then skips its per-row checks of related objects.
            events.append(
                Event(
                    walk_id=walk.id, kind=kind, guide_id=guide_id, node_id=node_id, node_slug=slug, detail=detail or {}
                )
            )
            events[-1].created_at = moment
            # The flags the recording code sets with these events.
            if kind in WALK_FLAGS:
                setattr(walk, WALK_FLAGS[kind], True)

        current: int | None = graph.start
        if source == Walk.Source.SEARCH:
            if rng.random() < 0.15 or not graph.searchable:
                add(Event.Kind.SEARCH, None, {"query": rng.choice(GAPS), "results": 0, "top": []})
                current = graph.start if rng.random() < 0.5 else None
            else:
                query, current = rng.choice(graph.searchable)
                top = [graph.nodes[current]["slug"]]
                add(Event.Kind.SEARCH, None, {"query": query, "results": rng.randint(1, 8), "top": top})
        elif source == Walk.Source.REFERRER:
            walk.referrer_host = rng.choice(REFERRERS)
        elif source == Walk.Source.EMBED:
            walk.referrer_host = rng.choice(EMBEDDERS)
            walk.source_name = "help-center" if rng.random() < 0.5 else ""

        last: int | None = None
        for _ in range(MAX_STEPS):
            if current is None:
                break
            node = graph.nodes[current]
            last = current
            add(Event.Kind.SHOWN, current)
            if node["kind"] == Node.Kind.RESOLUTION:
                add(Event.Kind.RESOLUTION, current)
                if rng.random() < FEEDBACK_RATE:
                    moment += timedelta(seconds=rng.randint(20, 600))
                    helpful = rng.random() < HELPFUL_RATE
                    item = Feedback(
                        walk_id=walk.id,
                        guide_id=graph.guide.pk,
                        node_id=current,
                        node_slug=node["slug"],
                        helpful=helpful,
                    )
                    item.created_at = moment
                    feedback.append(item)
                    add(Event.Kind.FEEDBACK, current, {"helpful": helpful})
                    if helpful:
                        walk.outcome = Walk.Outcome.RESOLVED
                        break
                    current = graph.escalation_of.get(node["section"]) if rng.random() < 0.5 else None
                    moment += timedelta(seconds=rng.randint(3, 60))
                    continue
                break
            if node["kind"] == Node.Kind.ESCALATION:
                add(Event.Kind.ESCALATION, current)
                if rng.random() < SEND_ESCALATION_RATE:
                    moment += timedelta(seconds=rng.randint(60, 900))
                    add(Event.Kind.ESCALATED, current, {})
                    walk.outcome = Walk.Outcome.ESCALATED
                break
            answers = graph.choices.get(current, [])
            if not answers or rng.random() < ABANDON_PER_QUESTION:
                break
            # The first answers are the likeliest: guides list the most common symptom and cause first.
            target, label = rng.choices(answers, [1 / (position + 1) for position in range(len(answers))])[0]
            moment += timedelta(seconds=rng.randint(5, 120))
            detail = {"answer": label, "to": graph.nodes[target]["slug"]}
            add(Event.Kind.ANSWERED, current, detail)
            if label == NOT_SURE:
                add(Event.Kind.UNSURE, current, detail)
            current = target
        walk.guide = graph.guide if last is not None else None
        walk.last_node_id = last
        walk.last_seen_at = moment
        return walk, events, feedback


def events_generate(
    *,
    events: int,
    guides: list[Guide],
    days: int = 30,
    seed: int = 1,
    now: datetime | None = None,
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> GenerateReport:
    """Write whole synthetic walks until at least `events` events exist (the last walk may pass it a little)."""
    graphs = [graph for graph in map(_graph, guides) if graph is not None]
    if not graphs:
        raise ValueError("no guide with a first question: run load_content first")
    walker = _Walker(random.Random(seed), now or timezone.now(), days)
    report = GenerateReport(guides=[graph.guide.slug for graph in graphs])
    with _given_timestamps():
        while report.events < events:
            walks: list[Walk] = []
            batch_events: list[Event] = []
            batch_feedback: list[Feedback] = []
            while len(batch_events) < batch_size and report.events + len(batch_events) < events:
                walk, walk_events, walk_feedback = walker.walk(walker.rng.choice(graphs))
                walks.append(walk)
                batch_events += walk_events
                batch_feedback += walk_feedback
            with transaction.atomic():
                Walk.objects.bulk_create(walks, batch_size=batch_size)
                Event.objects.bulk_create(batch_events, batch_size=batch_size)
                Feedback.objects.bulk_create(batch_feedback, batch_size=batch_size)
            report.walks += len(walks)
            report.events += len(batch_events)
            report.feedback += len(batch_feedback)
            if progress is not None:
                progress(report.events)
    return report
