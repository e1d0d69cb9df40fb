"""Queries per step stay the same whatever the size of the guide."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import generated_guide
from wizard.content import read_guide_text
from wizard.models import Guide, Node
from wizard.services.load import guides_load

pytestmark = pytest.mark.django_db

# Reading, on a cache miss: the guide's content version, then node + guide, answers + targets,
# steps, error codes (5; a cache hit needs only the first). Recording the walk step: savepoint,
# walk, the answer taken, events, release (at most 6).
STEP_QUERIES = 11


def load(nodes: int, slug: str) -> None:
    guide, errors = read_guide_text(generated_guide(nodes, slug), f"{slug}.md")
    assert errors == []
    guides_load(guides=[guide], prune=False)


@pytest.fixture(scope="module")
def big_guides(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load(70, "small")
        load(5000, "big")
    yield
    with django_db_blocker.unblock():
        Guide.objects.filter(slug__in=["small", "big"]).delete()


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("big_guides")
@pytest.mark.parametrize("node", ["s700", "check-s700-c2", "s700-c2", "s700-escalate"])
def test_a_step_on_a_5000_node_guide_stays_within_budget(client, django_assert_max_num_queries, node):
    assert Node.objects.filter(guide__slug="big").count() >= 4990
    with django_assert_max_num_queries(STEP_QUERIES):
        client.get(f"/guides/big/{node}/")


@pytest.mark.usefixtures("big_guides")
def test_queries_do_not_grow_with_the_guide(client):
    assert queries_for(client, "/guides/small/check-s5-c2/") == queries_for(client, "/guides/big/check-s700-c2/")


@pytest.mark.usefixtures("big_guides")
def test_a_continued_walk_stays_within_budget(client, django_assert_max_num_queries):
    walk = "0" * 31 + "1"
    client.get(f"/guides/big/check-s700-c1/?w={walk}")
    with django_assert_max_num_queries(STEP_QUERIES):
        client.get(f"/guides/big/check-s700-c2/?w={walk}")


@pytest.mark.usefixtures("big_guides")
def test_htmx_partial_uses_the_same_budget(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(STEP_QUERIES):
        client.get("/guides/big/s700-c1/", headers={"HX-Request": "true"})
