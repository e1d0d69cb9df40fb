from __future__ import annotations

import pytest
import yaml

from wizard.content import read_guide_text
from wizard.content.parse import SECTION_KEYS, parse_text

GUIDE = """---
id: demo
title: Demo
---

# Demo

Intro text.

## Broken thing
<!-- id: broken -->

### Symptom
It breaks.

### Common causes
- First cause.
  <!--
  id: first
  ask: Is it the first?
  -->
- Second cause with `code`.

### Troubleshooting steps
#### First
<!-- cause: first -->
1. Step one
   continues here.
2. Step two.

#### Second
1. Only step.
"""


def test_front_matter_is_read():
    document, errors = parse_text(GUIDE, "demo.md")
    assert errors == []
    assert document.front.values == {"id": "demo", "title": "Demo"}


def test_intro_is_the_text_before_the_first_section():
    document, _ = parse_text(GUIDE, "demo.md")
    assert document.intro == "Intro text."


def test_section_keeps_its_heading_line():
    document, _ = parse_text(GUIDE, "demo.md")
    assert (document.sections[0].heading, document.sections[0].line) == ("Broken thing", 10)


def test_causes_are_list_items_with_their_markup():
    document, _ = parse_text(GUIDE, "demo.md")
    causes = document.sections[0].causes
    assert [(cause.text, cause.meta.values.get("id")) for cause in causes] == [
        ("First cause.", "first"),
        ("Second cause with `code`.", None),
    ]


def test_step_continuation_lines_stay_with_their_step():
    document, _ = parse_text(GUIDE, "demo.md")
    assert document.sections[0].steps[0].steps == ["Step one\ncontinues here.", "Step two."]


def test_cause_without_id_gets_a_slug_of_its_text():
    guide, errors = read_guide_text(GUIDE, "demo.md")
    assert errors == []
    assert "second-cause-with-code" in guide.nodes


def test_headings_inside_code_fences_are_not_sections():
    text = GUIDE.replace("Intro text.", "```\n## not a section\n```")
    document, _ = parse_text(text, "demo.md")
    assert [section.heading for section in document.sections] == ["Broken thing"]


def test_a_fence_opened_on_a_list_item_line_hides_its_headings():
    text = GUIDE.replace("Intro text.", "1. ```\n   ## not a section\n   ```\n\n## Second thing")
    document, _ = parse_text(text, "demo.md")
    assert [section.heading for section in document.sections] == ["Second thing", "Broken thing"]


def test_a_longer_fence_holds_a_shorter_one():
    text = GUIDE.replace("Intro text.", "````\n```yaml\n## not a section\n````")
    document, _ = parse_text(text, "demo.md")
    assert [section.heading for section in document.sections] == ["Broken thing"]


def test_plain_docs_page_without_markup_builds_a_guide():
    page = """# Widget troubleshooting

## Widget is blank

### Symptom
Nothing shows.

### Common causes
- The script is blocked.
- The key is wrong.

### Troubleshooting steps
1. Allow the script.
2. Check the key.
"""
    guide, errors = read_guide_text(page, "widget-help.md")
    assert errors == []
    assert (guide.id, guide.title) == ("widget-help", "Widget troubleshooting")
    assert guide.nodes["the-script-is-blocked"].steps == ["Allow the script.", "Check the key."]


@pytest.mark.parametrize(
    "markup",
    [
        "id: first",
        "cause: s1-c0",
        "id:  spaced",
        "id: 123",
        "id: 0x1f",
        "id: 1e3",
        "id: 1_000",
        "id: 2001-12-14",
        "id: yes",
        "id: off",
        "id: null",
        "id: true",
        "on: first",
        "y: n",
        "id: first # note",
        "id: first\nask: x",
    ],
)
def test_one_line_markup_reads_as_yaml_would(markup):
    document, errors = parse_text(GUIDE.replace("<!-- id: broken -->", f"<!-- {markup} -->"), "demo.md")
    expected = yaml.safe_load(markup)
    assert document.sections[0].meta.values == {key: value for key, value in expected.items() if key in SECTION_KEYS}
    assert len(errors) == len([key for key in expected if key not in SECTION_KEYS])
