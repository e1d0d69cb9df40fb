from __future__ import annotations

from wizard.importers.blocks import admonition_kind, take_title
from wizard.importers.outline import Heading, Outline, Paragraph


def outline(*blocks: object) -> Outline:
    return Outline(source="x", format="markdown", blocks=list(blocks))


def test_take_title_from_first_h1():
    page = outline(Paragraph(1, "a"), Heading(3, 1, "Title"), Heading(5, 1, "Other"))
    take_title(page)
    assert (page.title, page.title_line, len(page.blocks)) == ("Title", 3, 2)


def test_take_title_fallback():
    page = outline(Heading(3, 2, "Section"))
    take_title(page, "Front", 2)
    assert (page.title, page.title_line) == ("Front", 2)


def test_admonition_kind_folds_names():
    assert [admonition_kind(name) for name in ("Danger", "hint", "seealso", "bogus")] == [
        "caution",
        "tip",
        "note",
        None,
    ]
