from __future__ import annotations

from wizard.importers.links import absolute_links, resolve
from wizard.importers.outline import Admonition, ListBlock, ListItem, Outline, Paragraph, Table

BASE = "https://docs.example.com/desktop/troubleshoot/"


def test_a_relative_path_is_resolved_against_the_page():
    assert resolve("See [WSL](/manuals/wsl/).", BASE) == "See [WSL](https://docs.example.com/manuals/wsl/)."


def test_a_fragment_is_resolved_against_the_page():
    assert resolve("[Hyper-V](#hyper-v)", BASE) == f"[Hyper-V]({BASE}#hyper-v)"


def test_without_an_address_a_relative_link_keeps_its_text_only():
    assert resolve("Read [the setup](../setup.md) first.", "") == "Read the setup first."


def test_an_absolute_link_is_kept():
    assert resolve("[Docs](https://example.org/a_(b))", "") == "[Docs](https://example.org/a_(b))"


def test_a_mailto_link_is_kept():
    assert resolve("[Write](mailto:help@example.com)", "") == "[Write](mailto:help@example.com)"


def test_a_script_link_keeps_its_text_only():
    assert resolve("[click](javascript:alert(1))", BASE) == "click"


def test_a_link_title_is_kept():
    assert resolve('[a](/b "The b page")', BASE) == '[a](https://docs.example.com/b "The b page")'


def test_links_inside_lists_tables_and_notes_are_resolved():
    outline = Outline(
        source="page.md",
        format="markdown",
        url=BASE,
        blocks=[
            ListBlock(1, False, [ListItem(1, "[a](a.md)", [Paragraph(2, "[b](b.md)")])]),
            Table(3, ["[h](h.md)"], [["[c](c.md)"]]),
            Admonition(4, "note", "", [Paragraph(5, "[d](d.md)")]),
        ],
    )
    page = absolute_links(outline)
    texts = [
        page.blocks[0].items[0].text,
        page.blocks[0].items[0].blocks[0].text,
        page.blocks[1].header[0],
        page.blocks[1].rows[0][0],
        page.blocks[2].blocks[0].text,
    ]
    assert texts == [f"[{name}]({BASE}{name}.md)" for name in "abhcd"]


def test_the_outline_given_is_left_as_it_was():
    outline = Outline(source="page.md", format="markdown", blocks=[Paragraph(1, "[a](a.md)")])
    absolute_links(outline)
    assert outline.blocks[0].text == "[a](a.md)"
