"""Checks over a guide graph that hold for any guide, however it was written or edited."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .errors import ContentError
from .graph import QUESTION, RESOLUTION, START, GuideSpec, NodeSpec, split_ref


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
            # A link to another guide's node is checked with every guide at hand (validate_references).
            if choice.target not in nodes and not split_ref(choice.target):
                error(node.id, f"answer '{choice.label}' points at '{choice.target}', which does not exist")
        for target in node.related:
            if target not in nodes and not split_ref(target):
                error(node.id, f"'related' names '{target}', which does not exist")
        if node.kind == QUESTION and not node.choices:
            error(node.id, "this question has no answers")
        if node.kind == RESOLUTION and not node.steps and not guide.draft:
            error(node.id, "this resolution has no troubleshooting steps")
        if node.kind != QUESTION and node.choices:
            error(node.id, f"a {node.kind} cannot have answers")
    reachable = _reachable(guide)
    for node_id in nodes:
        if node_id not in reachable:
            error(node_id, "no walk from the first question reaches this node")
    for node_id, cycle in _cycles(guide):
        error(node_id, "answers lead in a loop: " + " -> ".join(cycle))
    return errors


@dataclass(frozen=True)
class Catalog:
    """What a guide's links to other guides may point at: each guide's node ids, by guide id.

    `drafts` are hidden from readers, so only a draft may link into them; `unreadable` guides have errors of their
    own (reported apart), so links into them are not judged.
    """

    nodes: Mapping[str, Collection[str]]
    drafts: Collection[str] = ()
    unreadable: Collection[str] = ()

    @classmethod
    def of(cls, guides: list[GuideSpec], unreadable: Collection[str] = ()) -> Catalog:
        return cls({guide.id: set(guide.nodes) for guide in guides}, {g.id for g in guides if g.draft}, unreadable)


def validate_references(guide: GuideSpec, catalog: Catalog) -> list[ContentError]:
    """Links from this guide to other guides' nodes (`see:` and `related:` as `<guide id>/<node id>`)."""
    errors = []
    for node, what, guide_id, node_id in guide.references():
        if guide_id in catalog.unreadable:
            continue
        target = f"{guide_id}/{node_id}"
        if guide_id not in catalog.nodes:
            problem = f"there is no guide '{guide_id}'"
        elif guide_id in catalog.drafts and not guide.draft:
            problem = f"the guide '{guide_id}' is a draft, hidden from readers"
        elif node_id not in catalog.nodes[guide_id]:
            problem = f"the guide '{guide_id}' has no node '{node_id}'"
        else:
            continue
        errors.append(ContentError(guide.source_file, node.line, node.id, f"{what} points at '{target}': {problem}"))
    return errors


def cross_guide_loops(guides: list[GuideSpec]) -> list[ContentError]:
    """Loops that only close through links between guides (a loop inside one guide is reported by its guide)."""
    nodes: dict[str, tuple[GuideSpec, NodeSpec]] = {}
    edges: dict[str, list[str]] = {}
    for guide in guides:
        for node in guide.nodes.values():
            key = f"{guide.id}/{node.id}"
            nodes[key] = (guide, node)
            edges[key] = [
                choice.target if split_ref(choice.target) else f"{guide.id}/{choice.target}" for choice in node.choices
            ]
    errors = []
    for key, cycle in _loops(edges):
        if len({step.split("/", 1)[0] for step in cycle}) > 1:
            guide, node = nodes[key]
            message = "answers lead in a loop across guides: " + " -> ".join(cycle)
            errors.append(ContentError(guide.source_file, node.line, node.id, message))
    return errors


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
    return _loops({node.id: [choice.target for choice in node.choices] for node in guide.nodes.values()})


def _loops(edges: Mapping[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Each loop once, reported at the node whose answer closes it (iterative DFS)."""
    found = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in edges:
        if root in state:
            continue
        path = [root]
        iterators = [iter(edges[root])]
        state[root] = 1
        while iterators:
            target = next(iterators[-1], None)
            if target is None:
                state[path.pop()] = 2
                iterators.pop()
                continue
            if target not in edges:
                continue
            if state.get(target) == 1:
                found.append((path[-1], [*path[path.index(target) :], target]))
            elif target not in state:
                state[target] = 1
                path.append(target)
                iterators.append(iter(edges[target]))
    return found
