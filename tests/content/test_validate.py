"""Each validation error names the file, the line and the node."""

from __future__ import annotations

import pytest

from wizard.content import read_guide_text
from wizard.content.graph import QUESTION, RESOLUTION, START, ChoiceSpec, GuideSpec, NodeSpec
from wizard.content.validate import validate_guide

HEAD = "---\nid: bad\ntitle: Bad\n---\n"
SECTION = """
## Thing breaks
<!-- id: thing -->

### Symptom
It breaks.

### Common causes
- A cause.
  <!-- id: cause-a -->

### Troubleshooting steps
1. Fix it.
"""


def errors_of(text: str) -> list[tuple[int, str | None, str]]:
    _, errors = read_guide_text(text, "bad.md")
    assert all(error.file == "bad.md" for error in errors)
    return [(error.line, error.node, error.message) for error in errors]


def test_valid_guide_has_no_errors():
    assert errors_of(HEAD + SECTION) == []


def test_empty_file():
    assert errors_of("  \n") == [(1, None, "the file is empty")]


def test_unknown_markup_key():
    [(line, node, message)] = errors_of(
        HEAD + SECTION.replace("<!-- id: cause-a -->", "<!-- id: cause-a\n  colour: red -->")
    )
    assert (line, node) == (14, "thing")
    assert message.startswith("unknown markup key 'colour' in a cause")


def test_unknown_front_matter_key():
    [(line, _, message)] = errors_of("---\nid: bad\ntitle: Bad\nauthor: me\n---\n" + SECTION)
    assert line == 2
    assert "unknown markup key 'author' in front matter" in message


def test_yaml_that_does_not_parse_points_at_its_line():
    [(line, node, message)] = errors_of(
        HEAD + SECTION.replace("<!-- id: thing -->", "<!--\nid: thing\nask: [unclosed\n-->")
    )
    assert node == "Thing breaks"
    assert line >= 7
    assert "not valid YAML" in message


def test_duplicate_ids():
    text = HEAD + SECTION + SECTION.replace("<!-- id: thing -->", "<!-- id: other -->")
    errors = errors_of(text)
    assert (26, "cause-a", "duplicate node id 'cause-a' (first used at line 13)") in errors


def test_link_to_missing_node():
    text = HEAD + SECTION.replace("<!-- id: cause-a -->", "<!--\n  id: cause-a\n  see: nowhere\n  -->").replace(
        "### Troubleshooting steps\n1. Fix it.\n", ""
    )
    assert (6, "thing", "answer 'Yes' points at 'nowhere', which does not exist") in errors_of(text)


def test_resolution_without_steps():
    text = HEAD + SECTION.replace("### Troubleshooting steps\n1. Fix it.\n", "")
    assert errors_of(text) == [(13, "cause-a", "this resolution has no troubleshooting steps")]


def test_draft_guide_may_lack_steps():
    text = HEAD.replace("title: Bad", "title: Bad\ndraft: true") + SECTION.replace(
        "### Troubleshooting steps\n1. Fix it.\n", ""
    )
    guide, errors = read_guide_text(text, "bad.md")
    assert errors == []
    assert [node.id for node in guide.missing_steps()] == ["cause-a"]


def test_section_without_causes():
    text = HEAD + "\n## Thing breaks\n<!-- id: thing -->\n\n### Symptom\nIt breaks.\n"
    assert errors_of(text) == [(6, "thing", "the section lists no common causes")]


def test_unknown_subsection():
    text = HEAD + SECTION.replace("### Symptom", "### Symptoms and signs")
    [(line, node, message)] = errors_of(text)
    assert (line, node) == (9, "Thing breaks")
    assert message.startswith("unknown subsection '### Symptoms and signs'")


def test_steps_block_for_unknown_cause():
    text = HEAD + SECTION.replace("1. Fix it.", "#### Fix\n<!-- cause: ghost -->\n1. Fix it.")
    errors = errors_of(text)
    assert (17, "thing", "steps block points at cause 'ghost', which this section does not have") in errors


def test_no_sections():
    assert errors_of(HEAD + "\nJust text.\n") == [(1, None, "no '##' symptom sections found")]


def test_unclosed_comment():
    text = HEAD + SECTION.replace("<!-- id: thing -->", "<!-- id: thing")
    assert any("never closed" in message for _, _, message in errors_of(text))


def test_unlisted_section_that_nobody_links_to_is_unreachable():
    text = (
        HEAD
        + SECTION
        + SECTION.replace("<!-- id: thing -->", "<!--\nid: lonely\nlisted: false\n-->").replace("cause-a", "cause-b")
    )
    errors = errors_of(text)
    assert (19, "lonely", "no walk from the first question reaches this node") in errors


def graph(*nodes: NodeSpec) -> GuideSpec:
    return GuideSpec(id="g", title="G", source_file="g.md", nodes={node.id: node for node in nodes})


def node(node_id: str, kind: str = QUESTION, *targets: str, line: int = 1) -> NodeSpec:
    spec = NodeSpec(id=node_id, kind=kind, title=node_id, line=line, steps=["x"] if kind == RESOLUTION else [])
    spec.choices = [ChoiceSpec(target, target) for target in targets]
    return spec


def test_loop_is_reported_with_its_path():
    guide = graph(node(START, QUESTION, "a"), node("a", QUESTION, "b", line=5), node("b", QUESTION, "a", line=9))
    [error] = validate_guide(guide)
    assert (error.file, error.line, error.node) == ("g.md", 9, "b")
    assert error.message == "answers lead in a loop: a -> b -> a"


def test_question_without_answers():
    guide = graph(node(START, QUESTION, "a"), node("a", QUESTION, line=3))
    assert [(e.line, e.node, e.message) for e in validate_guide(guide)] == [(3, "a", "this question has no answers")]


def test_unreachable_node():
    guide = graph(node(START, QUESTION, "a"), node("a", RESOLUTION), node("orphan", RESOLUTION, line=7))
    assert [(e.line, e.node, e.message) for e in validate_guide(guide)] == [
        (7, "orphan", "no walk from the first question reaches this node")
    ]


@pytest.mark.parametrize("kind", [RESOLUTION, "escalation"])
def test_end_nodes_cannot_have_answers(kind):
    guide = graph(node(START, QUESTION, "a"), node("a", kind, "b"), node("b", RESOLUTION))
    assert [e.message for e in validate_guide(guide)] == [f"a {kind} cannot have answers"]


@pytest.mark.parametrize("url", ["https://[x/", "http://[::1", "http://]/", "https://example.com:99999/", "https://"])
@pytest.mark.parametrize("form", ["{url}", "['{url}']", "{{Setup guide: '{url}'}}"])
def test_a_docs_url_that_does_not_parse_is_an_error_at_its_node(url, form):
    docs = form.format(url=url)
    [(line, node, message)] = errors_of(
        HEAD + SECTION.replace("<!-- id: thing -->", f"<!--\nid: thing\ndocs: {docs}\n-->")
    )
    assert (line, node, message) == (7, "thing", f"docs link '{url}' is not a valid http(s) URL")


@pytest.mark.parametrize("url", ["ftp://example.com/", "javascript:alert(1)", "/docs/setup/", "12"])
def test_a_docs_url_in_the_title_form_must_be_http(url):
    docs = f"{{Setup guide: '{url}'}}"
    [(_, node, message)] = errors_of(
        HEAD + SECTION.replace("<!-- id: thing -->", f"<!--\nid: thing\ndocs: {docs}\n-->")
    )
    assert (node, message) == ("thing", f"docs link '{url}' is not a valid http(s) URL")


def test_a_docs_title_without_a_url_is_an_error():
    text = HEAD + SECTION.replace("<!-- id: thing -->", "<!--\nid: thing\ndocs: {Setup guide: }\n-->")
    [(_, node, message)] = errors_of(text)
    assert (node, message) == ("thing", "docs link 'None' is not a valid http(s) URL")


def test_a_bad_docs_url_in_the_front_matter_points_at_the_guide():
    [(line, node, message)] = errors_of(HEAD.replace("title: Bad\n", "title: Bad\ndocs: https://[x/\n") + SECTION)
    assert (line, node, message) == (1, START, "docs link 'https://[x/' is not a valid http(s) URL")


def test_a_valid_docs_mapping_keeps_its_titles():
    text = HEAD + SECTION.replace(
        "<!-- id: thing -->", "<!--\nid: thing\ndocs: {Setup guide: 'https://example.com/a'}\n-->"
    )
    guide, errors = read_guide_text(text, "bad.md")
    assert (errors, guide.nodes["cause-a"].docs) == ([], [("Setup guide", "https://example.com/a")])


@pytest.mark.parametrize("link", ["[setup](https://[x/)", "[setup](ftp://example.com/)", "<https://[x/>"])
def test_a_link_in_the_text_that_is_not_a_valid_url_is_an_error(link):
    [(line, node, message)] = errors_of(HEAD + SECTION.replace("1. Fix it.", f"1. Fix it, see {link}."))
    assert (line, node) == (17, "cause-a")
    assert message.startswith("link '") and message.endswith("' is not a valid http(s) or mailto URL")


def test_links_in_the_text_to_http_and_mailto_are_fine():
    text = HEAD + SECTION.replace(
        "1. Fix it.", "1. Fix it, see [setup](https://example.com/a) or <support@example.com>."
    )
    assert errors_of(text) == []
