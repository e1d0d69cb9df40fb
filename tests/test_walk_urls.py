"""A walk's URLs: each step's address and the parameters that carry the walk from step to step."""

from __future__ import annotations

import uuid

from wizard.walk_urls import (
    MAX_UNSURE,
    WalkRef,
    form_action,
    is_new_step,
    node_url,
    unsure_from_query,
    unsure_params,
    walk_ref,
    walk_url,
)

WALK = WalkRef(uuid.UUID(hex="ab" * 16), is_new=False)


def test_a_guides_first_question_is_the_guides_own_url():
    assert node_url("mini", "start") == "/guides/mini/"


def test_any_other_node_has_its_own_url():
    assert node_url("mini", "widget") == "/guides/mini/widget/"


def test_an_embed_node_url_stays_in_embed_mode():
    assert node_url("mini", "widget", embed=True) == "/embed/mini/widget/"


def test_a_walk_url_carries_the_walk_and_keeps_commas_readable():
    url = walk_url("mini", "widget", WALK, embed=False, params={"unsure": "a,b"})
    assert url == f"/guides/mini/widget/?w={'ab' * 16}&unsure=a,b"


def test_a_form_posts_to_its_nodes_form_url_with_the_walk():
    url = form_action("mini", "wrong-src", "feedback", WALK, embed=True, params={"theme": "dark"})
    assert url == f"/embed/mini/wrong-src/feedback/?w={'ab' * 16}&theme=dark"


def test_the_walk_in_the_query_is_kept():
    assert walk_ref({"w": "ab" * 16}) == WALK


def test_a_missing_or_made_up_walk_id_starts_a_new_walk():
    assert walk_ref({"w": "not-a-walk"}).is_new


def test_unsure_keeps_node_ids_in_order_without_repeats():
    assert unsure_from_query({"unsure": "widget,platform,widget"}) == ["widget", "platform"]


def test_unsure_leaves_out_what_is_not_a_node_id():
    assert unsure_from_query({"unsure": "widget,<script>,Upper,-dash"}) == ["widget"]


def test_unsure_is_capped():
    slugs = ",".join(f"n{number}" for number in range(MAX_UNSURE + 10))
    assert len(unsure_from_query({"unsure": slugs})) == MAX_UNSURE


def test_no_unsure_answers_add_no_parameter():
    assert unsure_params([]) == {}


def test_a_forms_result_page_is_not_a_new_step():
    assert not is_new_step("GET", {"feedback": "yes"})


def test_a_plain_get_is_a_new_step():
    assert is_new_step("GET", {"w": "ab" * 16})


def test_a_post_is_not_a_new_step():
    assert not is_new_step("POST", {})
