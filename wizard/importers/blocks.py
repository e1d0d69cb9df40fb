"""What every reader does the same way once it has blocks: admonition kinds, the page title, errors."""

from __future__ import annotations

from typing import NoReturn

from wizard.content.errors import ContentError, ContentErrors

from .outline import Admonition, AdmonitionKind, Block, Heading, ListBlock, Outline

# The names docs sites give their callouts (GitHub alerts, MkDocs Material, Sphinx, Docusaurus, DITA
# `note type`, Bootstrap colours), folded into the outline's few kinds.
ADMONITION_KINDS: dict[str, AdmonitionKind] = {
    **dict.fromkeys(
        ["note", "info", "information", "abstract", "summary", "tldr", "todo", "question", "help", "faq", "example"],
        "note",
    ),
    **dict.fromkeys(["seealso", "notice", "remember", "other", "primary", "secondary", "light", "callout"], "note"),
    **dict.fromkeys(["tip", "hint", "success", "check", "done", "fastpath", "best-practice"], "tip"),
    **dict.fromkeys(["important", "attention", "restriction", "deprecated"], "important"),
    **dict.fromkeys(["warning", "warn", "trouble"], "warning"),
    **dict.fromkeys(["caution", "danger", "error", "failure", "fail", "missing", "bug", "critical"], "caution"),
    **dict.fromkeys(["quote", "cite"], "quote"),
}

# Kramdown attribute names (IBM Cloud docs) that mark a block's part for machines.
IAL_ROLES = {"tssymptoms": "symptom", "tscauses": "cause", "tsresolve": "resolution"}


def admonition_kind(name: str) -> AdmonitionKind | None:
    return ADMONITION_KINDS.get(name.strip().lower())


def take_title(outline: Outline, fallback: str = "", fallback_line: int = 1) -> None:
    """Move the page's first level-1 heading out of the blocks into `title` (else use the fallback)."""
    for index, block in enumerate(outline.blocks):
        if isinstance(block, Heading) and block.level == 1 and block.text:
            outline.title, outline.title_line = block.text, block.line
            del outline.blocks[index]
            return
    if fallback and not outline.title:
        outline.title, outline.title_line = fallback, fallback_line


def walk(blocks: list[Block]) -> list[Block]:
    """Every block, nested ones too (list items' and admonitions' blocks), in source order."""
    found: list[Block] = []
    for block in blocks:
        found.append(block)
        if isinstance(block, Admonition):
            found += walk(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                found += walk(item.blocks)
    return found


def fail(source: str, line: int, message: str) -> NoReturn:
    raise ContentErrors([ContentError(source, line, None, message)])
