"""All the figures of one insights page, gathered from `queries` and shaped for the page and the CSV alike.

The page and the export read the same `Insights`, so what a lead sees and what they download never differ.
Python only fills in days and sources that had no walks and divides: it never touches a single event.

At a million events the queries still take about a second on PostgreSQL (a few on SQLite), so the figures of one
guide and range are kept for `CACHE_SECONDS`: going back to a filter, or downloading the CSV of the page just seen,
costs nothing. The page says when its figures were computed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Literal, TypedDict

from django.conf import settings
from django.core.cache import cache

from ..models import Walk
from . import queries
from .queries import (
    Comment,
    ContentChange,
    Counts,
    DaySourceCounts,
    DropOff,
    GuideCounts,
    Referrer,
    ResolutionFeedback,
    Scope,
    SearchQuery,
    TopResolution,
    UnsureQuestion,
)

Outcome = Literal["started", "resolution", "solved", "escalation", "abandoned"]
CountName = Literal[Outcome, "answered", "sent"]
OUTCOMES: tuple[Outcome, ...] = ("started", "resolution", "solved", "escalation", "abandoned")
COUNTS: tuple[CountName, ...] = ("started", "answered", "resolution", "solved", "escalation", "sent", "abandoned")
# Long enough to spare a lead repeating the queries while they look, short enough that today's walks show up soon.
CACHE_SECONDS = 60
# Walks started this many days before and after a content change are compared on the page.
CHANGE_WINDOW_DAYS = 7


def rate(part: int, whole: int) -> float | None:
    """A share in percent, one decimal; None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class FunnelStep:
    label: str
    walks: int
    share: float | None


class Day(Counts):
    day: date
    # Labels of the content changes made that day ("<guide> #<revision>").
    changes: list[str]


class Source(Counts):
    source: str
    label: str
    resolution_rate: float | None


class GuideRow(GuideCounts):
    resolution_rate: float | None
    solved_rate: float | None


class FeedbackRow(ResolutionFeedback):
    yes_rate: float | None


class Around(TypedDict):
    """Walks started in the days before a change and after it (see `_around`); None over all guides, where the
    days mix every guide's walks and a change to one would be read against them all."""

    before_days: int | None
    before_walks: int | None
    before_solved_rate: float | None
    after_days: int | None
    after_walks: int | None
    after_solved_rate: float | None


NOT_COMPARED = Around(
    before_days=None,
    before_walks=None,
    before_solved_rate=None,
    after_days=None,
    after_walks=None,
    after_solved_rate=None,
)


class Change(ContentChange, Around):
    label: str
    day: date


@dataclass(frozen=True)
class Insights:
    scope: Scope
    totals: Counts
    days: list[Day]
    sources: list[Source]
    referrers: list[Referrer]
    drop_off: list[DropOff]
    unsure: list[UnsureQuestion]
    resolutions: list[TopResolution]
    feedback: list[FeedbackRow]
    comments: list[Comment]
    searches_without_results: list[SearchQuery]
    searches_escalated: list[SearchQuery]
    changes: list[Change]
    # Each guide's figures, when the page covers all guides and more than one had walks (else empty).
    guides: list[GuideRow]

    @property
    def resolution_rate(self) -> float | None:
        return rate(self.totals["resolution"], self.totals["started"])

    @property
    def solved_rate(self) -> float | None:
        return rate(self.totals["solved"], self.totals["started"])

    @property
    def funnel(self) -> list[FunnelStep]:
        started = self.totals["started"]
        steps = [
            ("Started a walk", started),
            ("Answered a question", self.totals["answered"]),
            ("Reached a resolution", self.totals["resolution"]),
            ("Said it solved the problem", self.totals["solved"]),
        ]
        return [FunnelStep(label, walks, rate(walks, started)) for label, walks in steps]


def _sum(rows: Iterable[Counts]) -> Counts:
    """Add up the counts of `walk_counts` rows (a few hundred at most: days x sources, never events)."""
    total = Counts(started=0, answered=0, resolution=0, solved=0, escalation=0, sent=0, abandoned=0)
    for row in rows:
        for name in COUNTS:
            total[name] += row[name]
    return total


def _around(days: list[Day], day: date) -> Around:
    """The walks started in the `CHANGE_WINDOW_DAYS` days before a change and after it, and how many were solved.

    The day of the change itself is left out (its walks saw either text), and so are days outside the range.
    """
    window = timedelta(days=CHANGE_WINDOW_DAYS)
    sides = {
        "before": [row for row in days if day - window <= row["day"] < day],
        "after": [row for row in days if day < row["day"] <= day + window],
    }
    before, after = _sum(sides["before"]), _sum(sides["after"])
    return Around(
        before_days=len(sides["before"]),
        before_walks=before["started"],
        before_solved_rate=rate(before["solved"], before["started"]),
        after_days=len(sides["after"]),
        after_walks=after["started"],
        after_solved_rate=rate(after["solved"], after["started"]),
    )


def insights_get(scope: Scope) -> Insights:
    """Every figure for the scope: nine queries (ten over all guides), whatever the number of walks and events."""
    counts = queries.walk_counts(scope)
    by_day: dict[date, list[DaySourceCounts]] = defaultdict(list)
    by_source: dict[str, list[DaySourceCounts]] = defaultdict(list)
    for row in counts:
        by_day[row["day"]].append(row)
        by_source[row["source"]].append(row)
    content_changes = queries.content_changes(scope)
    changed_on: dict[date, list[str]] = defaultdict(list)
    for change in content_changes:
        changed_on[change["created_at"].astimezone(UTC).date()].append(_change_label(change))
    days: list[Day] = [{**_sum(by_day[day]), "day": day, "changes": changed_on[day]} for day in scope.days]
    changes: list[Change] = []
    for change in content_changes:
        day = change["created_at"].astimezone(UTC).date()
        around = NOT_COMPARED if scope.guide is None else _around(days, day)
        changes.append({**change, **around, "label": _change_label(change), "day": day})
    sources: list[Source] = []
    for source, label in Walk.Source.choices:
        total = _sum(by_source[source])
        resolution_rate = rate(total["resolution"], total["started"])
        sources.append({**total, "source": source, "label": str(label), "resolution_rate": resolution_rate})
    per_guide = queries.walks_per_guide(scope) if scope.guide is None else []
    guides: list[GuideRow] = [
        {
            **row,
            "resolution_rate": rate(row["resolution"], row["started"]),
            "solved_rate": rate(row["solved"], row["started"]),
        }
        # One guide's row would only repeat the totals.
        for row in (per_guide if len(per_guide) > 1 else [])
    ]
    feedback: list[FeedbackRow] = [
        {**row, "yes_rate": rate(row["yes"], row["yes"] + row["no"])} for row in queries.feedback_per_resolution(scope)
    ]
    return Insights(
        scope=scope,
        totals=_sum(counts),
        days=days,
        sources=sources,
        referrers=queries.top_referrers(scope),
        drop_off=queries.drop_off(scope),
        unsure=queries.unsure_questions(scope),
        resolutions=queries.top_resolutions(scope),
        feedback=feedback,
        comments=queries.feedback_comments(scope),
        searches_without_results=queries.searches_without_results(scope),
        searches_escalated=queries.searches_escalated(scope),
        changes=changes,
        guides=guides,
    )


def _change_label(change: ContentChange) -> str:
    return f"{change['guide__slug']} #{change['number']}"


def insights_cached(scope: Scope) -> Insights:
    """`insights_get`, kept for `INSIGHTS_CACHE_SECONDS` (default `CACHE_SECONDS`; 0 turns it off) per guide and range.

    The clock is not part of the key: within that time the same filters give the same figures, `scope.now` included.
    """
    seconds = getattr(settings, "INSIGHTS_CACHE_SECONDS", CACHE_SECONDS)
    if seconds <= 0:
        return insights_get(scope)
    key = f"insights:v4:{scope.guide.pk if scope.guide else 'all'}:{scope.start.isoformat()}:{scope.end.isoformat()}"
    insights = cache.get(key)
    if insights is None:
        insights = insights_get(scope)
        cache.set(key, insights, seconds)
    return insights


def insights_rows(insights: Insights) -> Iterator[list[object]]:
    """The page's tables one after another, each under its own title row, for a CSV file."""
    scope = insights.scope
    yield [
        "Insights",
        scope.guide.slug if scope.guide else "all guides",
        scope.start.isoformat(),
        scope.end.isoformat(),
    ]
    yield []
    totals = insights.totals
    yield ["Walks"]
    yield ["measure", "walks", "percent of started"]
    measures: tuple[tuple[str, CountName], ...] = (
        ("started", "started"),
        ("answered a question", "answered"),
        ("reached a resolution", "resolution"),
        ("said it solved the problem", "solved"),
        ("reached an escalation page", "escalation"),
        ("sent to support", "sent"),
        ("abandoned", "abandoned"),
    )
    for measure, key in measures:
        yield [measure, totals[key], _number(rate(totals[key], totals["started"]))]
    yield []
    if insights.guides:
        yield ["Walks per guide"]
        yield ["guide", *OUTCOMES, "resolution rate", "solved rate"]
        for guide in insights.guides:
            rates = (_number(guide["resolution_rate"]), _number(guide["solved_rate"]))
            yield [guide["guide__slug"], *(guide[key] for key in OUTCOMES), *rates]
        yield []
    yield ["Walks per day"]
    yield ["day", *OUTCOMES, "content changes"]
    for day in insights.days:
        yield [day["day"].isoformat(), *(day[key] for key in OUTCOMES), "; ".join(day["changes"])]
    yield []
    yield ["Sources"]
    yield ["source", *OUTCOMES, "resolution rate"]
    for source in insights.sources:
        yield [source["source"], *(source[key] for key in OUTCOMES), _number(source["resolution_rate"])]
    yield []
    yield ["Referrers"]
    yield ["source", "referrer", "source name", "started"]
    for referrer in insights.referrers:
        yield [referrer["source"], referrer["referrer_host"], referrer["source_name"], referrer["started"]]
    yield []
    yield ["Drop-off (questions abandoned walks stopped on)"]
    yield ["guide", "node", "question", "walks"]
    for stop in insights.drop_off:
        yield [stop["guide__slug"], stop["last_node__slug"], stop["last_node__title"], stop["walks"]]
    yield []
    yield ['Questions answered "Not sure"']
    yield ["guide", "node", "question", "not sure"]
    for question in insights.unsure:
        yield [question["guide__slug"], question["node_slug"], question["title"], question["unsure"]]
    yield []
    yield ["Most reached resolutions"]
    yield ["guide", "node", "resolution", "walks"]
    for resolution in insights.resolutions:
        yield [resolution["guide__slug"], resolution["node_slug"], resolution["title"], resolution["walks"]]
    yield []
    yield ["Did this solve it?"]
    yield ["guide", "node", "resolution", "yes", "no", "percent yes"]
    for answers in insights.feedback:
        yield [
            *(answers["guide__slug"], answers["node_slug"], answers["title"]),
            *(answers["yes"], answers["no"], _number(answers["yes_rate"])),
        ]
    yield []
    yield ["What readers wrote (latest first)"]
    yield ["time (UTC)", "guide", "node", "resolution", "solved", "comment"]
    for comment in insights.comments:
        when = comment["created_at"].astimezone(UTC).isoformat(timespec="seconds")
        solved = "yes" if comment["helpful"] else "no"
        yield [when, comment["guide__slug"], comment["node_slug"], comment["node__title"], solved, comment["comment"]]
    yield []
    yield ["Searches with no results"]
    yield ["query", "searches", "last searched"]
    for search in insights.searches_without_results:
        yield [search["query"], search["searches"], search["last"].isoformat()]
    yield []
    yield ["Searches whose walk reached an escalation page"]
    yield ["query", "searches", "last searched"]
    for search in insights.searches_escalated:
        yield [search["query"], search["searches"], search["last"].isoformat()]
    yield []
    yield ["Content changes (publishes, roll backs, imports)"]
    yield [
        "time (UTC)",
        "guide",
        "revision",
        "by",
        "note",
        f"walks in the {CHANGE_WINDOW_DAYS} days before",
        "percent solved before",
        f"walks in the {CHANGE_WINDOW_DAYS} days after",
        "percent solved after",
    ]
    for change in insights.changes:
        when = change["created_at"].astimezone(UTC).isoformat(timespec="seconds")
        yield [
            when,
            change["guide__slug"],
            change["number"],
            change["created_by__username"] or "",
            change["note"],
            "" if change["before_walks"] is None else change["before_walks"],
            _number(change["before_solved_rate"]),
            "" if change["after_walks"] is None else change["after_walks"],
            _number(change["after_solved_rate"]),
        ]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"
