from __future__ import annotations

import smtplib
import uuid

import pytest
from django.core import mail
from django.db import IntegrityError

from wizard.models import Escalation, Event, Feedback, Node, Walk
from wizard.services.feedback import escalation_create, escalation_notify, feedback_create

pytestmark = pytest.mark.usefixtures("mini_guide")


@pytest.fixture
def resolution() -> Node:
    return Node.objects.select_related("guide").get(guide__slug="mini", slug="wrong-src")


@pytest.fixture
def escalation_node() -> Node:
    return Node.objects.select_related("guide").get(guide__slug="mini", slug="widget-escalate")


@pytest.fixture
def walk(resolution) -> Walk:
    return Walk.objects.create(id=uuid.uuid4(), guide=resolution.guide)


def escalate(node: Node, walk_id=None, key: str = "k" * 32, **fields) -> tuple[Escalation, bool]:
    return escalation_create(
        node=node,
        walk_id=walk_id,
        idempotency_key=key,
        contact_email=fields.pop("contact_email", "agent@example.com"),
        what_happened=fields.pop("what_happened", "Still blank."),
        summary=fields.pop("summary", "Guide: Mini guide"),
        **fields,
    )


def test_feedback_is_saved_with_node_and_comment(resolution, walk):
    feedback = feedback_create(node=resolution, walk_id=walk.id, helpful=False, comment="Still 404")
    saved = Feedback.objects.get()
    assert (saved.pk, saved.node_slug, saved.guide_id, saved.walk_id) == (
        feedback.pk,
        "wrong-src",
        resolution.guide_id,
        walk.id,
    )
    assert (saved.helpful, saved.comment) == (False, "Still 404")


def test_yes_resolves_the_walk(resolution, walk):
    feedback_create(node=resolution, walk_id=walk.id, helpful=True)
    walk.refresh_from_db()
    assert walk.outcome == Walk.Outcome.RESOLVED


def test_no_leaves_the_walk_open(resolution, walk):
    feedback_create(node=resolution, walk_id=walk.id, helpful=False)
    walk.refresh_from_db()
    assert walk.outcome == Walk.Outcome.OPEN


def test_feedback_records_an_event(resolution, walk):
    feedback_create(node=resolution, walk_id=walk.id, helpful=True)
    event = Event.objects.get(kind=Event.Kind.FEEDBACK)
    assert (event.walk_id, event.node_slug, event.detail["helpful"]) == (walk.id, "wrong-src", True)


def test_feedback_with_an_unknown_walk_is_kept_without_one(resolution):
    feedback_create(node=resolution, walk_id=uuid.uuid4(), helpful=True)
    assert Feedback.objects.get().walk_id is None


def current() -> list[tuple[bool, str]]:
    return list(Feedback.objects.filter(current=True).values_list("helpful", "comment"))


def test_the_same_form_and_answer_sent_twice_is_one_answer(resolution):
    first = feedback_create(node=resolution, walk_id=None, helpful=False, comment="Still 404", key="a" * 32)
    again = feedback_create(node=resolution, walk_id=None, helpful=False, key="a" * 32)
    assert first.pk == again.pk == Feedback.objects.get().pk
    # An empty comment on the resend keeps the first one.
    assert current() == [(False, "Still 404")]


def test_a_changed_answer_on_the_same_form_becomes_current_and_keeps_the_first(resolution):
    feedback_create(node=resolution, walk_id=None, helpful=False, comment="Still 404", key="a" * 32)
    feedback_create(node=resolution, walk_id=None, helpful=True, key="a" * 32)
    assert current() == [(True, "")]
    assert list(Feedback.objects.filter(current=False).values_list("helpful", "comment")) == [(False, "Still 404")]


def test_a_walk_answering_the_same_resolution_again_keeps_both_answers_and_the_last_is_current(resolution, walk):
    feedback_create(node=resolution, walk_id=walk.id, helpful=True, comment="Fixed it", key="a" * 32)
    feedback_create(node=resolution, walk_id=walk.id, helpful=False, comment="It came back", key="b" * 32)
    assert current() == [(False, "It came back")]
    assert sorted(Feedback.objects.values_list("comment", flat=True)) == ["Fixed it", "It came back"]
    # Both answers stay in the walk's history.
    assert Event.objects.filter(kind=Event.Kind.FEEDBACK, walk=walk).count() == 2


def test_anyone_with_the_walk_link_cannot_erase_its_comment(resolution, walk):
    feedback_create(node=resolution, walk_id=walk.id, helpful=False, comment="Step 3 fails with 403", key="a" * 32)
    feedback_create(node=resolution, walk_id=walk.id, helpful=True, comment="spam", key="b" * 32)
    assert Feedback.objects.filter(comment="Step 3 fails with 403").exists()


def test_different_walks_and_different_forms_each_count(resolution, walk):
    other = Walk.objects.create(id=uuid.uuid4(), guide=resolution.guide)
    feedback_create(node=resolution, walk_id=walk.id, helpful=True, key="a" * 32)
    feedback_create(node=resolution, walk_id=other.id, helpful=True, key="b" * 32)
    feedback_create(node=resolution, walk_id=None, helpful=False, key="c" * 32)
    feedback_create(node=resolution, walk_id=None, helpful=False, key="d" * 32)
    assert Feedback.objects.filter(current=True).count() == 4


def test_solved_taken_back_reopens_the_walk(resolution, walk):
    feedback_create(node=resolution, walk_id=walk.id, helpful=True, key="a" * 32)
    feedback_create(node=resolution, walk_id=walk.id, helpful=False, key="a" * 32)
    walk.refresh_from_db()
    assert walk.outcome == Walk.Outcome.OPEN


def test_solved_taken_back_leaves_a_later_escalation_alone(resolution, escalation_node, walk):
    feedback_create(node=resolution, walk_id=walk.id, helpful=True, key="a" * 32)
    escalate(escalation_node, walk.id)
    feedback_create(node=resolution, walk_id=walk.id, helpful=False, key="a" * 32)
    walk.refresh_from_db()
    assert walk.outcome == Walk.Outcome.ESCALATED


def test_solved_taken_back_leaves_a_walk_another_resolution_solved(resolution, walk):
    other = Node.objects.get(guide__slug="mini", slug="ad-blocker")
    feedback_create(node=other, walk_id=walk.id, helpful=True, key="a" * 32)
    feedback_create(node=resolution, walk_id=walk.id, helpful=True, key="b" * 32)
    feedback_create(node=resolution, walk_id=walk.id, helpful=False, key="b" * 32)
    walk.refresh_from_db()
    assert walk.outcome == Walk.Outcome.RESOLVED


def test_a_resend_racing_the_first_send_finds_its_row(resolution, monkeypatch):
    """One current answer per form refuses the second insert: the retry finds the first row."""
    from wizard.services import feedback as service

    feedback_create(node=resolution, walk_id=None, helpful=False, key="a" * 32)
    real = service._feedback_save
    calls = []

    def lose_the_race(*args):
        calls.append(args)
        if len(calls) == 1:
            raise IntegrityError("UNIQUE constraint failed: wizard_feedback.key")
        return real(*args)

    monkeypatch.setattr(service, "_feedback_save", lose_the_race)
    feedback_create(node=resolution, walk_id=None, helpful=True, key="a" * 32)
    assert len(calls) == 2
    assert current() == [(True, "")]


@pytest.mark.django_db(transaction=True)
def test_one_form_cannot_have_two_current_answers(resolution):
    Feedback.objects.create(node=resolution, node_slug=resolution.slug, helpful=True, key="a" * 32)
    with pytest.raises(IntegrityError):
        Feedback.objects.create(node=resolution, node_slug=resolution.slug, helpful=False, key="a" * 32)


def test_escalation_is_saved_and_escalates_the_walk(escalation_node, walk):
    escalation, created = escalate(escalation_node, walk.id, request_id="req-1")
    assert created
    assert Escalation.objects.get().request_id == "req-1"
    walk.refresh_from_db()
    assert walk.outcome == Walk.Outcome.ESCALATED
    assert Event.objects.get(kind=Event.Kind.ESCALATED).detail == {"escalation": escalation.pk}


def test_same_key_twice_creates_one_escalation(escalation_node):
    first, created_first = escalate(escalation_node)
    second, created_second = escalate(escalation_node, what_happened="A second click")
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Escalation.objects.count() == 1


def test_different_keys_create_two_escalations(escalation_node):
    escalate(escalation_node, key="a" * 32)
    escalate(escalation_node, key="b" * 32)
    assert Escalation.objects.count() == 2


def test_notify_emails_support_with_the_summary(escalation_node, settings):
    settings.ESCALATION_EMAIL_TO = ["support@example.com"]
    escalation, _ = escalate(escalation_node, summary="Guide: Mini guide\nLink: http://x/")
    escalation_notify(escalation=escalation)
    [message] = mail.outbox
    assert message.to == ["support@example.com"]
    assert message.reply_to == ["agent@example.com"]
    assert f"#{escalation.pk}" in message.subject
    assert "Link: http://x/" in message.body
    escalation.refresh_from_db()
    assert (escalation.notified, escalation.notify_error) == (True, "")


def test_notify_without_recipients_sends_nothing_and_keeps_the_record(escalation_node, settings):
    settings.ESCALATION_EMAIL_TO = []
    escalation, _ = escalate(escalation_node)
    escalation_notify(escalation=escalation)
    assert mail.outbox == []
    escalation.refresh_from_db()
    assert escalation.notified is False


def test_failed_email_keeps_the_record_and_the_error(escalation_node, settings, monkeypatch, caplog):
    settings.ESCALATION_EMAIL_TO = ["support@example.com"]

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPConnectError(421, "mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    escalation, _ = escalate(escalation_node)
    escalation_notify(escalation=escalation)
    saved = Escalation.objects.get()
    assert saved.notified is False
    assert "mail server down" in saved.notify_error
    assert "could not send the notification" in caplog.text
