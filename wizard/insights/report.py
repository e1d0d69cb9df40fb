"""All the figures of one insights page, gathered from `queries` and shaped for the page and the CSV alike.

The page and the export read the same `Insights`, so what a lead sees and what they download never differ.
Python only fills in days and sources that had no walks and divides: it never touches a single event.

At a million events the queries still take about a second on PostgreSQL (a few on SQLite), so the figures of one
guide and range are kept for `CACHE_SECONDS`: going back to a filter, or downloading the CSV of the page just seen,
costs nothing. The page says when its figures were computed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache

from ..models import Walk
from . import queries
from .queries import Scope

OUTCOMES = ("started", "resolution", "solved", "escalation", "abandoned")
COUNTS = ("started", "answered", "resolution", "solved", "escalation", "sent", "abandoned")
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


@dataclass(frozen=True)
class Insights:
    scope: Scope
    totals: dict[str, int]
    days: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    referrers: list[dict[str, Any]]
    drop_off: list[dict[str, Any]]
    unsure: list[dict[str, Any]]
    resolutions: list[dict[str, Any]]
    feedback: list[dict[str, Any]]
    comments: list[dict[str, Any]]
    searches_without_results: list[dict[str, Any]]
    searches_escalated: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    # Each guide's figures, when the page covers all guides and more than one had walks (else empty).
    guides: list[dict[str, Any]]

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


def _sum(rows: list[dict[str, Any]], **key: Any) -> dict[str, Any]:
    """Add up the counts of `walk_counts` rows (a few hundred at most: days x sources, never events)."""
    total = {**key, **dict.fromkeys(COUNTS, 0)}
    for row in rows:
        for name in COUNTS:
            total[name] += row[name]
    return total


def _around(days: list[dict[str, Any]], day: date) -> dict[str, Any]:
    """The walks started in the `CHANGE_WINDOW_DAYS` days before a change and after it, and how many were solved.

    The day of the change itself is left out (its walks saw either text), and so are days outside the range.
    """
    window = timedelta(days=CHANGE_WINDOW_DAYS)
    sides = {
        "before": [row for row in days if day - window <= row["day"] < day],
        "after": [row for row in days if day < row["day"] <= day + window],
    }
    figures: dict[str, Any] = {}
    for side, rows in sides.items():
        total = _sum(rows)
        figures[f"{side}_days"] = len(rows)
        figures[f"{side}_walks"] = total["started"]
        figures[f"{side}_solved_rate"] = rate(total["solved"], total["started"])
    return figures


def insights_get(scope: Scope) -> Insights:
    """Every figure for the scope: nine queries (ten over all guides), whatever the number of walks and events."""
    counts = queries.walk_counts(scope)
    by_day: dict[date, list[dict[str, Any]]] = defaultdict(list)
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in counts:
        by_day[row["day"]].append(row)
        by_source[row["source"]].append(row)
    changes = queries.content_changes(scope)
    changed_on: dict[date, list[str]] = defaultdict(list)
    for change in changes:
        change["label"] = f"{change['guide__slug']} #{change['number']}"
        change["day"] = change["created_at"].astimezone(UTC).date()
        changed_on[change["day"]].append(change["label"])
    days = [{**_sum(by_day[day], day=day), "changes": changed_on[day]} for day in scope.days]
    if scope.guide is not None:
        # Over all guides the days mix every guide's walks: a change to one would be read against them all.
        for change in changes:
            change |= _around(days, change["day"])
    sources = [_sum(by_source[source], source=source, label=label) for source, label in Walk.Source.choices]
    for row in sources:
        row["resolution_rate"] = rate(row["resolution"], row["started"])
    guides = queries.walks_per_guide(scope) if scope.guide is None else []
    if len(guides) < 2:
        guides = []  # one guide's row would only repeat the totals
    for row in guides:
        row["resolution_rate"] = rate(row["resolution"], row["started"])
        row["solved_rate"] = rate(row["solved"], row["started"])
    feedback = [
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


def insights_cached(scope: Scope) -> Insights:
    """`insights_get`, kept for `INSIGHTS_CACHE_SECONDS` (default `CACHE_SECONDS`; 0 turns it off) per guide and range.

    The clock is not part of the key: within that time the same filters give the same figures, `scope.now` included.
    """
    seconds = getattr(settings, "INSIGHTS_CACHE_SECONDS", CACHE_SECONDS)
    if seconds <= 0:
        return insights_get(scope)
    key = f"insights:v3:{scope.guide.pk if scope.guide else 'all'}:{scope.start.isoformat()}:{scope.end.isoformat()}"
    insights = cache.get(key)
    if insights is None:
        insights = insights_get(scope)
        cache.set(key, insights, seconds)
    return insights


def insights_rows(insights: Insights) -> Iterator[list[Any]]:
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
    for measure, key in (
        ("started", "started"),
        ("answered a question", "answered"),
        ("reached a resolution", "resolution"),
        ("said it solved the problem", "solved"),
        ("reached an escalation page", "escalation"),
        ("sent to support", "sent"),
        ("abandoned", "abandoned"),
    ):
        yield [measure, totals[key], _number(rate(totals[key], totals["started"]))]
    yield []
    if insights.guides:
        yield ["Walks per guide"]
        yield ["guide", *OUTCOMES, "resolution rate", "solved rate"]
        for row in insights.guides:
            rates = (_number(row["resolution_rate"]), _number(row["solved_rate"]))
            yield [row["guide__slug"], *(row[key] for key in OUTCOMES), *rates]
        yield []
    yield ["Walks per day"]
    yield ["day", *OUTCOMES, "content changes"]
    for row in insights.days:
        yield [row["day"].isoformat(), *(row[key] for key in OUTCOMES), "; ".join(row["changes"])]
    yield []
    yield ["Sources"]
    yield ["source", *OUTCOMES, "resolution rate"]
    for row in insights.sources:
        yield [row["source"], *(row[key] for key in OUTCOMES), _number(row["resolution_rate"])]
    yield []
    yield ["Referrers"]
    yield ["source", "referrer", "source name", "started"]
    for row in insights.referrers:
        yield [row["source"], row["referrer_host"], row["source_name"], row["started"]]
    yield []
    yield ["Drop-off (questions abandoned walks stopped on)"]
    yield ["guide", "node", "question", "walks"]
    for row in insights.drop_off:
        yield [row["guide__slug"], row["last_node__slug"], row["last_node__title"], row["walks"]]
    yield []
    yield ['Questions answered "Not sure"']
    yield ["guide", "node", "question", "not sure"]
    for row in insights.unsure:
        yield [row["guide__slug"], row["node_slug"], row["title"], row["unsure"]]
    yield []
    yield ["Most reached resolutions"]
    yield ["guide", "node", "resolution", "walks"]
    for row in insights.resolutions:
        yield [row["guide__slug"], row["node_slug"], row["title"], row["walks"]]
    yield []
    yield ["Did this solve it?"]
    yield ["guide", "node", "resolution", "yes", "no", "percent yes"]
    for row in insights.feedback:
        yield [row["guide__slug"], row["node_slug"], row["title"], row["yes"], row["no"], _number(row["yes_rate"])]
    yield []
    yield ["What readers wrote (latest first)"]
    yield ["time (UTC)", "guide", "node", "resolution", "solved", "comment"]
    for row in insights.comments:
        when = row["created_at"].astimezone(UTC).isoformat(timespec="seconds")
        solved = "yes" if row["helpful"] else "no"
        yield [when, row["guide__slug"], row["node_slug"], row["node__title"], solved, row["comment"]]
    yield []
    yield ["Searches with no results"]
    yield ["query", "searches", "last searched"]
    for row in insights.searches_without_results:
        yield [row["query"], row["searches"], row["last"].isoformat()]
    yield []
    yield ["Searches whose walk reached an escalation page"]
    yield ["query", "searches", "last searched"]
    for row in insights.searches_escalated:
        yield [row["query"], row["searches"], row["last"].isoformat()]
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
    for row in insights.changes:
        when = row["created_at"].astimezone(UTC).isoformat(timespec="seconds")
        yield [
            when,
            row["guide__slug"],
            row["number"],
            row["created_by__username"] or "",
            row["note"],
            row.get("before_walks", ""),
            _number(row.get("before_solved_rate")),
            row.get("after_walks", ""),
            _number(row.get("after_solved_rate")),
        ]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"
