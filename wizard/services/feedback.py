"""Writes for "Did this solve it?" and escalations to support."""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q

from ..models import Escalation, Event, Feedback, Node, Walk
from .step_records import recorder
from .walks import walk_record_event, walk_reopen, walk_set_outcome

logger = logging.getLogger(__name__)


def _existing_walk_id(walk_id: uuid.UUID | None) -> uuid.UUID | None:
    """The walk id only if that walk was recorded: a made-up `?w=` must not fail a foreign key."""
    if walk_id is None:
        return None
    # Someone quick may answer before this process wrote the step that started the walk (step_records).
    recorder.flush()
    return Walk.objects.filter(pk=walk_id).values_list("pk", flat=True).first()


def feedback_create(
    *, node: Node, walk_id: uuid.UUID | None, helpful: bool, comment: str = "", key: str = ""
) -> Feedback:
    """Keep an answer. Per form, and per walk on each resolution, the latest answer is the current one.

    `key` is the form's own (from its signed token): the same form sent again with the same answer (a double
    click, a resend) counts once. A walk that answers the same resolution again (back to it, changed its mind,
    or anyone else holding its link) adds an answer that becomes current; the earlier one stays, with its
    comment, no longer current. "Did this solve it?" counts current answers, so it counts readers, not clicks.
    """
    walk_id = _existing_walk_id(walk_id)
    unique_key = key or None  # rows without a key must not collide on the unique column
    try:
        with transaction.atomic():
            feedback, replaced = _feedback_save(node, walk_id, helpful, comment, unique_key)
    except IntegrityError:
        # The same form sent twice at once: one current answer per form let only one in; this one finds it.
        with transaction.atomic():
            feedback, replaced = _feedback_save(node, walk_id, helpful, comment, unique_key)
    walk_record_event(
        walk_id=walk_id,
        kind=Event.Kind.FEEDBACK,
        node=node,
        detail={"helpful": helpful, "feedback": feedback.pk},
    )
    if helpful:
        walk_set_outcome(walk_id=walk_id, outcome=Walk.Outcome.RESOLVED)
    elif (
        walk_id is not None
        and replaced is True
        and not Feedback.objects.filter(walk_id=walk_id, helpful=True, current=True).exists()
    ):
        # "Solved" taken back: the walk is open again, unless another of its resolutions solved it or it was
        # escalated since (walk_reopen only moves a resolved walk).
        walk_reopen(walk_id=walk_id, outcome=Walk.Outcome.RESOLVED)
    return feedback


def _feedback_save(
    node: Node, walk_id: uuid.UUID | None, helpful: bool, comment: str, key: str | None
) -> tuple[Feedback, bool | None]:
    """Add the answer as the current one; also return what the current answer said before (None if none)."""
    same = Q(key=key) if key else Q(pk__in=[])
    if walk_id is not None:
        same |= Q(walk_id=walk_id, node_slug=node.slug)
    earlier = Feedback.objects.select_for_update().filter(same, current=True).order_by("-created_at").first()
    if (
        earlier is not None
        and key
        and earlier.key == key
        and earlier.helpful == helpful
        and comment in ("", earlier.comment)
    ):
        return earlier, earlier.helpful
    if earlier is not None:
        Feedback.objects.filter(same, current=True).update(current=False)
    feedback = Feedback.objects.create(
        walk_id=walk_id,
        guide_id=node.guide_id,
        node=node,
        node_slug=node.slug,
        helpful=helpful,
        comment=comment,
        key=key,
    )
    return feedback, earlier.helpful if earlier is not None else None


def escalation_create(
    *,
    node: Node,
    walk_id: uuid.UUID | None,
    idempotency_key: str,
    contact_email: str,
    what_happened: str,
    summary: str,
    contact_name: str = "",
    request_id: str = "",
    link_session_id: str = "",
) -> tuple[Escalation, bool]:
    """Save an escalation; the same form sent twice returns the first record and False."""
    existing = Escalation.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    walk_id = _existing_walk_id(walk_id)
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                walk_id=walk_id,
                guide_id=node.guide_id,
                node=node,
                node_slug=node.slug,
                contact_name=contact_name,
                contact_email=contact_email,
                what_happened=what_happened,
                request_id=request_id,
                link_session_id=link_session_id,
                summary=summary,
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        # Two submits raced past the lookup above; the unique key let only one in.
        return Escalation.objects.get(idempotency_key=idempotency_key), False
    walk_record_event(walk_id=walk_id, kind=Event.Kind.ESCALATED, node=node, detail={"escalation": escalation.pk})
    walk_set_outcome(walk_id=walk_id, outcome=Walk.Outcome.ESCALATED)
    return escalation, True


def escalation_notify(*, escalation: Escalation) -> None:
    """Email support about a saved escalation. A failure is logged and stored on the record, never raised."""
    recipients = settings.ESCALATION_EMAIL_TO
    if not recipients:
        return
    guide = escalation.guide.title if escalation.guide else ""
    message = EmailMessage(
        subject=f"Escalation #{escalation.pk}: {escalation.node_slug} ({guide})"[:200],
        body=_email_body(escalation),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[escalation.contact_email],
    )
    try:
        message.send()
    except Exception as error:  # SMTP, socket and backend errors alike: the record is what matters.
        logger.exception("could not send the notification for escalation %s", escalation.pk)
        escalation.notify_error = f"{type(error).__name__}: {error}"[:1000]
        escalation.notified = False
    else:
        escalation.notify_error = ""
        escalation.notified = True
    Escalation.objects.filter(pk=escalation.pk).update(
        notified=escalation.notified, notify_error=escalation.notify_error
    )


def _email_body(escalation: Escalation) -> str:
    contact = f"{escalation.contact_name} <{escalation.contact_email}>" if escalation.contact_name else ""
    lines = [
        f"Contact: {contact or escalation.contact_email}",
        f"request_id: {escalation.request_id or '-'}",
        f"link_session_id: {escalation.link_session_id or '-'}",
        "",
        "What happened:",
        escalation.what_happened,
        "",
        "-- Ticket summary --",
        escalation.summary,
    ]
    return "\n".join(lines)
