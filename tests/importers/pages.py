"""Outlines written by hand for the recogniser's tests, in a tiny Markdown-like notation.

Not a reader: just enough to write a page shape in a few lines, with the line numbers a reader would give.
`# x` is the title, `##`... headings, `- x`/`1. x` list items (two more spaces: nested), ```` ``` ```` code,
`| a | b |` table rows (the first is the header), `> x` a quote, `[role] text` a paragraph with a role,
`[role]## x` a heading with a role; other lines are paragraphs (consecutive lines join).
"""

from __future__ import annotations

import re
import textwrap

from wizard.importers.outline import (
    Admonition,
    Block,
    Code,
    Heading,
    ListBlock,
    ListItem,
    Outline,
    Paragraph,
    Table,
)

ROLE = re.compile(r"^\[(symptom|cause|resolution|context)\]\s*")
ITEM = re.compile(r"^( *)(?:[-*]|(\d+)\.)\s+(.*)$")


def page(text: str, source: str = "page.md", url: str = "") -> Outline:
    lines = textwrap.dedent(text).strip("\n").split("\n")
    outline = Outline(source=source, format="markdown", url=url)
    blocks: list[Block] = []
    index = 0
    paragraph: Paragraph | None = None
    while index < len(lines):
        number, line = index + 1, lines[index]
        index += 1
        role_match = ROLE.match(line)
        role = role_match[1] if role_match else None
        line = line[role_match.end() :] if role_match else line
        if not line.strip():
            paragraph = None
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        item = ITEM.match(line)
        if heading and len(heading[1]) == 1 and not outline.title:
            outline.title, outline.title_line = heading[2], number
        elif heading:
            blocks.append(Heading(number, len(heading[1]), heading[2], role=role))
        elif line.startswith("```"):
            body = []
            while index < len(lines) and not lines[index].startswith("```"):
                body.append(lines[index])
                index += 1
            index += 1
            blocks.append(Code(number, "\n".join(body), line[3:].strip()))
        elif line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            table = blocks[-1] if blocks and isinstance(blocks[-1], Table) and paragraph == "table" else None
            if table is None:
                blocks.append(Table(number, cells, role=role))
            elif not set("".join(cells)) <= set("-: "):
                table.rows.append(cells)
            paragraph = "table"  # type: ignore[assignment]
            continue
        elif item:
            nested, ordered, text = len(item[1]) >= 2, item[2] is not None, item[3]
            target = blocks[-1] if blocks and isinstance(blocks[-1], ListBlock) and paragraph == "list" else None
            if nested and target is not None and target.items:
                inner = target.items[-1].blocks
                if not inner or not isinstance(inner[-1], ListBlock):
                    inner.append(ListBlock(number, ordered))
                inner[-1].items.append(ListItem(number, text))
            elif target is not None and target.ordered == ordered:
                target.items.append(ListItem(number, text))
            else:
                blocks.append(ListBlock(number, ordered, [ListItem(number, text)], role=role))
            paragraph = "list"  # type: ignore[assignment]
            continue
        elif line.startswith("> "):
            blocks.append(Admonition(number, "quote", "", [Paragraph(number, line[2:])]))
        elif isinstance(paragraph, Paragraph):
            paragraph.text += " " + line.strip()
            continue
        else:
            paragraph = Paragraph(number, line.strip(), role=role)
            blocks.append(paragraph)
            continue
        paragraph = None
    outline.blocks = blocks
    return outline
