"""Walk records: what was shown, answered, searched, resolved and escalated.

Recording must never break or noticeably slow a step: steps are queued and written in batches
(step_records), every other write here is best-effort inside a savepoint, and a failure is logged and
forgotten.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import DatabaseError, transaction

from ..models import Event, Guide, Node, Walk
from .step_records import WALK_FLAGS, StepNode, StepRecord, recorder

logger = logging.getLogger(__name__)

# Shorter queries are prefixes typed on the way to a real one: shown, not recorded.
MIN_RECORDED_QUERY = 3


def _text(value: str, limit: int) -> str:
    """A query parameter fit to store: no control characters (PostgreSQL refuses NUL in text), at most `limit`."""
    return "".join(char for char in value if char.isprintable())[:limit]


def _source(*, embed: bool, from_search: bool, referrer_host: str) -> tuple[str, str]:
    """Where a walk came from, and the site that sent it (kept for embeds and referrers)."""
    if embed:
        return Walk.Source.EMBED, referrer_host
    if from_search:
        return Walk.Source.SEARCH, ""
    return (Walk.Source.REFERRER if referrer_host else Walk.Source.DIRECT), referrer_host


def walk_record_step(
    *,
    walk_id: uuid.UUID,
    node: StepNode,
    embed: bool = False,
    from_search: bool = False,
    referrer_host: str = "",
    source_name: str = "",
    unsure: Sequence[str] = (),
) -> None:
    """Queue the record that a node was shown (and, when written, the answer that led to it: see step_records).

    A walk's first step says where it came from: an embed (on `referrer_host`, under the name `source_name` its
    help center gave), a search result, a link on another site, or none. `unsure`: the questions the walk's URL
    says were answered "Not sure".
    """
    source, host = _source(embed=embed, from_search=from_search, referrer_host=referrer_host)
    recorder.add(
        StepRecord(
            walk_id=walk_id,
            node_id=node.id,
            node_slug=node.slug,
            node_kind=node.kind,
            guide_id=node.guide_id,
            source=source,
            source_name=_text(source_name, 100),
            referrer_host=host,
            unsure=tuple(unsure),
        )
    )


def _event(walk: Walk | None, kind: str, node: Node | None, detail: dict[str, Any] | None = None) -> Event:
    return Event(
        walk=walk,
        kind=kind,
        guide_id=node.guide_id if node else None,
        node=node,
        node_slug=node.slug if node else "",
        detail=detail or {},
    )


def walk_record_event(
    *,
    walk_id: uuid.UUID | None,
    kind: str,
    node: Node | None = None,
    guide: Guide | None = None,
    detail: dict[str, Any],
) -> None:
    """Any other event (search, feedback, escalation sent), best-effort."""
    try:
        with transaction.atomic():
            walk = Walk.objects.filter(pk=walk_id).first() if walk_id else None
            event = _event(walk, kind, node, detail)
            if guide is not None and event.guide is None:
                event.guide = guide
            event.save()
            if walk is not None and kind in WALK_FLAGS:
                Walk.objects.filter(pk=walk.pk).update(**{WALK_FLAGS[kind]: True})
    except DatabaseError:
        logger.exception("could not record a %s event", kind)


def walk_set_outcome(*, walk_id: uuid.UUID | None, outcome: str) -> None:
    if walk_id is None:
        return
    try:
        Walk.objects.filter(pk=walk_id).update(outcome=outcome)
    except DatabaseError:
        logger.exception("could not set a walk outcome")


def walk_reopen(*, walk_id: uuid.UUID | None, outcome: str) -> None:
    """Back to open, only if the walk's outcome is still `outcome` (an answer taken back)."""
    if walk_id is None:
        return
    try:
        Walk.objects.filter(pk=walk_id, outcome=outcome).update(outcome=Walk.Outcome.OPEN)
    except DatabaseError:
        logger.exception("could not reopen a walk")


def walk_record_search(*, walk_id: uuid.UUID, query: str, results: int, top: list[str]) -> bool:
    """Record a search, starting its walk (source: search) so the step it leads to is attributed to it.

    Active search asks once per pause in typing. While the new query extends or trims the walk's last
    one ("item", "item login", "item login required"), that one event is updated, so a walk records
    the searches someone settled on, not every prefix, and a no-result prefix is never left behind.
    Queries shorter than MIN_RECORDED_QUERY are not recorded (False).
    """
    if len(query) < MIN_RECORDED_QUERY:
        return False
    detail = {"query": query, "results": results, "top": top}
    try:
        with transaction.atomic():
            walk, _ = Walk.objects.get_or_create(pk=walk_id, defaults={"source": Walk.Source.SEARCH})
            last = Event.objects.filter(walk=walk, kind=Event.Kind.SEARCH).order_by("-pk").first()
            previous = str(last.detail.get("query", "")).lower() if last else ""
            if last is not None and (query.lower().startswith(previous) or previous.startswith(query.lower())):
                if last.detail != detail:
                    last.detail = detail
                    last.save(update_fields=["detail"])
            else:
                Event.objects.create(walk=walk, kind=Event.Kind.SEARCH, detail=detail)
    except DatabaseError:
        logger.exception("could not record a search")
    return True
