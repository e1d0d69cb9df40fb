"""Steps queued by requests and written in batches: the same records as writing each step at once."""

from __future__ import annotations

import re
import threading
import uuid
from datetime import timedelta

import pytest
from django.db import DataError, OperationalError
from django.utils import timezone

from wizard.models import Event, Feedback, Node, Walk
from wizard.services import step_records, walks
from wizard.services.step_records import StepNode, StepRecord, recorder, steps_write

pytestmark = pytest.mark.usefixtures("mini_guide")

WALK = uuid.UUID("34" * 16)


def record(slug: str, *, walk: uuid.UUID = WALK, seconds: float = 0, source: str = "direct") -> StepRecord:
    node = StepNode.of(Node.objects.select_related("guide").get(guide__slug="mini", slug=slug))
    return StepRecord(
        walk_id=walk,
        node_id=node.id,
        node_slug=node.slug,
        node_kind=node.kind,
        guide_id=node.guide_id,
        source=source,
        source_name="",
        referrer_host="",
        at=timezone.now() + timedelta(seconds=seconds),
    )


def kinds(walk: uuid.UUID = WALK) -> list[tuple[str, str]]:
    return list(Event.objects.filter(walk_id=walk).order_by("pk").values_list("kind", "node_slug"))


@pytest.mark.django_db
def test_a_walk_in_one_batch_gets_its_answers_flags_and_last_node():
    steps_write([record("start"), record("widget", seconds=1), record("ad-blocker", seconds=2)])

    walk = Walk.objects.get(pk=WALK)
    assert kinds() == [
        ("shown", "start"),
        ("answered", "start"),
        ("shown", "widget"),
        ("answered", "widget"),
        ("shown", "ad-blocker"),
        ("resolution", "ad-blocker"),
    ]
    assert (walk.last_node.slug, walk.guide.slug) == ("ad-blocker", "mini")
    assert (walk.answered, walk.reached_resolution, walk.reached_escalation) == (True, True, False)
    answer = Event.objects.get(walk_id=WALK, kind="answered", node_slug="widget")
    assert answer.detail["to"] == "ad-blocker" and answer.detail["answer"]


@pytest.mark.django_db
def test_a_walk_split_over_batches_continues_from_its_stored_state():
    steps_write([record("start")])
    steps_write([record("widget", seconds=1)])

    assert [kind for kind, _ in kinds()] == ["shown", "answered", "shown"]
    assert Walk.objects.get(pk=WALK).last_node.slug == "widget"


@pytest.mark.django_db
def test_a_step_that_arrives_late_does_not_move_the_walk_back():
    """Another app server wrote a later step first: the late one is kept, but it is not the walk's position."""
    steps_write([record("widget", seconds=5)])
    steps_write([record("start", seconds=0)])

    walk = Walk.objects.get(pk=WALK)
    assert walk.last_node.slug == "widget"
    assert ("shown", "start") in kinds()
    assert not walk.answered


@pytest.mark.django_db
def test_a_batch_costs_the_same_queries_for_many_walks(django_assert_max_num_queries):
    batch = [record(slug, walk=uuid.uuid4(), seconds=n) for n, slug in enumerate(["start", "widget", "wrong-src"] * 40)]
    with django_assert_max_num_queries(8):
        steps_write(batch)
    assert Walk.objects.count() == 120
    assert Event.objects.filter(kind="shown").count() == 120


@pytest.mark.django_db
def test_queued_steps_are_written_at_the_flush_not_in_the_request(client, settings, monkeypatch):
    settings.WALK_RECORD_DELAY = 60
    monkeypatch.setattr(recorder, "_start_thread", lambda: None)  # only this test flushes
    client.get(f"/guides/mini/?w={WALK.hex}")
    client.get(f"/guides/mini/widget/?w={WALK.hex}")
    assert not Walk.objects.filter(pk=WALK).exists()

    recorder.flush()

    assert [kind for kind, _ in kinds()] == ["shown", "answered", "shown"]


@pytest.mark.django_db(transaction=True)
def test_the_background_thread_writes_queued_steps(client, settings, monkeypatch):
    # Written when the second step queues, not on a timer: no write may overlap the second request's reads.
    settings.WALK_RECORD_DELAY = 600
    monkeypatch.setattr(step_records, "FLUSH_COUNT", 2)
    # A recorder of its own: its thread outlives the test and must not flush the queue of the tests that follow.
    monkeypatch.setattr(walks, "recorder", step_records.StepRecorder())
    written = _count_writes(monkeypatch)
    client.get(f"/guides/mini/?w={WALK.hex}")
    client.get(f"/guides/mini/widget/?w={WALK.hex}")

    assert written.wait_for(2)
    assert [kind for kind, _ in kinds()] == ["shown", "answered", "shown"]


class _Writes:
    """Steps the background thread has written. Tests wait on this, not on the database: on SQLite's shared
    in-memory test database a test reading while the thread writes makes the write fail ("table is locked")."""

    def __init__(self) -> None:
        self.count = 0
        self.changed = threading.Condition()

    def wait_for(self, steps: int, seconds: float = 10) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.count >= steps, seconds)


def _count_writes(monkeypatch) -> _Writes:
    writes = _Writes()
    write = step_records.steps_write

    def write_and_count(records):
        records = list(records)
        write(records)
        with writes.changed:
            writes.count += len(records)
            writes.changed.notify_all()

    monkeypatch.setattr(step_records, "steps_write", write_and_count)
    return writes


@pytest.mark.django_db(transaction=True)
def test_a_full_batch_is_written_without_waiting_for_the_tick(settings, monkeypatch):
    settings.WALK_RECORD_DELAY = 600
    own = step_records.StepRecorder()
    records = [record("start", walk=uuid.uuid4()) for _ in range(step_records.FLUSH_COUNT)]
    written = _count_writes(monkeypatch)
    for step in records:
        own.add(step)

    assert written.wait_for(step_records.FLUSH_COUNT)
    assert Walk.objects.count() == step_records.FLUSH_COUNT


@pytest.mark.django_db
def test_a_request_waits_while_the_queue_is_full(settings, monkeypatch):
    settings.WALK_RECORD_DELAY = 600
    monkeypatch.setattr(step_records, "QUEUE_WAIT", 60)
    own = step_records.StepRecorder()
    monkeypatch.setattr(own, "_start_thread", lambda: None)  # only the test takes the queue
    monkeypatch.setattr(step_records, "steps_write", lambda records: None)
    for _ in range(step_records.MAX_QUEUED):
        own.add(record("start", walk=uuid.uuid4()))
    one_more = threading.Thread(target=own.add, args=[record("start", walk=uuid.uuid4())])

    one_more.start()
    one_more.join(timeout=0.2)
    waited = one_more.is_alive()
    own.flush()
    one_more.join(timeout=10)

    assert (waited, one_more.is_alive(), len(own._pending)) == (True, False, 1)


def test_a_request_that_waited_too_long_writes_its_own_step_instead_of_growing_the_queue(settings, monkeypatch):
    settings.WALK_RECORD_DELAY = 600
    monkeypatch.setattr(step_records, "QUEUE_WAIT", 0.01)
    own = step_records.StepRecorder()
    monkeypatch.setattr(own, "_start_thread", lambda: None)  # a writer stuck on its batch: nobody takes the queue
    written: list[StepRecord] = []
    monkeypatch.setattr(step_records, "steps_write", written.extend)
    for _ in range(step_records.MAX_QUEUED):
        own.add(record("start", walk=uuid.uuid4()))
    late = record("start", walk=uuid.uuid4())

    own.add(late)

    assert (len(own._pending), written) == (step_records.MAX_QUEUED, [late])


@pytest.mark.django_db
def test_requests_do_not_wait_while_the_database_is_away(settings, monkeypatch):
    settings.WALK_RECORD_DELAY = 600
    monkeypatch.setattr(step_records, "QUEUE_WAIT", 60)
    own = step_records.StepRecorder()
    monkeypatch.setattr(own, "_start_thread", lambda: None)
    monkeypatch.setattr(own, "_waiting", True)
    for _ in range(step_records.MAX_QUEUED + 10):
        own.add(record("start", walk=uuid.uuid4()))
    assert len(own._pending) == step_records.MAX_QUEUED + 10


@pytest.mark.django_db
def test_feedback_right_after_a_step_finds_the_walk_still_queued(client, settings, monkeypatch):
    settings.WALK_RECORD_DELAY = 60
    monkeypatch.setattr(recorder, "_start_thread", lambda: None)
    page = client.get(f"/guides/mini/ad-blocker/?w={WALK.hex}").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)

    client.post(f"/guides/mini/ad-blocker/feedback/?w={WALK.hex}", {"token": token, "helpful": "yes"})

    assert Feedback.objects.get().walk_id == WALK
    assert Walk.objects.get(pk=WALK).outcome == Walk.Outcome.RESOLVED


@pytest.mark.django_db(transaction=True)
def test_steps_wait_while_the_database_is_away_and_are_written_when_it_returns(settings, monkeypatch, caplog):
    settings.WALK_RECORD_DELAY = 60
    monkeypatch.setattr(recorder, "_start_thread", lambda: None)
    monkeypatch.setattr(recorder, "_waiting", False)

    def away(records):
        raise OperationalError("connection refused")

    recorder.add(record("start"))
    with monkeypatch.context() as outage:
        outage.setattr(step_records, "steps_write", away)
        outage.setattr(step_records, "_database_reachable", lambda: False)
        recorder.flush()
        recorder.add(record("widget", seconds=1))  # a step shown during the outage, after the first
        recorder.flush()
    assert not Walk.objects.exists()

    recorder.flush()

    assert [kind for kind, _ in kinds()] == ["shown", "answered", "shown"]
    warnings = [entry for entry in caplog.records if "wait in memory" in entry.getMessage()]
    assert len(warnings) == 1  # once per outage
    assert not any(entry.exc_info for entry in caplog.records)


@pytest.mark.django_db(transaction=True)
def test_a_batch_the_database_refuses_is_logged_and_dropped(settings, monkeypatch, caplog):
    settings.WALK_RECORD_DELAY = 60
    monkeypatch.setattr(recorder, "_start_thread", lambda: None)

    def refused(records):
        raise DataError("value too long")

    recorder.add(record("start"))
    with monkeypatch.context() as broken:
        broken.setattr(step_records, "steps_write", refused)
        recorder.flush()
    recorder.flush()

    assert not Walk.objects.exists()
    assert [entry.getMessage() for entry in caplog.records if entry.exc_info] == ["could not record 1 walk step(s)"]


@pytest.mark.django_db(transaction=True)
def test_steps_still_queued_at_shutdown_are_counted_in_the_log(settings, monkeypatch, caplog):
    settings.WALK_RECORD_DELAY = 60
    monkeypatch.setattr(recorder, "_start_thread", lambda: None)
    monkeypatch.setattr(recorder, "_pending", [])
    monkeypatch.setattr(recorder, "_waiting", False)

    def away(records):
        raise OperationalError("connection refused")

    monkeypatch.setattr(step_records, "steps_write", away)
    monkeypatch.setattr(step_records, "_database_reachable", lambda: False)
    recorder.add(record("start"))
    recorder.add(record("widget", seconds=1))

    recorder.shutdown()

    assert "2 walk step(s) not written" in caplog.text


def test_the_thread_survives_settings_that_are_being_replaced():
    from django.conf import settings as live_settings

    # What the thread reads for an instant while another thread stores new settings: LazyObject's default, None.
    stored = live_settings._wrapped
    live_settings._wrapped = None
    try:
        delay = step_records._delay()
    finally:
        live_settings._wrapped = stored
    assert delay == 0.1


@pytest.mark.django_db
def test_a_normal_stop_waits_for_the_batch_the_thread_is_writing(monkeypatch, settings):
    settings.WALK_RECORD_DELAY = 600  # no timed batch: this test flushes by hand
    written: list[str] = []
    writing, release, stopped = threading.Event(), threading.Event(), threading.Event()

    def slow_write(records):
        if not writing.is_set():  # the first batch takes its time; any later one is written at once
            writing.set()
            assert release.wait(10)
        written.extend(item.node_slug for item in records)

    monkeypatch.setattr(step_records, "steps_write", slow_write)
    queue = step_records.StepRecorder()
    queue.add(record("start"))
    writer = threading.Thread(target=queue.flush)  # as the background thread would
    writer.start()
    assert writing.wait(10)
    queue.add(record("widget", seconds=1))
    stopper = threading.Thread(target=lambda: (queue.shutdown(), stopped.set()))
    stopper.start()

    assert not stopped.wait(0.3), "shutdown returned while a batch was still being written"
    release.set()
    writer.join(10)
    stopper.join(10)
    assert written == ["start", "widget"]
