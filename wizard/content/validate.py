"""Checks over a guide graph that hold for any guide, however it was written or edited."""

from __future__ import annotations

from .errors import ContentError
from .graph import QUESTION, RESOLUTION, START, GuideSpec, NodeSpec
from .links import text_link_problems


def validate_guide(guide: GuideSpec) -> list[ContentError]:
    errors: list[ContentError] = []
    nodes = guide.nodes

    def error(node_id: str, message: str) -> None:
        line = nodes[node_id].line if node_id in nodes else 1
        errors.append(ContentError(guide.source_file, line, node_id, message))

    if START not in nodes:
        errors.append(ContentError(guide.source_file, 1, None, "the guide has no first question"))
        return errors
    for node in nodes.values():
        for choice in node.choices:
            if choice.target not in nodes:
                error(node.id, f"answer '{choice.label}' points at '{choice.target}', which does not exist")
        if node.kind == QUESTION and not node.choices:
            error(node.id, "this question has no answers")
        if node.kind == RESOLUTION and not node.steps and not guide.draft:
            error(node.id, "this resolution has no troubleshooting steps")
        if node.kind != QUESTION and node.choices:
            error(node.id, f"a {node.kind} cannot have answers")
        for line, message in _link_problems(node):
            errors.append(ContentError(guide.source_file, line, node.id, message))
    reachable = _reachable(guide)
    for node_id in nodes:
        if node_id not in reachable:
            error(node_id, "no walk from the first question reaches this node")
    for node_id, cycle in _cycles(guide):
        error(node_id, "answers lead in a loop: " + " -> ".join(cycle))
    return errors


def _link_problems(node: NodeSpec) -> list[tuple[int, str]]:
    """Bad links written in a node's texts, at the node's line (a step's own line for a step)."""
    texts = [(node.line, text) for text in (node.title, node.body, node.symptom, node.cause, node.steps_intro)]
    texts += [(lines[0], step) for step, lines in zip(node.steps, node.step_lines, strict=False)]
    return [(line, problem) for line, text in texts for problem in text_link_problems(text)]


def _reachable(guide: GuideSpec) -> set[str]:
    seen = {START}
    stack = [START]
    while stack:
        for choice in guide.nodes[stack.pop()].choices:
            if choice.target in guide.nodes and choice.target not in seen:
                seen.add(choice.target)
                stack.append(choice.target)
    return seen


def _cycles(guide: GuideSpec) -> list[tuple[str, list[str]]]:
    """Each loop once, reported at the node whose answer closes it (iterative DFS)."""
    found = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in guide.nodes:
        if root in state:
            continue
        path = [root]
        iterators = [iter(guide.nodes[root].choices)]
        state[root] = 1
        while iterators:
            choice = next(iterators[-1], None)
            if choice is None:
                state[path.pop()] = 2
                iterators.pop()
                continue
            target = choice.target
            if target not in guide.nodes:
                continue
            if state.get(target) == 1:
                found.append((path[-1], [*path[path.index(target) :], target]))
            elif target not in state:
                state[target] = 1
                path.append(target)
                iterators.append(iter(guide.nodes[target].choices))
    return found
