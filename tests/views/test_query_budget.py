"""Queries per step stay the same whatever the size of the guide."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import HttpResponse
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


def shows_step(response: HttpResponse, node: str) -> bool:
    """The step's own wizard panel, not an error page that happened to cost few queries."""
    return response.status_code == 200 and 'id="wizard"' in response.text and f'data-node="{node}"' in response.text


def queries_for(client, guide: str, node: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/guides/{guide}/{node}/")
    assert shows_step(response, node)
    return len(queries)


@pytest.mark.usefixtures("big_guides")
@pytest.mark.parametrize("node", ["s700", "check-s700-c2", "s700-c2", "s700-escalate"])
def test_a_step_on_a_5000_node_guide_stays_within_budget(client, django_assert_max_num_queries, node):
    assert Node.objects.filter(guide__slug="big").count() >= 4990
    with django_assert_max_num_queries(STEP_QUERIES):
        response = client.get(f"/guides/big/{node}/")
    assert shows_step(response, node)


@pytest.mark.usefixtures("big_guides")
def test_queries_do_not_grow_with_the_guide(client):
    assert queries_for(client, "small", "check-s5-c2") == queries_for(client, "big", "check-s700-c2")


@pytest.mark.usefixtures("big_guides")
def test_a_continued_walk_stays_within_budget(client, django_assert_max_num_queries):
    walk = "0" * 31 + "1"
    assert shows_step(client.get(f"/guides/big/check-s700-c1/?w={walk}"), "check-s700-c1")
    with django_assert_max_num_queries(STEP_QUERIES):
        response = client.get(f"/guides/big/check-s700-c2/?w={walk}")
    assert shows_step(response, "check-s700-c2")


@pytest.mark.usefixtures("big_guides")
def test_htmx_partial_uses_the_same_budget(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(STEP_QUERIES):
        response = client.get("/guides/big/s700-c1/", headers={"HX-Request": "true"})
    assert shows_step(response, "s700-c1")
    assert "<html" not in response.text  # the partial, not the whole page
