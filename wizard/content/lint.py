"""Content lints: what makes a guide hard to walk for an agent, checked over the guide graph (no Django).

Unlike validation errors, a lint finding does not stop an import: `load_content --check` lists them as warnings,
and the test suite (tests/content/test_guides_lint.py) holds every guide in content/ to them.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlsplit

from .errors import ContentError
from .graph import NO, NOT_SURE, QUESTION, RESOLUTION, START, YES, GuideSpec, NodeSpec

# At most this many answers from the start question to any resolution.
MAX_ANSWERS_TO_RESOLUTION = 5
# At most this many yes/no questions in a row before a resolution or a question with real choices.
MAX_YES_NO_CHAIN = 4
YES_NO = {YES, NO, NOT_SURE}

# A compound question asks two things at once ("Is the Item non-OAuth and did the user change their password?").
# The heuristic, with `code`, "quotes" and (brackets) set aside:
# - on any question, "and" or "or" followed by an auxiliary verb or a question word starts a second question
#   ("... and did ...", "Which platform is it, and what happens ...?");
# - on yes/no questions (a question with one answer per option may list its options), ", and", ", or", ", where"
#   or ", while" with at least MIN_CLAUSE_WORDS words on each side joins two clauses ("Did the user leave it
#   unselected, or open it after linking?", "Is it a non-OAuth bank, where the user may have changed their
#   password?"), unless the second only turns the first round ("or the other way round", "or vice versa").
# Lists of names ("Auth and Transactions", "an ad blocker or privacy extension") pass.
MIN_CLAUSE_WORDS = 3
QUESTION_START = "is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|what|which|who|when|why|how"
SECOND_QUESTION = re.compile(rf"\b(?:and|or)\s+(?:{QUESTION_START})\b", re.IGNORECASE)
CLAUSES = re.compile(r",\s+(?:and|or|where|while)\s+", re.IGNORECASE)
TURNED_ROUND = re.compile(r"^(?:the other way round|the other way around|vice versa)\W*$", re.IGNORECASE)
QUOTED = re.compile(r"`[^`]*`|\([^)]*\)|\[[^\]]*\]|\"[^\"]*\"|\u201c[^\u201d]*\u201d")


def is_yes_no(node: NodeSpec) -> bool:
    return node.kind == QUESTION and bool(node.choices) and {choice.label for choice in node.choices} <= YES_NO


def compound_question(title: str, *, yes_no: bool = True) -> bool:
    plain = QUOTED.sub(" x ", title)
    if SECOND_QUESTION.search(plain):
        return True
    if not yes_no:
        return False
    parts = CLAUSES.split(plain)
    if len(parts) < 2 or TURNED_ROUND.match(parts[-1].strip()):
        return False
    return all(len(re.findall(r"[\w'-]+", part)) >= MIN_CLAUSE_WORDS for part in parts)


def answers_needed(guide: GuideSpec) -> dict[str, int]:
    """The fewest answers from the start question to each node of the guide (links within the guide included)."""
    depth = {START: 0}
    queue = deque([START])
    while queue:
        current = queue.popleft()
        for choice in guide.nodes[current].choices:
            if choice.target in guide.nodes and choice.target not in depth:
                depth[choice.target] = depth[current] + 1
                queue.append(choice.target)
    return depth


def official_host(url: str) -> str:
    """The last two labels of a URL's host: docs.example.com and example.com count as the same site."""
    return ".".join((urlsplit(url).hostname or "").split(".")[-2:])


def lint_guide(guide: GuideSpec) -> dict[str, list[ContentError]]:
    """Findings by lint name (every name present, an empty list when the guide passes it)."""
    found: dict[str, list[ContentError]] = {
        "compound-question": [],
        "answers-to-resolution": [],
        "yes-no-chain": [],
        "resolution-docs": [],
        "code-meaning": [],
    }

    def report(lint: str, node: NodeSpec, message: str) -> None:
        found[lint].append(ContentError(guide.source_file, node.line, node.id, message))

    depth = answers_needed(guide)
    site = official_host(guide.docs_url) if guide.docs_url else ""
    for node in guide.nodes.values():
        if node.kind == QUESTION and node.id != START and compound_question(node.title, yes_no=is_yes_no(node)):
            report("compound-question", node, f"the question asks two things at once: {node.title!r}; split it")
        if node.kind == RESOLUTION and depth.get(node.id, 0) > MAX_ANSWERS_TO_RESOLUTION:
            report(
                "answers-to-resolution",
                node,
                f"{depth[node.id]} answers from the start (at most {MAX_ANSWERS_TO_RESOLUTION}): ask a question "
                "that tells the causes apart, or link the resolution from earlier",
            )
        if is_yes_no(node):
            chain = 1
            for step_id, _, _ in reversed(node.trail):
                if step_id not in guide.nodes or not is_yes_no(guide.nodes[step_id]):
                    break
                chain += 1
            if chain > MAX_YES_NO_CHAIN:
                report(
                    "yes-no-chain",
                    node,
                    f"yes/no question number {chain} in a row (at most {MAX_YES_NO_CHAIN} before a resolution or "
                    "a question with real choices): ask one question that tells these causes apart",
                )
        if node.kind == RESOLUTION:
            links = [url for _, url in node.docs if not site or official_host(url) == site]
            if not links:
                where = f" on {site}" if site else ""
                report("resolution-docs", node, f"the resolution links no official docs page{where}")
        for code, meaning in node.codes.items():
            if not meaning:
                report("code-meaning", node, f"error code {code} has no one-line meaning")
    return found
