"""The figures behind /insights/: each function is one aggregate query, run in the database.

Every function takes a `Scope` (a guide or all guides, a date range, and "now" for abandonment) and returns
plain rows. Nothing here loops over walks or events in Python, so the page costs the same number of queries
whatever the size of the tables; the indexes on Walk and Event keep each query to a range scan. What a walk
reached is read from its flags (`Walk.answered`, `reached_resolution`, `reached_escalation`, set as its events
are recorded), never by probing its events one walk at a time.

Definitions, also shown on the page:
- a walk *started* on the day its first step was shown (walks that only searched and never opened a step
  belong to no guide and are counted under searches, not here);
- it *answered a question* if it moved along at least one answer;
- it *reached a resolution* (or an escalation page) if it was shown one at least once (sending an escalation
  counts as reaching one);
- it was *solved* when the reader answered "Yes" to "Did this solve it?" (outcome `resolved`);
- it was *sent to support* when the escalation form was sent (outcome `escalated`);
- it was *abandoned* when it is still open, nothing happened for `ABANDONED_AFTER`, and its last page was a
  question (or an error code lookup): the reader left before any resolution or escalation page;
- a walk belongs to the guide of its last page: an answer may lead into another guide, and the walk goes on
  there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, DateField, Max, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Lower

from ..models import Event, Feedback, Guide, GuideRevision, Node, Walk

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations
    from typing_extensions import ReadOnly

ABANDONED_AFTER = timedelta(minutes=30)
TOP = 10


@dataclass(frozen=True)
class Scope:
    """What the figures cover: one guide (or all), the UTC days from `start` to `end` inclusive, and the clock.

    Days are UTC days whatever TIME_ZONE says, so a day means the same on SQLite and PostgreSQL and in the CSV.
    """

    guide: Guide | None
    start: date
    end: date
    now: datetime

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=offset) for offset in range((self.end - self.start).days + 1)]


# The rows each query returns, as the database gives them (`.values()` names, hence `guide__slug`). A column
# reached through a nullable foreign key is None once that guide or node was deleted (events, feedback and
# revisions outlive them); such keys are ReadOnly because django-stubs types them as never None, and only a
# read-only key may be declared wider than what it is given.


class Counts(TypedDict):
    """Walks counted by what they reached (see the definitions above)."""

    started: int
    answered: int
    resolution: int
    solved: int
    escalation: int
    sent: int
    abandoned: int


class DaySourceCounts(Counts):
    day: date
    source: str


class GuideCounts(TypedDict):
    guide__slug: str
    guide__title: str
    started: int
    resolution: int
    solved: int
    escalation: int
    abandoned: int


class Referrer(TypedDict):
    source: str
    referrer_host: str
    source_name: str
    started: int


class DropOff(TypedDict):
    guide__slug: str
    last_node__slug: str
    last_node__title: str
    walks: int


class UnsureQuestion(TypedDict):
    guide__slug: ReadOnly[str | None]
    node_slug: str
    title: str | None
    unsure: int


class TopResolution(TypedDict):
    guide__slug: ReadOnly[str | None]
    node_slug: str
    title: str | None
    walks: int


class ContentChange(TypedDict):
    guide_id: int
    guide__slug: str
    number: int
    note: str
    created_at: datetime
    # None for a change nobody signed (load_content) or whose author was deleted.
    created_by__username: ReadOnly[str | None]


class ResolutionFeedback(TypedDict):
    guide__slug: ReadOnly[str | None]
    node_slug: str
    title: str | None
    yes: int
    no: int


class Comment(TypedDict):
    guide__slug: ReadOnly[str | None]
    node_slug: str
    node__title: ReadOnly[str | None]
    helpful: bool
    comment: str
    created_at: datetime


class SearchQuery(TypedDict):
    query: str
    searches: int
    last: datetime


def _walks(scope: Scope) -> QuerySet[Walk]:
    walks = Walk.objects.filter(started_at__gte=scope.since, started_at__lt=scope.until, guide__isnull=False)
    if scope.guide is not None:
        walks = walks.filter(guide=scope.guide)
    # The model's default ordering would otherwise join the GROUP BY of every aggregate below.
    return walks.order_by()


def _events(scope: Scope, kind: str) -> QuerySet[Event]:
    events = Event.objects.filter(kind=kind, created_at__gte=scope.since, created_at__lt=scope.until)
    if scope.guide is not None:
        events = events.filter(guide=scope.guide)
    return events.order_by()


def _abandoned(scope: Scope) -> Q:
    return Q(
        outcome=Walk.Outcome.OPEN,
        last_seen_at__lt=scope.now - ABANDONED_AFTER,
        last_node__kind__in=[Node.Kind.QUESTION, Node.Kind.LOOKUP],
    )


def walk_counts(scope: Scope) -> list[DaySourceCounts]:
    """Walks per day and source: started, answered a question, reached a resolution, solved, reached an
    escalation page, sent to support, abandoned.

    One grouped scan of the walks in range feeds the totals, the funnel, the trend and the sources table (at most
    days x 4 rows); the event table is not read at all.
    """
    return list(
        _walks(scope)
        # A plain cast, not TruncDate: days are UTC days (see Scope), and SQLite runs TruncDate in Python per row.
        .annotate(day=Cast("started_at", DateField()))
        .values("day", "source")
        .annotate(
            started=Count("pk"),
            answered=Count("pk", filter=Q(answered=True)),
            resolution=Count("pk", filter=Q(reached_resolution=True)),
            solved=Count("pk", filter=Q(outcome=Walk.Outcome.RESOLVED)),
            escalation=Count("pk", filter=Q(reached_escalation=True)),
            sent=Count("pk", filter=Q(outcome=Walk.Outcome.ESCALATED)),
            abandoned=Count("pk", filter=_abandoned(scope)),
        )
        .order_by("day", "source")
    )


def walks_per_guide(scope: Scope) -> list[GuideCounts]:
    """Each guide's walks: started, reached a resolution, solved, reached an escalation page, abandoned."""
    return list(
        _walks(scope)
        .values("guide__slug", "guide__title")
        .annotate(
            started=Count("pk"),
            resolution=Count("pk", filter=Q(reached_resolution=True)),
            solved=Count("pk", filter=Q(outcome=Walk.Outcome.RESOLVED)),
            escalation=Count("pk", filter=Q(reached_escalation=True)),
            abandoned=Count("pk", filter=_abandoned(scope)),
        )
        .order_by("guide__position", "guide__slug")
    )


def top_referrers(scope: Scope, limit: int = TOP) -> list[Referrer]:
    """The sites (and `?source=` names) that sent the most walks."""
    return list(
        _walks(scope)
        .exclude(referrer_host="", source_name="")
        .values("source", "referrer_host", "source_name")
        .annotate(started=Count("pk"))
        .order_by("-started", "referrer_host", "source_name")[:limit]
    )


def drop_off(scope: Scope, limit: int = TOP) -> list[DropOff]:
    """The questions abandoned walks stopped on, most first."""
    return list(
        _walks(scope)
        .filter(_abandoned(scope))
        .values("guide__slug", "last_node__slug", "last_node__title")
        .annotate(walks=Count("pk"))
        .order_by("-walks", "guide__slug", "last_node__slug")[:limit]
    )


def unsure_questions(scope: Scope, limit: int = TOP) -> list[UnsureQuestion]:
    """The questions most often answered "Not sure": where the "How to tell" text may not be clear enough.

    From their own event kind, a few rows; not as a share of all answers, which would scan every answer.
    """
    return list(
        _events(scope, Event.Kind.UNSURE)
        .values("guide__slug", "node_slug")
        .annotate(unsure=Count("pk"), title=Max("node__title"))
        .order_by("-unsure", "guide__slug", "node_slug")[:limit]
    )


def top_resolutions(scope: Scope, limit: int = TOP) -> list[TopResolution]:
    """The resolutions most walks reached in the range (a walk that reloads one counts once)."""
    return list(
        _events(scope, Event.Kind.RESOLUTION)
        .values("guide__slug", "node_slug")
        .annotate(walks=Count("walk", distinct=True), title=Max("node__title"))
        .order_by("-walks", "guide__slug", "node_slug")[:limit]
    )


def content_changes(scope: Scope, limit: int = 5 * TOP) -> list[ContentChange]:
    """Publishes, roll backs and imports that changed a guide's text in the range, oldest first (the latest `limit`).

    What a lead reads the other figures against: did the "yes" ratio move after this edit went live?
    """
    revisions = GuideRevision.objects.filter(
        created_at__gte=scope.since, created_at__lt=scope.until, guide__is_draft=False
    )
    if scope.guide is not None:
        revisions = revisions.filter(guide=scope.guide)
    latest = revisions.order_by("-created_at", "-number").values(
        "guide_id", "guide__slug", "number", "note", "created_at", "created_by__username"
    )[:limit]
    return list(reversed(latest))


def feedback_per_resolution(scope: Scope, limit: int = 2 * TOP) -> list[ResolutionFeedback]:
    """ "Did this solve it?" per resolution: yes and no, the resolutions with the most "no" first.

    Current answers only: a walk that changed its answer counts once, with its latest.
    """
    feedback = Feedback.objects.filter(created_at__gte=scope.since, created_at__lt=scope.until, current=True)
    if scope.guide is not None:
        feedback = feedback.filter(guide=scope.guide)
    return list(
        feedback.order_by()
        .values("guide__slug", "node_slug")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
            title=Max("node__title"),
        )
        .order_by("-no", "yes", "guide__slug", "node_slug")[:limit]
    )


def feedback_comments(scope: Scope, limit: int = 2 * TOP) -> list[Comment]:
    """The latest comments readers left with "Did this solve it?", newest first: the gaps in their own words."""
    feedback = Feedback.objects.filter(created_at__gte=scope.since, created_at__lt=scope.until).exclude(comment="")
    if scope.guide is not None:
        feedback = feedback.filter(guide=scope.guide)
    return list(
        feedback.order_by("-created_at", "-pk").values(
            "guide__slug", "node_slug", "node__title", "helpful", "comment", "created_at"
        )[:limit]
    )


class _Query(TypedDict):
    query: str


def _searches(scope: Scope) -> QuerySet[WithAnnotations[Event, _Query]]:
    # Search events carry no guide (a search spans every guide): the range applies, the guide filter does not.
    return (
        Event.objects.filter(kind=Event.Kind.SEARCH, created_at__gte=scope.since, created_at__lt=scope.until)
        .order_by()
        .annotate(query=Lower(KT("detail__query")))
    )


def searches_without_results(scope: Scope, limit: int = TOP) -> list[SearchQuery]:
    """What people searched for and found nothing: the clearest content gaps. Site-wide, whatever the guide."""
    return list(
        _searches(scope)
        .filter(detail__results=0)
        .values("query")
        .annotate(searches=Count("pk"), last=Max("created_at"))
        .order_by("-searches", "query")[:limit]
    )


def searches_escalated(scope: Scope, limit: int = TOP) -> list[SearchQuery]:
    """Searches whose walk still ended on an escalation page: found something, but no cause fitted."""
    searches = _searches(scope).filter(walk__reached_escalation=True)
    if scope.guide is not None:
        searches = searches.filter(walk__guide=scope.guide)
    return list(
        searches.values("query")
        .annotate(searches=Count("pk"), last=Max("created_at"))
        .order_by("-searches", "query")[:limit]
    )
