from __future__ import annotations

import uuid

import pytest
from django.db import DatabaseError

from tests.pages import walk_id
from wizard.models import Event, Node, Walk
from wizard.services.step_records import StepNode
from wizard.services.walks import walk_record_search, walk_record_step

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mini_guide")]

WALK = "12" * 16


def kinds(walk_id: str = WALK) -> list[tuple[str, str]]:
    return list(Event.objects.filter(walk_id=walk_id).order_by("pk").values_list("kind", "node_slug"))


def test_first_step_starts_an_anonymous_walk(client):
    response = client.get("/guides/mini/")
    walk = Walk.objects.get(pk=walk_id(response))
    assert (walk.source, walk.last_node.slug, walk.outcome) == ("direct", "start", "open")


def test_each_step_records_what_was_shown_and_answered(client):
    client.get(f"/guides/mini/?w={WALK}")
    client.get(f"/guides/mini/widget/?w={WALK}")
    client.get(f"/guides/mini/check-wrong-src/?w={WALK}")
    client.get(f"/guides/mini/wrong-src/?w={WALK}")
    assert kinds() == [
        ("shown", "start"),
        ("answered", "start"),
        ("shown", "widget"),
        ("answered", "widget"),
        ("shown", "check-wrong-src"),
        ("answered", "check-wrong-src"),
        ("shown", "wrong-src"),
        ("resolution", "wrong-src"),
    ]


def test_answer_event_keeps_the_label_chosen(client):
    client.get(f"/guides/mini/widget/?w={WALK}")
    client.get(f"/guides/mini/check-wrong-src/?w={WALK}")
    assert Event.objects.get(kind="answered").detail == {"answer": "No", "to": "check-wrong-src"}


def test_a_not_sure_answer_is_recorded_as_one(client):
    client.get(f"/guides/mini/widget/?w={WALK}")
    client.get(f"/guides/mini/check-wrong-src/?w={WALK}&unsure=widget")
    client.get(f"/guides/mini/widget-escalate/?w={WALK}&unsure=widget")
    answers = Event.objects.filter(kind__in=["answered", "unsure"]).order_by("pk")
    assert list(answers.values_list("kind", "node_slug", "detail")) == [
        ("answered", "widget", {"answer": "Not sure", "to": "check-wrong-src"}),
        ("unsure", "widget", {"answer": "Not sure", "to": "check-wrong-src"}),
        ("answered", "check-wrong-src", {"answer": "No", "to": "widget-escalate"}),
    ]


def test_a_made_up_not_sure_on_a_question_without_it_keeps_the_answer(client):
    client.get(f"/guides/mini/?w={WALK}")
    client.get(f"/guides/mini/widget/?w={WALK}&unsure=start")
    assert Event.objects.get(kind="answered").detail["answer"] == "The widget does not load"


def test_answer_along_a_link_is_recorded(client):
    client.get(f"/guides/mini/platform/?w={WALK}")
    client.get(f"/guides/mini/widget/?w={WALK}")
    assert Event.objects.get(kind="answered").detail["answer"] == "Neither, the widget never loads"


def test_escalation_reached_is_recorded(client):
    client.get(f"/guides/mini/widget-escalate/?w={WALK}")
    assert ("escalation", "widget-escalate") in kinds()


def test_source_comes_from_search(client):
    client.get(f"/guides/mini/widget/?w={WALK}&from=search")
    assert Walk.objects.get(pk=WALK).source == "search"


def test_source_names_an_external_referrer(client):
    client.get(f"/guides/mini/?w={WALK}&source=help-center", headers={"Referer": "https://help.example.com/article"})
    walk = Walk.objects.get(pk=WALK)
    assert (walk.source, walk.referrer_host, walk.source_name) == ("referrer", "help.example.com", "help-center")


@pytest.mark.parametrize(
    "referer", ["http://[", "http://[::1", "https://[x]/", "http://]/", "https://a b/", "http://\x00/"]
)
@pytest.mark.parametrize("page", ["/guides/mini/", "/embed/mini/"])
def test_a_malformed_referer_counts_as_absent(client, page, referer):
    response = client.get(f"{page}?w={WALK}", headers={"Referer": referer})
    assert (response.status_code, Walk.objects.get(pk=WALK).referrer_host) == (200, "")


def test_a_link_from_our_own_pages_is_no_referrer(client):
    client.get(f"/guides/mini/?w={WALK}", headers={"Referer": "http://testserver/guides/mini/widget/"})
    assert Walk.objects.get(pk=WALK).source == "direct"


def test_control_characters_are_left_out_of_the_source_name(client):
    client.get(f"/guides/mini/?w={WALK}&source=help%00%0acenter")
    assert Walk.objects.get(pk=WALK).source_name == "helpcenter"


def test_embed_walks_are_marked(client):
    client.get(f"/embed/mini/?w={WALK}")
    assert Walk.objects.get(pk=WALK).source == "embed"


def test_a_bad_walk_id_starts_a_new_walk(client):
    response = client.get("/guides/mini/?w=not-a-uuid")
    assert response.status_code == 200
    assert Walk.objects.filter(pk=walk_id(response)).exists()


def test_a_failed_write_does_not_break_the_step(client, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr("wizard.models.Event.objects.bulk_create", fail)
    response = client.get(f"/guides/mini/widget/?w={WALK}")
    assert response.status_code == 200
    assert not Walk.objects.filter(pk=WALK).exists()


def shown(slug: str) -> StepNode:
    return StepNode.of(Node.objects.select_related("guide").get(guide__slug="mini", slug=slug))


def test_a_step_records_the_embedding_site_and_its_name_as_given():
    walk_record_step(
        walk_id=uuid.UUID(WALK), node=shown("start"), embed=True, referrer_host="help.example.com", source_name="hc\x00"
    )
    walk = Walk.objects.get(pk=WALK)
    assert (walk.source, walk.referrer_host, walk.source_name) == ("embed", "help.example.com", "hc")


def test_a_step_from_a_search_result_keeps_no_referrer():
    walk_record_step(walk_id=uuid.UUID(WALK), node=shown("start"), from_search=True, referrer_host="www.google.com")
    assert Walk.objects.filter(pk=WALK).values_list("source", "referrer_host").get() == ("search", "")


def test_a_search_shorter_than_three_characters_is_not_recorded():
    assert walk_record_search(walk_id=uuid.UUID(WALK), query="it", results=0, top=[]) is False
    assert not Event.objects.filter(kind=Event.Kind.SEARCH).exists()
