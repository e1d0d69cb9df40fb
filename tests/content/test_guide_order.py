from __future__ import annotations

from wizard.content import read_guide_text, read_guides

GUIDE = """---
id: {id}
title: {id}
{order}---

## Widget broken
### Symptom
It breaks.
### Common causes
- It is old.
### Troubleshooting steps
1. Replace it.
"""


def write(folder, name: str, order: str = "") -> None:
    (folder / f"{name}.md").write_text(GUIDE.format(id=name, order=order))


def test_without_order_guides_follow_their_file_names(tmp_path):
    write(tmp_path, "alpha")
    write(tmp_path, "beta")
    guides, _ = read_guides(tmp_path)
    assert sorted((guide.position, guide.id) for guide in guides) == [(0, "alpha"), (1, "beta")]


def test_a_lower_order_comes_first(tmp_path):
    write(tmp_path, "alpha", "order: 2\n")
    write(tmp_path, "beta", "order: 1\n")
    guides, _ = read_guides(tmp_path)
    assert sorted((guide.position, guide.id) for guide in guides) == [(0, "beta"), (1, "alpha")]


def test_an_order_that_is_not_a_whole_number_is_an_error():
    _, errors = read_guide_text(GUIDE.format(id="alpha", order="order: first\n"), "alpha.md")
    assert [str(error) for error in errors] == [
        "alpha.md:1: 'order' must be a whole number (guides with a lower one come first)"
    ]


def test_the_link_guide_comes_before_the_after_link_guide(settings):
    guides, _ = read_guides(settings.CONTENT_DIR)
    assert [guide.id for guide in sorted(guides, key=lambda guide: guide.position)] == ["plaid-link", "plaid-api"]
