from __future__ import annotations

from wizard.importers.text_lines import Line, blank_between, contents


def lines(*texts: str | None) -> list[Line]:
    """Lines numbered as given: None leaves a blank line."""
    return [Line(number, text, False) for number, text in enumerate(texts, 1) if text is not None]


def test_a_run_of_lines_that_come_back_in_order_is_the_table_of_contents():
    page = lines("One", "Two", "Three", None, "One", None, "Two", None, "Three")
    assert contents(page, ["heading-like"] * len(page)) == range(0, 3)


def test_the_lines_a_table_of_contents_lists_are_headings_where_they_come_back():
    page = lines("One", "Two", "Three", None, "One", None, "Two", None, "Three")
    kinds = ["heading-like"] * len(page)
    contents(page, kinds)
    assert kinds[3:] == ["toc-heading"] * 3


def test_lines_that_do_not_come_back_are_no_table_of_contents():
    page = lines("One", "Two", "Three", None, "Four")
    assert contents(page, ["heading-like"] * len(page)) is None


def test_a_blank_line_between_two_lines_is_seen():
    assert blank_between(lines("One", None, "Two"), 0, 1)
