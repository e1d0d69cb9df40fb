"""Links between guides (`<guide id>/<node id>` in `see:` and `related:`), typed codes and the lookup answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from wizard.content import read_guide_text, read_guides
from wizard.content.graph import LOOKUP

HEAD = "---\nid: {id}\ntitle: {id}\n{extra}---\n"
SECTION = """
## Thing breaks
<!-- id: {section} -->

### Symptom
It breaks.

### Common causes
- A cause.
  <!--
  id: {cause}
  {markup}
  -->
- Another guide knows.
  <!--
  id: {section}-elsewhere
  see: {see}
  -->

### Troubleshooting steps
#### Fix
<!-- cause: {cause} -->
1. Fix it.
"""


def guide_text(guide_id: str, *, see: str = "other/thing", markup: str = "", extra: str = "") -> str:
    section = SECTION.format(section=f"{guide_id}-thing", cause=f"{guide_id}-cause", see=see, markup=markup)
    return HEAD.format(id=guide_id, extra=extra) + section


def folder(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.md").write_text(text)
    return tmp_path


def errors_in(tmp_path: Path, **files: str) -> list[str]:
    _, errors = read_guides(folder(tmp_path, **files))
    return [str(error) for error in errors]


OTHER = HEAD.format(id="other", extra="") + SECTION.format(
    section="thing", cause="other-cause", see="thing-escalate", markup=""
)


def test_see_into_another_guide_is_a_link_choice():
    spec, errors = read_guide_text(guide_text("one"), "one.md")
    assert errors == []
    [link] = [choice for choice in spec.nodes["check-one-thing-elsewhere"].choices if choice.label == "Yes"]
    assert (link.target, link.is_link) == ("other/thing", True)


def test_see_naming_its_own_guide_is_a_local_link():
    spec, _ = read_guide_text(guide_text("one", see="one/one-cause"), "one.md")
    assert spec.nodes["check-one-thing-elsewhere"].choices[0].target == "one-cause"


def test_a_guide_read_alone_does_not_judge_links_into_others():
    _, errors = read_guide_text(guide_text("one", see="nowhere/at-all"), "one.md")
    assert errors == []


def test_links_between_guides_in_one_folder_are_valid(tmp_path):
    assert errors_in(tmp_path, one=guide_text("one"), other=OTHER) == []


def test_link_to_a_missing_guide_names_file_line_and_node(tmp_path):
    errors = errors_in(tmp_path, one=guide_text("one", see="ghost/thing"), other=OTHER)
    assert errors == [
        "one.md:18 [check-one-thing-elsewhere]: answer 'Yes' points at 'ghost/thing': there is no guide 'ghost'"
    ]


def test_link_to_a_missing_node_of_another_guide(tmp_path):
    errors = errors_in(tmp_path, one=guide_text("one", see="other/ghost"), other=OTHER)
    assert errors == [
        "one.md:18 [check-one-thing-elsewhere]: answer 'Yes' points at 'other/ghost': "
        "the guide 'other' has no node 'ghost'"
    ]


def test_a_published_guide_may_not_link_into_a_draft(tmp_path):
    draft = OTHER.replace("title: other\n", "title: other\ndraft: true\n")
    [error] = errors_in(tmp_path, one=guide_text("one"), other=draft)
    assert error.endswith("the guide 'other' is a draft, hidden from readers")


def test_a_draft_may_link_into_a_draft(tmp_path):
    draft = OTHER.replace("title: other\n", "title: other\ndraft: true\n")
    assert errors_in(tmp_path, one=guide_text("one", extra="draft: true\n"), other=draft) == []


def test_links_into_a_guide_with_errors_of_its_own_are_not_judged(tmp_path):
    broken = OTHER.replace("1. Fix it.", "")
    errors = errors_in(tmp_path, one=guide_text("one", see="other/ghost"), other=broken)
    assert [error.split(":")[0] for error in errors] == ["other.md"]


def test_related_names_local_and_other_guides_nodes(tmp_path):
    text = guide_text("one", markup="related: [one-thing-escalate, other/thing]")
    spec, _ = read_guide_text(text, "one.md")
    assert spec.nodes["one-cause"].related == ["one-thing-escalate", "other/thing"]


def test_related_to_a_missing_local_node(tmp_path):
    _, errors = read_guide_text(guide_text("one", markup="related: [ghost]"), "one.md")
    assert [str(error) for error in errors] == ["one.md:13 [one-cause]: 'related' names 'ghost', which does not exist"]


def test_related_to_a_missing_node_of_another_guide(tmp_path):
    errors = errors_in(tmp_path, one=guide_text("one", markup="related: [other/ghost]"), other=OTHER)
    assert errors == ["one.md:13 [one-cause]: 'related' points at 'other/ghost': the guide 'other' has no node 'ghost'"]


def test_related_must_be_a_list_of_ids():
    _, errors = read_guide_text(guide_text("one", markup="related: {a: b}"), "one.md")
    assert "'related' must be a list of node ids" in str(errors[0])


def test_a_see_cause_cannot_carry_related():
    text = guide_text("one").replace("see: other/thing", "see: other/thing\n  related: [one-cause]")
    _, errors = read_guide_text(text, "one.md")
    assert "has no resolution of its own to list 'related' links on" in str(errors[0])


def test_a_loop_through_two_guides_is_reported(tmp_path):
    back = guide_text("other", see="one/one-thing")
    errors = errors_in(tmp_path, one=guide_text("one", see="other/other-thing"), other=back)
    assert len(errors) == 1
    assert "answers lead in a loop across guides: " in errors[0]


def test_typed_code_keeps_meaning_and_type():
    markup = "codes:\n    BAD_THING: {type: ITEM_ERROR, meaning: It went bad.}\n    PLAIN: Just a meaning."
    spec, errors = read_guide_text(guide_text("one", markup=markup), "one.md")
    assert errors == []
    node = spec.nodes["one-cause"]
    assert (node.codes, node.code_types) == (
        {"BAD_THING": "It went bad.", "PLAIN": "Just a meaning."},
        {"BAD_THING": "ITEM_ERROR"},
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "{type: item error, meaning: x}",
            "code BAD_THING: error type 'item error' must be upper case, like ITEM_ERROR",
        ),
        ("{type: ITEM_ERROR, colour: red}", "code BAD_THING: unknown key(s) colour (known: meaning, type)"),
    ],
)
def test_typed_code_errors_name_the_code(value, message):
    _, errors = read_guide_text(guide_text("one", markup=f"codes:\n    BAD_THING: {value}"), "one.md")
    # The line of the cause's markup block, where the code is written.
    assert [str(error) for error in errors] == [f"one.md:14 [one-cause]: {message}"]


def test_lookup_is_the_first_answer_of_the_start_question():
    spec, _ = read_guide_text(guide_text("one", extra="lookup: I have an error code\n"), "one.md")
    first = spec.nodes["start"].choices[0]
    assert (first.label, first.target, spec.nodes[first.target].kind) == ("I have an error code", LOOKUP, LOOKUP)


def test_no_lookup_without_the_front_matter_key():
    spec, _ = read_guide_text(guide_text("one"), "one.md")
    assert LOOKUP not in spec.nodes


def test_the_fixture_guides_link_to_each_other():
    guides, errors = read_guides(FIXTURES / "content")
    assert errors == []
    assert {guide.id for guide in guides} == {"gadget", "mini"}
