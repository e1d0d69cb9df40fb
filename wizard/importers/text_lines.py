"""The lines of a scraped page, its table of contents and the line kinds told from their neighbours, for the text
reader (text.py)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .codes import ANNOUNCES_MESSAGE

TOC_MIN = 3
# A line as a program logs it: "Error: Error forwarding ports: ...", "WARNING: ...".
LOGGED_LINE = re.compile(r"^(?:[A-Z][\w.]*(?:Error|Exception)|error|warning|fatal):\s+\S", re.IGNORECASE)


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


def title_stacked_on_section(lines: list[Line], kinds: list[str]) -> None:
    """A scrape that opens with the page title right on the first section's heading, no blank line between them
    ("Troubleshooting" / "I am getting a warning about ..." / blank / prose): that heading stands as if alone."""
    opening = len(lines) >= 3 and kinds[:3] == ["heading-like", "heading-like", "prose"] and lines[0].number == 1
    if opening and not blank_between(lines, 0, 1) and blank_between(lines, 1, 2):
        lines[1].alone = True


def heading_over_message(lines: list[Line], kinds: list[str]) -> None:
    """A heading right above the message it reports, the code block lost ("On GKE I get "No SSH tunnels currently
    open"" / "Error: Error forwarding ports: ..."): the heading stands as if alone, the line is the message."""
    for index in range(1, len(lines) - 1):
        below = index + 1
        if (
            kinds[index] == "heading-like"
            and blank_between(lines, index - 1, index)
            and not blank_between(lines, index, below)
        ):
            ends = below + 1 == len(lines) or blank_between(lines, below, below + 1)
            if ends and LOGGED_LINE.match(lines[below].text):
                lines[index].alone, kinds[below] = True, "message"


def messages(lines: list[Line], kinds: list[str]) -> None:
    """The lines after a lead-in that announces an error ("you may see an error like:"), up to a blank line, are
    the message: a code block the scrape lost ("Or" between two of them announces the next)."""
    index = 0
    while index < len(lines) - 1:
        text = lines[index].text
        announces = ANNOUNCES_MESSAGE.search(text) or (text.lower() in {"or", "or:"} and kinds[index - 1] == "message")
        if not announces or kinds[index] in {"label", "item", "contents", "toc-heading"}:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and kinds[end] in {"heading-like", "prose"}:
            kinds[end] = "message"
            if end + 1 < len(lines) and blank_between(lines, end, end + 1):
                break
            end += 1
        index = max(end, index + 1)
