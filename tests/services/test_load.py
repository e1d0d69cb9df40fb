from __future__ import annotations

import pytest

from tests.conftest import MINI
from tests.factories import generated_guide, section
from wizard.content import read_guide, read_guide_text
from wizard.models import Alias, Choice, Guide, Node, NodeRedirect, Step
from wizard.services.load import guides_load

pytestmark = pytest.mark.django_db


def mini(text: str | None = None):
    guide, errors = read_guide_text(text, "mini.md") if text is not None else read_guide(MINI)
    assert errors == []
    return guide


def snapshot() -> dict[str, list[tuple]]:
    return {
        "guides": list(Guide.objects.order_by("pk").values_list()),
        "nodes": list(Node.objects.order_by("pk").values_list()),
        "choices": list(Choice.objects.order_by("pk").values_list()),
        "steps": list(Step.objects.order_by("pk").values_list()),
        "aliases": list(Alias.objects.order_by("pk").values_list()),
    }


def test_first_load_creates_every_node():
    report = guides_load(guides=[mini()])
    assert report.changed
    assert Node.objects.filter(guide__slug="mini").count() == len(mini().nodes)


def test_second_load_changes_nothing_and_says_so():
    guides_load(guides=[mini()])
    before = snapshot()
    report = guides_load(guides=[mini()])
    assert (report.changed, str(report)) == (False, "nothing changed")
    assert snapshot() == before


def test_node_ids_survive_a_reimport_with_edits():
    guides_load(guides=[mini()])
    pk = Node.objects.get(slug="wrong-src").pk
    guides_load(guides=[mini(MINI.read_text().replace("Fix the `src` attribute.", "Correct the `src` attribute."))])
    node = Node.objects.get(slug="wrong-src")
    assert node.pk == pk
    assert node.steps.first().text.startswith("Correct the `src` attribute.")


def test_edit_rewrites_only_what_changed():
    guides_load(guides=[mini()])
    report = guides_load(guides=[mini(MINI.read_text().replace("Fix the `src` attribute.", "Correct it."))])
    assert dict(report.counts) == {"nodes with new steps": 1}


def test_removed_nodes_are_deleted():
    guides_load(guides=[mini()])
    text = MINI.read_text().split("## The platform matters")[0]
    guides_load(guides=[mini(text)])
    assert not Node.objects.filter(slug__in=["platform", "ios-links", "android-package"]).exists()


def test_rendered_html_is_stored_at_import():
    guides_load(guides=[mini()])
    assert Node.objects.get(slug="wrong-src").title_html == "The script tag points at the wrong <code>src</code>."


def test_trail_is_stored_with_each_node():
    guides_load(guides=[mini()])
    trail = Node.objects.get(slug="wrong-src").trail
    assert [(step["node"], step["answer"]) for step in trail] == [
        ("start", "The widget does not load"),
        ("widget", "No"),
        ("check-wrong-src", "Yes"),
    ]


def test_parent_is_the_node_that_asks_for_it():
    guides_load(guides=[mini()])
    assert Node.objects.get(slug="wrong-src").parent.slug == "check-wrong-src"


def test_guides_missing_from_content_are_pruned():
    guides_load(guides=[mini()])
    other = mini(MINI.read_text().replace("id: mini", "id: other"))
    guides_load(guides=[other])
    assert list(Guide.objects.values_list("slug", flat=True)) == ["other"]


def test_failed_import_leaves_the_database_as_it_was(monkeypatch):
    guides_load(guides=[mini()])
    before = snapshot()
    edited = mini(MINI.read_text().replace("Fix the `src` attribute.", "Changed."))

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # Fail late, after nodes were already written in the same transaction.
    monkeypatch.setattr("wizard.services.load._sync_children", fail)
    with pytest.raises(RuntimeError):
        guides_load(guides=[edited])
    assert snapshot() == before


def test_markup_in_content_is_sanitized():
    text = MINI.read_text().replace(
        "1. Ask the user to allow the site in their blocker.",
        "1. <script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    guides_load(guides=[mini(text)])
    html = Node.objects.get(slug="ad-blocker").steps.first().html
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "<img" not in html


# A guide bigger than the loader's batches, edited the ways that touch most of its rows at once.
BIG = generated_guide(1400)


def big(text: str = BIG):
    guide, errors = read_guide_text(text, "big.md")
    assert errors == []
    return guide


def stored_tree() -> dict[str, tuple]:
    return {
        slug: (parent, position, [step["node"] for step in trail], [step["question"] for step in trail])
        for slug, parent, position, trail in Node.objects.values_list("slug", "parent__slug", "position", "trail")
    }


def wanted_tree(spec) -> dict[str, tuple]:
    return {
        node.id: (node.parent, position, [node_id for node_id, _, _ in node.trail], [q for _, q, _ in node.trail])
        for position, node in enumerate(spec.nodes.values())
    }


def test_a_big_guide_is_stored_whole_and_a_second_load_writes_nothing():
    spec = big()
    guides_load(guides=[spec])
    assert stored_tree() == wanted_tree(spec)
    assert Choice.objects.count() == sum(len(node.choices) for node in spec.nodes.values())
    assert list(Step.objects.filter(node__slug="s150-c2").values_list("position", "text")) == [
        (1, "Do the first thing."),
        (2, "Check it."),
    ]
    before = snapshot()
    assert not guides_load(guides=[big()]).changed
    assert snapshot() == before


def test_an_edit_above_every_node_updates_every_node_and_keeps_their_ids():
    guides_load(guides=[big()])
    ids = dict(Node.objects.values_list("slug", "pk"))
    # A new first section moves every position; a new first question changes every trail.
    edited = BIG.replace("## Symptom number 0\n", section(9999) + "## Symptom number 0\n", 1).replace(
        "title: Generated guide\n", "title: Generated guide\nquestion: What breaks?\n"
    )
    report = guides_load(guides=[big(edited)])
    assert report.counts["nodes updated"] == len(ids)
    assert stored_tree() == wanted_tree(big(edited))
    assert {slug: pk for slug, pk in Node.objects.values_list("slug", "pk") if slug in ids} == ids
    before = snapshot()
    assert not guides_load(guides=[big(edited)]).changed
    assert snapshot() == before


def test_removing_many_nodes_leaves_a_redirect_for_each_and_bringing_them_back_drops_them():
    guides_load(guides=[big()])
    sections = BIG.split("\n## Symptom")
    removed = big("\n## Symptom".join(sections[:50] + sections[150:]))
    gone = set(big().nodes) - set(removed.nodes)
    report = guides_load(guides=[removed])
    assert (report.counts["nodes deleted"], report.counts["redirects recorded"]) == (len(gone), len(gone))
    redirects = dict(NodeRedirect.objects.values_list("old_slug", "target__slug"))
    assert set(redirects) == gone
    assert set(redirects.values()) == {"start"}  # each removed node's surviving ancestor is the first question
    assert stored_tree() == wanted_tree(removed)
    guides_load(guides=[big()])
    assert not NodeRedirect.objects.exists()
    assert stored_tree() == wanted_tree(big())


def test_reordered_causes_move_their_nodes_under_their_new_parents():
    guides_load(guides=[big()])
    first, second = (f"- Cause {cause} of symptom 5.\n  <!-- id: s5-c{cause} -->\n" for cause in (0, 1))
    spec = big(BIG.replace(first + second, second + first))
    guides_load(guides=[spec])
    assert (spec.nodes["s5-c0"].parent, spec.nodes["s5-c1"].parent) == ("check-s5-c0", "s5")
    assert stored_tree() == wanted_tree(spec)


def test_an_unchanged_import_keeps_the_content_version():
    guides_load(guides=[mini()])
    version = Guide.objects.get(slug="mini").content_version
    guides_load(guides=[mini()], prune=False)
    assert Guide.objects.get(slug="mini").content_version == version


def test_an_import_that_changes_the_guide_moves_its_content_version():
    guides_load(guides=[mini()])
    version = Guide.objects.get(slug="mini").content_version
    guides_load(guides=[mini(MINI.read_text().replace("Reload and confirm", "Refresh and confirm"))], prune=False)
    assert Guide.objects.get(slug="mini").content_version == version + 1
