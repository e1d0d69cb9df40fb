"""bench.generate_events: synthetic walks over the real answers of a guide, repeatable, with its times kept."""

from __future__ import annotations

import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.utils import timezone

from bench.generate_events import main
from bench.synthetic import events_generate
from wizard.models import Event, Feedback, Guide, Node, Walk

pytestmark = pytest.mark.django_db


def generate(**options) -> str:
    out = StringIO()
    main([f"--{name.replace('_', '-')}={value}" for name, value in options.items()], out=out)
    return out.getvalue()


def test_it_writes_at_least_the_events_asked_for(mini_guide):
    output = generate(events=300, batch_size=100)
    count = Event.objects.count()
    assert 300 <= count < 300 + 2 * 30  # whole walks: the last one may pass the target by one walk
    assert f"Generated {count:,} events in {Walk.objects.count():,} walks" in output


def test_walks_are_spread_over_the_past_days_with_their_own_times(mini_guide):
    generate(events=300, days=3)
    now = timezone.now()
    walks = Walk.objects.all()
    assert all(now - timedelta(days=3) <= walk.started_at <= now - timedelta(minutes=30) for walk in walks)
    assert len({walk.started_at.date() for walk in walks}) >= 2
    assert all(walk.last_seen_at >= walk.started_at for walk in walks)


def test_walks_follow_the_guide(mini_guide):
    generate(events=400)
    slugs = set(Node.objects.values_list("slug", flat=True))
    assert set(Event.objects.exclude(node_slug="").values_list("node_slug", flat=True)) <= slugs
    for event in Event.objects.filter(kind=Event.Kind.ANSWERED)[:50]:
        assert Node.objects.get(slug=event.detail["to"]).incoming.filter(node__slug=event.node_slug).exists()
    assert Event.objects.filter(kind=Event.Kind.RESOLUTION).exists()
    solved = Walk.objects.filter(outcome=Walk.Outcome.RESOLVED)
    assert solved.count() == Feedback.objects.filter(helpful=True).count()


def test_each_not_sure_answer_also_has_its_own_event(mini_guide):
    generate(events=1000)
    answered = Event.objects.filter(kind=Event.Kind.ANSWERED, detail__answer="Not sure")
    unsure = Event.objects.filter(kind=Event.Kind.UNSURE)
    assert unsure.exists()
    assert sorted(unsure.values_list("walk_id", "node_slug")) == sorted(answered.values_list("walk_id", "node_slug"))


def test_the_same_seed_gives_the_same_walks(mini_guide):
    guides = [Guide.objects.get(slug="mini")]
    now = timezone.now()
    events_generate(events=200, guides=guides, seed=7, now=now)
    first = sorted(Walk.objects.values_list("id", "started_at", "outcome"))
    Walk.objects.all().delete()
    events_generate(events=200, guides=guides, seed=7, now=now)
    assert sorted(Walk.objects.values_list("id", "started_at", "outcome")) == first


def test_auto_timestamps_work_again_afterwards(mini_guide, clock):
    generate(events=50)
    walk = Walk.objects.create(id=uuid.uuid4())
    assert walk.started_at == timezone.now()


def test_it_needs_a_loaded_guide(db):
    with pytest.raises(SystemExit, match="No guides loaded"):
        generate(events=10)


def test_an_unknown_guide_is_an_error(mini_guide):
    with pytest.raises(SystemExit, match="No guide 'nope'"):
        generate(events=10, guide="nope")


def test_counts_must_be_positive(mini_guide):
    with pytest.raises(SystemExit, match="at least 1"):
        generate(events=0)


def test_walks_stay_in_their_guide_where_an_answer_leads_into_another(two_guides):
    generate(events=600)
    gadget = Node.objects.filter(guide__slug="gadget")
    assert not Event.objects.filter(walk__guide__slug="gadget").exclude(node__in=gadget).exclude(node=None).exists()
