"""A problem answered by a list of checks ("Ensure your pod is not in the `kube-system` namespace", "Check default
policy") and no stated cause: each check is a cause to rule out, with the check as its step."""

from __future__ import annotations

import re

from .extract import make_cause
from .markup import first_sentence, inline, item_text, plain
from .outline import ListBlock, Paragraph
from .parts import block_end
from .prose import FIX, Prose, introduces_steps
from .recognised import Cause, Span, Steps

# A check that states what must hold: "Ensure your pod is not in the `kube-system` namespace", "Check default policy".
CHECK = re.compile(r"^(?:ensure|make sure|check|verify|confirm)\b", re.IGNORECASE)


def checklist(prose: Prose) -> ListBlock | None:
    """A problem that states no cause and answers with a list of checks, each opening with "Ensure", "Check"...,
    and no lead-in announcing steps: each check is a cause to rule out (as a page of check sections is)."""
    if prose.cause or prose.more:
        return None
    lists = [block for block in prose.fix if isinstance(block, ListBlock)]
    if len(lists) != 1 or len(lists[0].items) < 2 or not all(CHECK.match(item.text) for item in lists[0].items):
        return None
    before = prose.fix[: prose.fix.index(lists[0])]
    if any(
        not isinstance(block, Paragraph) or introduces_steps(block.text) or FIX.match(block.text) for block in before
    ):
        return None
    return lists[0]


def check_causes(listing: ListBlock) -> list[Cause]:
    causes = []
    for position, item in enumerate(listing.items):
        last = listing.items[position + 1].line - 1 if position + 1 < len(listing.items) else block_end(listing)
        text = item_text(item)
        cause = make_cause(inline(item.text), item.line, last, title=first_sentence(plain(item.text)))
        cause.steps.append(Steps(label="", span=Span(item.line, last, text), steps=[text]))
        causes.append(cause)
    return causes
