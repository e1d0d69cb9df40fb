"""A small, hand-made history over the mini guide, with every figure of the insights page known in advance."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from wizard.insights.queries import Scope
from wizard.models import Event, Feedback, Guide, GuideRevision, Node, Walk
from wizard.services.walks import walk_record_event

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
START, END = date(2026, 3, 1), date(2026, 3, 10)


def at(day: int, hour: int = 10, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


class History:
    def __init__(self) -> None:
        self.guide = Guide.objects.get(slug="mini")
        self.nodes = {node.slug: node for node in Node.objects.filter(guide=self.guide)}

    def walk(self, started: datetime, *, source: str = Walk.Source.DIRECT, **fields) -> Walk:
        walk = Walk.objects.create(id=uuid.uuid4(), guide=fields.pop("guide", self.guide), source=source, **fields)
        # auto_now_add/auto_now stamp the current time on create: set the history's own times afterwards.
        Walk.objects.filter(pk=walk.pk).update(started_at=started, last_seen_at=fields.get("last_seen_at", started))
        return walk

    def event(self, walk: Walk | None, kind: str, when: datetime, node: str = "", **detail) -> None:
        # The real write path, which also sets the walk's flags for this kind of event.
        walk_record_event(walk_id=walk.pk if walk else None, kind=kind, node=self.nodes.get(node), detail=detail)
        Event.objects.filter(pk=Event.objects.latest("pk").pk).update(created_at=when)

    def feedback(self, walk: Walk, node: str, when: datetime, *, helpful: bool, comment: str = "") -> None:
        item = Feedback.objects.create(
            walk=walk, guide=self.guide, node=self.nodes[node], node_slug=node, helpful=helpful, comment=comment
        )
        Feedback.objects.filter(pk=item.pk).update(created_at=when)
        self.event(walk, Event.Kind.FEEDBACK, when, node, helpful=helpful)

    def revision(self, when: datetime, number: int, *, guide: Guide | None = None, **fields) -> GuideRevision:
        revision = GuideRevision.objects.create(guide=guide or self.guide, number=number, source_text="", **fields)
        GuideRevision.objects.filter(pk=revision.pk).update(created_at=when)
        return revision

    def finish(self, walk: Walk, node: str, when: datetime, outcome: str = Walk.Outcome.OPEN) -> None:
        Walk.objects.filter(pk=walk.pk).update(last_node=self.nodes[node], last_seen_at=when, outcome=outcome)


@pytest.fixture
def history(mini_guide) -> History:
    """Four walks in range (one per source), one before it, and two searches that found nothing."""
    h = History()
    # Solved: answered the first question, reached a resolution, said "Yes".
    w1 = h.walk(at(2))
    h.event(w1, Event.Kind.SHOWN, at(2), "start")
    h.event(w1, Event.Kind.ANSWERED, at(2, 10, 1), "start", answer="The widget does not load", to="widget")
    h.event(w1, Event.Kind.RESOLUTION, at(2, 10, 3), "wrong-src")
    h.feedback(w1, "wrong-src", at(2, 10, 5), helpful=True)
    h.finish(w1, "wrong-src", at(2, 10, 5), Walk.Outcome.RESOLVED)
    # From a search straight to a resolution that did not help, then escalated and sent to support.
    w2 = h.walk(at(2, 15), source=Walk.Source.SEARCH)
    h.event(w2, Event.Kind.SEARCH, at(2, 15), query="WIDGET_BLOCKED", results=1, top=["ad-blocker"])
    h.event(w2, Event.Kind.RESOLUTION, at(2, 15, 1), "ad-blocker")
    h.feedback(w2, "ad-blocker", at(2, 15, 2), helpful=False)
    h.event(w2, Event.Kind.ESCALATION, at(2, 15, 3), "widget-escalate")
    h.event(w2, Event.Kind.ESCALATED, at(2, 15, 6), "widget-escalate")
    h.finish(w2, "widget-escalate", at(2, 15, 6), Walk.Outcome.ESCALATED)
    # Left on a question days ago: abandoned.
    w3 = h.walk(at(5), source=Walk.Source.REFERRER, referrer_host="docs.example.com")
    h.event(w3, Event.Kind.ANSWERED, at(5, 10, 1), "start", answer="The widget does not load", to="widget")
    h.finish(w3, "widget", at(5, 10, 1))
    # On a question ten minutes ago: still going, not abandoned.
    w4 = h.walk(at(10, 11, 50), source=Walk.Source.EMBED, referrer_host="help.example.com", source_name="hc")
    h.finish(w4, "widget", at(10, 11, 50))
    # Before the range: counts nowhere.
    w5 = h.walk(at(20, month=2))
    h.event(w5, Event.Kind.RESOLUTION, at(20, month=2), "wrong-src")
    h.finish(w5, "wrong-src", at(20, month=2))
    # Searches that found nothing, by walks that never opened a step (so they belong to no guide).
    for day, query in ((3, "webhooks"), (4, "Webhooks")):
        searcher = h.walk(at(day), source=Walk.Source.SEARCH, guide=None)
        h.event(searcher, Event.Kind.SEARCH, at(day), query=query, results=0, top=[])
    return h


@pytest.fixture
def scope(history) -> Scope:
    return Scope(guide=None, start=START, end=END, now=NOW)
