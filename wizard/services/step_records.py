"""Step records, written in batches after the response instead of inside each request.

Each step shown is a walk row to create or move on plus two or three events. Written one request at a time
that was most of a cached step's cost (a read, an update and an insert, each a round trip and an ORM
build; on SQLite a write lock per step, which under load made steps 3-5 times slower, bench 2026-12-01).
Here a request only queues a small record; a background thread per process writes what queued up every
`WALK_RECORD_DELAY` seconds, or as soon as `FLUSH_COUNT` steps wait, in one transaction, with one read and
a few bulk statements for the lot. With a delay of 0 the request writes its own record at once, through
the same code.

What a crash can lose is bounded by count, not only by time: while `MAX_QUEUED` steps wait, a request waits
(up to `QUEUE_WAIT` seconds) for the writer to take them before it queues its own, and past that wait writes
its own step itself instead of queueing it. A process killed outright
(SIGKILL, out of memory) so loses at most `MAX_LOST_STEPS`: the steps queued and the batch being written; a
normal shutdown writes them. tests/deploy/test_faults.py kills a worker under load and counts.

Best effort, like every walk record. While the database is away the queue waits and is written when it
returns (up to `MAX_PENDING` steps, then the oldest go; requests do not wait then); a batch the database
itself refuses is logged and dropped. Records are written in the order they were queued in each process; a
step that reaches the database after a later step of the same walk (two app servers, a reader faster than
the delay) is kept as an event but does not move the walk back or count as an answer.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from ..content.graph import NOT_SURE
from ..models import Choice, Event, Node, Walk

logger = logging.getLogger(__name__)

# What each kind of event says about its walk: the flags insights count instead of probing events. Set with the
# event, here for steps and by services.walks.walk_record_event for the rest (an escalation sent).
WALK_FLAGS: dict[str, str] = {
    Event.Kind.ANSWERED: "answered",
    Event.Kind.RESOLUTION: "reached_resolution",
    Event.Kind.ESCALATION: "reached_escalation",
    Event.Kind.ESCALATED: "reached_escalation",
}
# A database that stays away for long must not fill the memory: past this, the oldest records are dropped.
MAX_PENDING = 20_000
BATCH_SIZE = 500
# A batch this big is written at once instead of at the next tick.
FLUSH_COUNT = 25
# While this many steps wait, a request waits for the writer before it queues its own (see the docstring).
MAX_QUEUED = 50
# The most a process killed outright loses: the steps queued, and the batch being written.
MAX_LOST_STEPS = 2 * MAX_QUEUED
# A database that takes this long to write a batch must not hold requests longer: they queue anyway.
QUEUE_WAIT = 10.0


@dataclass(frozen=True)
class StepNode:
    """What recording a step (and a cached page, see pages/cache.py) needs of its node."""

    id: int
    guide_id: int
    guide_slug: str
    slug: str
    kind: str

    @classmethod
    def of(cls, node: Node) -> StepNode:
        return cls(id=node.pk, guide_id=node.guide_id, guide_slug=node.guide.slug, slug=node.slug, kind=node.kind)


@dataclass(frozen=True)
class StepRecord:
    """A step shown to a walk: what the request knew, nothing that needs the database."""

    walk_id: uuid.UUID
    node_id: int
    node_slug: str
    node_kind: str
    guide_id: int
    source: str
    source_name: str
    referrer_host: str
    at: datetime = field(default_factory=timezone.now)
    # The questions the walk answered "Not sure" so far (its `?unsure=`), to tell that answer from No.
    unsure: tuple[str, ...] = ()


def steps_write(records: Iterable[StepRecord]) -> None:
    """Write a batch in one transaction: read its walks once, then bulk-create and bulk-update."""
    records = sorted(records, key=lambda record: record.at)
    if not records:
        return
    with transaction.atomic():
        walks = Walk.objects.in_bulk({record.walk_id for record in records})
        # Each answer that leads to a node of the batch: (question, target) -> the first such answer's label, the
        # question's slug, and whether "Not sure" leads there too.
        answers: dict[tuple[int | None, int], tuple[str, str, bool]] = {}
        leading = Choice.objects.filter(target_id__in={record.node_id for record in records}).order_by("-position")
        for question_id, question_slug, target_id, label, is_unsure in leading.values_list(
            "node_id", "node__slug", "target_id", "label", "is_unsure"
        ):
            unsure_too = is_unsure or answers.get((question_id, target_id), ("", "", False))[2]
            answers[(question_id, target_id)] = (label, question_slug, unsure_too)
        created: dict[uuid.UUID, Walk] = {}
        moved: dict[uuid.UUID, Walk] = {}
        events: list[Event] = []
        for record in records:
            walk = walks.get(record.walk_id)
            if walk is None:
                walk = Walk(
                    id=record.walk_id,
                    source=record.source,
                    source_name=record.source_name,
                    referrer_host=record.referrer_host,
                    started_at=record.at,
                    last_seen_at=record.at,
                )
                walks[walk.id] = created[walk.id] = walk
            elif walk.id not in created:
                moved[walk.id] = walk
            in_order = walk.last_node_id is None or record.at >= walk.last_seen_at
            shown = _step_events(walk, record, answers.get((walk.last_node_id, record.node_id)) if in_order else None)
            for event in shown:
                if event.kind in WALK_FLAGS:
                    setattr(walk, WALK_FLAGS[event.kind], True)
            events += shown
            if in_order:
                walk.last_node_id, walk.guide_id, walk.last_seen_at = record.node_id, record.guide_id, record.at
        # Another app server may have created one of these walks since the read: keep its row, add the events.
        Walk.objects.bulk_create(created.values(), batch_size=BATCH_SIZE, ignore_conflicts=True)
        fields = ["last_node", "guide", "last_seen_at", "answered", "reached_resolution", "reached_escalation"]
        Walk.objects.bulk_update(moved.values(), fields, batch_size=BATCH_SIZE)
        Event.objects.bulk_create(events, batch_size=BATCH_SIZE)


def _step_events(walk: Walk, record: StepRecord, answer: tuple[str, str, bool] | None) -> list[Event]:
    """The events of one step: the answer that led here (if the walk's last node offered one), what was shown."""
    events = []
    if answer is not None:
        label, question_slug, unsure_too = answer
        if unsure_too and question_slug in record.unsure:
            label = NOT_SURE
        detail = {"answer": label, "to": record.node_slug}
        events.append(_event(walk, Event.Kind.ANSWERED, walk.last_node_id, question_slug, record, detail))
        if label == NOT_SURE:
            events.append(_event(walk, Event.Kind.UNSURE, walk.last_node_id, question_slug, record, detail))
    events.append(_event(walk, Event.Kind.SHOWN, record.node_id, record.node_slug, record))
    if record.node_kind == Node.Kind.RESOLUTION:
        events.append(_event(walk, Event.Kind.RESOLUTION, record.node_id, record.node_slug, record))
    elif record.node_kind == Node.Kind.ESCALATION:
        events.append(_event(walk, Event.Kind.ESCALATION, record.node_id, record.node_slug, record))
    return events


def _event(
    walk: Walk, kind: str, node_id: int | None, node_slug: str, record: StepRecord, detail: dict | None = None
) -> Event:
    return Event(
        walk=walk,
        kind=kind,
        guide_id=record.guide_id,
        node_id=node_id,
        node_slug=node_slug,
        detail=detail or {},
        created_at=record.at,
    )


# The thread pays: writing each step inside its request made steps 3-5 times slower on SQLite at 10 and 50 clients.
class StepRecorder:
    """Queues step records and writes them from one background thread per process."""

    def __init__(self) -> None:
        self._pending: list[StepRecord] = []
        # Guards the queue; notified when the writer takes it, so requests waiting for room go on.
        self._lock = threading.Condition()
        # Set when a full batch waits: the writer writes it now instead of at the next tick.
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._waiting = False
        # One flush at a time: at exit, shutdown's flush waits for the batch the thread is still writing (a daemon
        # thread stops mid-transaction when the interpreter ends) instead of leaving it uncommitted.
        self._flushing = threading.Lock()

    def add(self, record: StepRecord) -> None:
        delay = float(settings.WALK_RECORD_DELAY)
        if delay <= 0:
            try:
                steps_write([record])
            except DatabaseError:
                logger.exception("could not record a walk step")
            return
        with self._lock:
            self._start_thread()
            # Not while the database is away: nothing would take the queue, and the 503s already say why.
            room = self._waiting or self._lock.wait_for(
                lambda: len(self._pending) < MAX_QUEUED or self._waiting, QUEUE_WAIT
            )
            if room:
                self._queue([record])
                return
        # The writer has been on one batch for QUEUE_WAIT seconds: this step is written here, in its request,
        # rather than queued past MAX_QUEUED, so what a crash can lose stays within MAX_LOST_STEPS under any load.
        if not self._write([record]):
            with self._lock:
                self._queue([record])

    def _queue(self, records: list[StepRecord]) -> None:
        self._pending += records
        self._trim()
        if len(self._pending) >= FLUSH_COUNT:
            self._wake.set()

    def _trim(self) -> None:
        if len(self._pending) > MAX_PENDING:
            del self._pending[: len(self._pending) - MAX_PENDING]
            logger.warning("walk records are not being written; dropped the oldest steps")

    def _start_thread(self) -> None:
        # A forked app server (gunicorn) inherits the queue but not the thread: start one of its own.
        if self._thread is None or self._pid != os.getpid():
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="step-recorder", daemon=True)
            self._thread.start()

    def flush(self) -> None:
        """Write everything queued, now, in this thread; while the database is away, keep it queued."""
        with self._flushing:
            with self._lock:
                batch, self._pending = self._pending, []
                self._lock.notify_all()
            for start in range(0, len(batch), BATCH_SIZE):
                if not self._write(batch[start : start + BATCH_SIZE]):
                    with self._lock:
                        # Ahead of what requests queued meanwhile, so each walk's steps stay in order.
                        self._pending[:0] = batch[start:]
                        self._trim()
                        # The database is away: requests waiting for room stop waiting (see add).
                        self._lock.notify_all()
                    return

    def shutdown(self) -> None:
        """At exit: write what is queued; say what could not be written, since nothing will retry it."""
        self.flush()
        if self._pending:
            logger.warning("%d walk step(s) not written: the database was unavailable at shutdown", len(self._pending))

    def _write(self, batch: list[StepRecord]) -> bool:
        """Write a batch; False if the database could not be reached, so the batch is still to write."""
        try:
            steps_write(batch)
        except DatabaseError as error:
            if connection.in_atomic_block:
                # Inside a request's transaction (feedback flushes first): leave it to the background thread.
                return False
            if _database_reachable():
                logger.exception("could not record %d walk step(s)", len(batch))
                return True
            if not self._waiting:
                # Once per outage, and no traceback: the 503 pages already say the database is away.
                logger.warning("database unavailable; walk steps wait in memory until it returns: %s", error)
                self._waiting = True
            return False
        if self._waiting:
            logger.info("database back; queued walk steps written")
            self._waiting = False
        return True

    def _run(self) -> None:
        while True:
            delay = _delay()
            if self._waiting:
                # While the database is away, try about once a second, whatever the queue's length.
                time.sleep(max(delay, 1.0))
            else:
                self._wake.wait(delay)
            self._wake.clear()
            if not self._pending:
                continue
            try:
                self.flush()
            except Exception:  # a bug here must not stop recording for the life of the process
                logger.exception("the step recorder failed")
            try:
                # This thread's own connection: opening one per batch is cheap, and none idles between batches.
                connections.close_all()
            except DatabaseError:
                logger.exception("the step recorder could not close its connection")


def _delay() -> float:
    """WALK_RECORD_DELAY as the background thread reads it, each tick.

    Settings changed from another thread (tests do, for every `settings` fixture) are briefly unreadable: Django's
    LazySettings empties its __dict__ before it stores the new settings, and for that instant `_wrapped` reads
    LazyObject's class default, None. The thread then waits the default tick instead of dying.
    """
    try:
        return float(settings.WALK_RECORD_DELAY) or 0.1
    except AttributeError:
        return 0.1


def _database_reachable() -> bool:
    """Whether a fresh connection works: tells a database that is away from one that refused the batch."""
    try:
        connection.close()
        connection.ensure_connection()
    except DatabaseError:
        return False
    return True


recorder = StepRecorder()
atexit.register(recorder.shutdown)
