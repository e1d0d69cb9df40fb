"""The search function: ranking, typos, odd input, drafts, and the content-version cache (reading the query
itself: test_query.py)."""

from __future__ import annotations

import pytest

from tests.conftest import MINI
from wizard.content import read_guide_text
from wizard.models import Alias, Node
from wizard.search import content_fingerprint, search
from wizard.search import index as search_index
from wizard.services.load import guides_load

pytestmark = pytest.mark.usefixtures("mini_guide")


def slugs(query: str, **kwargs) -> list[str]:
    return [result.node_slug for result in search(query, **kwargs)]


@pytest.mark.parametrize("query", ["WIDGET_BLOCKED", "widget_blocked", '"WIDGET_BLOCKED"', "error: WIDGET_BLOCKED!"])
def test_an_exact_code_ranks_its_node_first(query):
    assert slugs(query)[0] == "ad-blocker"


def test_a_code_in_a_pasted_json_error_ranks_first():
    pasted = '{"error_type": "WIDGET_ERROR", "error_code": "WIDGET_BLOCKED", "error_message": "the widget is blocked"}'
    assert slugs(pasted)[0] == "ad-blocker"


def test_a_code_result_carries_the_code_and_its_meaning():
    result = search("WIDGET_BLOCKED")[0]
    assert (result.code, result.code_meaning) == ("WIDGET_BLOCKED", "The script was blocked by the browser.")


def test_a_code_with_a_typo_still_ranks_first():
    assert slugs("WIDGET_BLOCKD")[0] == "ad-blocker"


def test_a_phrase_finds_its_node():
    assert slugs("widget blank")[0] == "widget"


@pytest.mark.parametrize("query", ["WIDGET BLANK", "widgit blnak", "Widget  Blank"])
def test_case_and_typos_are_tolerated(query):
    assert "widget" in slugs(query)[:3]


def test_a_description_finds_the_resolution():
    assert "android-package" in slugs("android package name")[:3]


def test_results_say_where_they_sit():
    result = next(r for r in search("android package name") if r.node_slug == "android-package")
    assert result.trail == ("The platform matters", "Android")
    assert (result.kind, result.guide_slug, result.url) == ("resolution", "mini", "/guides/mini/android-package/")


def test_nothing_matches_gibberish():
    assert search("qqzzxx vvbbnn") == []


def test_a_rambling_query_with_one_telling_word_is_not_empty():
    assert "ad-blocker" in slugs("our customer mentioned something odd about browser extensions yesterday afternoon")


def test_words_in_other_forms_find_their_node():
    assert slugs("widgets loading")[0] == "widget"


def test_a_query_in_other_words_finds_its_node():
    assert "widget" in slugs("the widget doesn't show up")[:3]


@pytest.mark.parametrize("query", ["", "   ", "\x00", "'; DROP TABLE wizard_node; --", "%", "🙂" * 300, "a" * 5000])
def test_odd_queries_do_not_fail(query):
    assert isinstance(search(query), list)


def test_limit_caps_the_results():
    assert len(search("widget", limit=1)) == 1


def test_guide_filter_keeps_other_guides_out():
    assert search("widget", guide="elsewhere") == []


def test_escalation_pages_are_not_results():
    assert all(result.kind != Node.Kind.ESCALATION for result in search("widget blank platform android ios"))


def draft_copy() -> None:
    text = MINI.read_text().replace("id: mini", "id: mini-draft\ndraft: true", 1)
    text = text.replace("WIDGET_BLOCKED", "DRAFT_ONLY")
    guide, errors = read_guide_text(text, "mini-draft.md")
    assert errors == []
    guides_load(guides=[guide], prune=False)


def test_draft_guides_are_not_searched():
    draft_copy()
    assert search("DRAFT_ONLY") == []
    assert {result.guide_slug for result in search("widget blank")} == {"mini"}


def test_the_index_follows_content_changes():
    before = content_fingerprint()
    assert search("SPARKLE_FAILURE") == []
    Alias.objects.create(node=Node.objects.get(slug="wrong-src"), kind=Alias.Kind.CODE, value="SPARKLE_FAILURE")
    assert content_fingerprint() != before
    assert slugs("SPARKLE_FAILURE")[0] == "wrong-src"


def test_the_fingerprint_costs_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        content_fingerprint()


def test_the_index_follows_text_edited_in_place_by_an_import():
    assert search("zeppelin") == []
    text = MINI.read_text().replace("An ad blocker stops the script", "A zeppelin blocker stops the script")
    guide, errors = read_guide_text(text, "mini.md")
    assert errors == []
    guides_load(guides=[guide], prune=False)
    assert slugs("zeppelin")[0] == "ad-blocker"


def test_the_index_is_built_once_per_content_fingerprint(monkeypatch):
    search("widget")  # whatever an earlier test left cached, this fingerprint's index now exists
    builds = []
    real_build = search_index.Index.build
    monkeypatch.setattr(search_index.Index, "build", lambda entries: builds.append(1) or real_build(entries))
    for query in ["widget blank", "WIDGET_BLOCKED", "android package"]:
        search(query)
    assert builds == []


def test_a_warm_search_costs_one_query(django_assert_num_queries):
    search("widget")
    with django_assert_num_queries(1):
        search("android package name")


def test_a_query_of_common_words_only_still_matches_a_phrase_exactly():
    # Every word is a stopword, so only the whole-phrase comparison can find it.
    Alias.objects.create(node=Node.objects.get(slug="wrong-src"), kind=Alias.Kind.PHRASE, value="what is it")
    assert slugs("what is it")[0] == "wrong-src"


def test_a_phrase_pasted_inside_a_longer_message_is_found():
    assert slugs("Error: widget blank on the checkout page of our shop")[:1] == ["widget"]
