"""The lines of a scraped page and its table of contents, for the text reader (text.py)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

TOC_MIN = 3


@dataclass
class Line:
    number: int
    text: str
    alone: bool  # blank lines (or the ends) before and after


def contents(lines: list[Line], kinds: list[str]) -> range | None:
    """The page's table of contents: the longest run of lines, without a blank line between them, that all
    come back later in the same order. Its lines become "contents", the lines they come back as "toc-heading"."""
    where: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        where.setdefault(line.text.casefold(), []).append(index)
    best: tuple[range, list[int]] = (range(0), [])
    index = 0
    while index < len(lines):
        found: list[int] = []
        end = index
        while end < len(lines) and (end == index or not blank_between(lines, end - 1, end)):
            places = where[lines[end].text.casefold()]
            later = bisect.bisect_right(places, max([end, *found]))
            if later == len(places) or kinds[end] not in {"heading-like", "label", "prose"}:
                break
            found.append(places[later])
            end += 1
        if len(found) >= TOC_MIN and len(found) > len(best[1]):
            best = (range(index, end), found)
        index = max(end, index + 1)
    if not best[1]:
        return None
    for at in best[0]:
        kinds[at] = "contents"
    for at in best[1]:
        kinds[at] = "toc-heading"
    return best[0]


def blank_between(lines: list[Line], before: int, after: int) -> bool:
    return lines[after].number - lines[before].number > 1
