"""Walk records: what was shown, answered, searched, resolved and escalated.

Recording must never break or noticeably slow a step: steps are queued and written in batches
(step_records), every other write here is best-effort inside a savepoint, and a failure is logged and
forgotten.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.db import DatabaseError, transaction
from django.http import HttpRequest

from ..models import Event, Guide, Node, Walk
from .step_records import StepNode, StepRecord, recorder

logger = logging.getLogger(__name__)

WALK_PARAM = "w"
# A host name or an address as urlsplit gives it (lower case, IPv6 without brackets). Anything else in a Referer
# (control characters, spaces, markup) is junk from a client, not a site that linked here.
HOST_NAME = re.compile(r"[a-z0-9._:-]{1,255}")


@dataclass(frozen=True)
class WalkRef:
    """The walk a request belongs to: its id, and whether this request started it."""

    id: uuid.UUID
    is_new: bool

    @property
    def param(self) -> str:
        return self.id.hex


def walk_ref_from_request(request: HttpRequest) -> WalkRef:
    value = request.GET.get(WALK_PARAM, "")
    try:
        return WalkRef(uuid.UUID(hex=value), is_new=False)
    except ValueError:
        return WalkRef(uuid.uuid4(), is_new=True)


def _url_host(url: str) -> str:
    """The host of a URL from a request header, or "" when it has none or does not parse ("http://[")."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host if HOST_NAME.fullmatch(host) else ""


def _referrer_host(request: HttpRequest) -> str:
    """The site that linked here; "" for none, for ourselves, and for a malformed header (counted as absent)."""
    host = _url_host(request.headers.get("Referer", ""))
    return "" if host == _url_host(f"//{request.get_host()}") else host


def _text(value: str, limit: int) -> str:
    """A query parameter fit to store: no control characters (PostgreSQL refuses NUL in text), at most `limit`."""
    return "".join(char for char in value if char.isprintable())[:limit]


def _source(request: HttpRequest, *, embed: bool) -> tuple[str, str]:
    if embed:
        return Walk.Source.EMBED, _referrer_host(request)
    if request.GET.get("from") == "search":
        return Walk.Source.SEARCH, ""
    host = _referrer_host(request)
    return (Walk.Source.REFERRER if host else Walk.Source.DIRECT), host


def walk_record_step(
    *, request: HttpRequest, ref: WalkRef, node: StepNode, embed: bool = False, unsure: Sequence[str] = ()
) -> None:
    """Queue the record that a node was shown (and, when written, the answer that led to it: see step_records).

    `unsure`: the questions the walk's URL says were answered "Not sure".
    """
    source, host = _source(request, embed=embed)
    recorder.add(
        StepRecord(
            walk_id=ref.id,
            node_id=node.id,
            node_slug=node.slug,
            node_kind=node.kind,
            guide_id=node.guide_id,
            source=source,
            source_name=_text(request.GET.get("source", ""), 100),
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
    except DatabaseError:
        logger.exception("could not record a %s event", kind)


def walk_set_outcome(*, walk_id: uuid.UUID | None, outcome: str) -> None:
    if walk_id is None:
        return
    # Sending an escalation counts as reaching one, as its ESCALATED event always did for insights.
    reached = {"reached_escalation": True} if outcome == Walk.Outcome.ESCALATED else {}
    try:
        Walk.objects.filter(pk=walk_id).update(outcome=outcome, **reached)
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


def walk_record_search(*, walk_id: uuid.UUID, query: str, results: int, top: list[str]) -> None:
    """Record a search, starting its walk (source: search) so the step it leads to is attributed to it.

    Active search asks once per pause in typing. While the new query extends or trims the walk's last
    one ("item", "item login", "item login required"), that one event is updated, so a walk records
    the searches someone settled on, not every prefix, and a no-result prefix is never left behind.
    """
    detail = {"query": query, "results": results, "top": top}
    try:
        with transaction.atomic():
            walk, _ = Walk.objects.get_or_create(pk=walk_id, defaults={"source": Walk.Source.SEARCH})
            last = Event.objects.filter(walk=walk, kind=Event.Kind.SEARCH).order_by("-pk").first()
            previous = str(last.detail.get("query", "")).lower() if last else None
            if previous is not None and (query.lower().startswith(previous) or previous.startswith(query.lower())):
                if last.detail != detail:
                    last.detail = detail
                    last.save(update_fields=["detail"])
            else:
                Event.objects.create(walk=walk, kind=Event.Kind.SEARCH, detail=detail)
    except DatabaseError:
        logger.exception("could not record a search")
