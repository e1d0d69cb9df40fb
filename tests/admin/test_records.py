from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.db.models import Model

from wizard.models import Escalation, Event, Feedback, Guide, Walk

pytestmark = pytest.mark.django_db


def at(minute: int) -> datetime:
    return datetime(2026, 3, 2, 10, minute, tzinfo=UTC)


@pytest.fixture
def walk(guide: Guide) -> Walk:
    walk = Walk.objects.create(id=uuid.uuid4(), guide=guide, answered=True)
    # Added out of order: the walk's page sorts them by time.
    Event.objects.create(walk=walk, guide=guide, kind=Event.Kind.ANSWERED, node_slug="widget", created_at=at(2))
    Event.objects.create(walk=walk, guide=guide, kind=Event.Kind.SHOWN, node_slug="start", created_at=at(1))
    return walk


@pytest.fixture
def records(walk: Walk) -> dict[str, Model]:
    """One row of each kind the app records, by its admin URL name."""
    return {
        "walk": walk,
        "event": walk.events.first(),
        "feedback": Feedback.objects.create(walk=walk, guide=walk.guide, node_slug="wrong-src", helpful=False),
        "escalation": Escalation.objects.create(
            walk=walk,
            guide=walk.guide,
            node_slug="widget-escalate",
            contact_email="reader@example.com",
            what_happened="Still blank.",
            summary="Guide: Mini guide",
            idempotency_key=uuid.uuid4().hex,
        ),
    }


KINDS = ["walk", "event", "feedback", "escalation"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_page_is_view_only(staff, records, kind):
    response = staff.get(f"/admin/wizard/{kind}/{records[kind].pk}/change/")
    assert response.context["title"].startswith("View ")


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_page_has_no_save_button(staff, records, kind):
    response = staff.get(f"/admin/wizard/{kind}/{records[kind].pk}/change/")
    assert b'name="_save"' not in response.content


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_cannot_be_added(staff, records, kind):
    assert staff.get(f"/admin/wizard/{kind}/add/").status_code == 403


def test_a_record_cannot_be_changed(staff, records):
    feedback = records["feedback"]
    staff.post(f"/admin/wizard/feedback/{feedback.pk}/change/", {"helpful": "on", "node_slug": "x"})
    assert not Feedback.objects.get(pk=feedback.pk).helpful


def test_a_record_can_be_deleted(staff, records):
    # A comment with personal data, say: staff may remove what should not be kept.
    feedback = records["feedback"]
    staff.post(f"/admin/wizard/feedback/{feedback.pk}/delete/", {"post": "yes"})
    assert not Feedback.objects.filter(pk=feedback.pk).exists()


def test_the_fields_the_app_sets_itself_are_shown(staff, records):
    # created_at is auto_now_add and the walk flags are not editable: no form has them, the page still does.
    response = staff.get(f"/admin/wizard/walk/{records['walk'].pk}/change/")
    assert "Answered at least one question." in response.content.decode()


def test_a_walk_page_lists_its_events_in_order(staff, walk):
    response = staff.get(f"/admin/wizard/walk/{walk.pk}/change/")
    events = response.context["inline_admin_formsets"][0].formset.forms
    assert [form.instance.node_slug for form in events] == ["start", "widget"]


def test_a_walks_events_cannot_be_deleted_from_its_page(staff, walk):
    response = staff.get(f"/admin/wizard/walk/{walk.pk}/change/")
    assert b'name="events-0-DELETE"' not in response.content
