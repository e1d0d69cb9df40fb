"""Write validated guide graphs into the database: one transaction, idempotent upsert by stable ids."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from ..content.graph import GuideSpec, NodeSpec
from ..content.render import plain_text, render_block, render_inline
from ..models import Alias, Choice, Guide, Node, Step


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def count(self, what: str, number: int = 1) -> None:
        if number:
            self.counts[what] += number

    @property
    def changed(self) -> bool:
        return any(self.counts.values())

    def __str__(self) -> str:
        if not self.changed:
            return "nothing changed"
        return ", ".join(f"{what} {number}" for what, number in sorted(self.counts.items()) if number)


def node_fields(spec: NodeSpec, guide: GuideSpec, position: int) -> dict[str, Any]:
    return {
        "kind": spec.kind,
        "title": plain_text(spec.title)[:500],
        "title_html": render_inline(spec.title),
        "body_html": render_block(spec.body),
        "symptom_html": render_block(spec.symptom),
        "cause_html": render_block(spec.cause),
        "steps_intro_html": render_block(spec.steps_intro),
        "docs": [[title, url] for title, url in spec.docs],
        "ruled_out": [render_inline(title) for title in spec.ruled_out],
        "section": spec.section,
        "trail": [
            {
                "node": node_id,
                "question": plain_text(question),
                "question_html": render_inline(question),
                "answer": plain_text(answer),
                "answer_html": render_inline(answer),
            }
            for node_id, question, answer in spec.trail
        ],
        "source_file": guide.source_file,
        "source_line": spec.line,
        "position": position,
    }


def guides_load(*, guides: list[GuideSpec], prune: bool = True) -> LoadReport:
    """Make the database match the guides exactly; write nothing where it already does."""
    report = LoadReport()
    with transaction.atomic():
        for spec in guides:
            _load_guide(spec, report)
        if prune:
            deleted, _ = Guide.objects.exclude(slug__in=[spec.id for spec in guides]).delete()
            report.count("guides deleted", 1 if deleted else 0)
    return report


def _load_guide(spec: GuideSpec, report: LoadReport) -> None:
    wanted = {
        "title": spec.title,
        "summary": spec.summary,
        "docs_url": spec.docs_url,
        "source_file": spec.source_file,
        "position": spec.position,
        "is_draft": spec.draft,
    }
    guide = Guide.objects.filter(slug=spec.id).first()
    if guide is None:
        guide = Guide.objects.create(slug=spec.id, **wanted)
        report.count("guides created")
    elif _update(guide, wanted):
        report.count("guides updated")

    existing = {node.slug: node for node in guide.nodes.all()}
    nodes: dict[str, Node] = {}
    new_by_depth: dict[int, list[Node]] = defaultdict(list)
    for position, node_spec in enumerate(spec.nodes.values()):
        fields = node_fields(node_spec, spec, position)
        node = existing.get(node_spec.id)
        if node is None:
            node = Node(guide=guide, slug=node_spec.id, **fields)
            new_by_depth[len(node_spec.trail)].append(node)
        elif _update(node, fields):
            report.count("nodes updated")
        nodes[node_spec.id] = node
    # Parents first, so each new node is created with its parent already set.
    for depth in sorted(new_by_depth):
        batch = new_by_depth[depth]
        for node in batch:
            parent = spec.nodes[node.slug].parent
            node.parent = nodes[parent] if parent else None
        Node.objects.bulk_create(batch, batch_size=500)
        report.count("nodes created", len(batch))

    stale = [node.pk for slug, node in existing.items() if slug not in spec.nodes]
    for start in range(0, len(stale), 500):
        Node.objects.filter(pk__in=stale[start : start + 500]).delete()
    if stale:
        report.count("nodes deleted", len(stale))

    reparented = []
    for node_spec in spec.nodes.values():
        node = nodes[node_spec.id]
        parent_id = nodes[node_spec.parent].pk if node_spec.parent else None
        if node.parent_id != parent_id:
            node.parent_id = parent_id
            reparented.append(node)
    Node.objects.bulk_update(reparented, ["parent"], batch_size=500)

    _sync_children(spec, nodes, report)


def _update(instance: Guide | Node, fields: dict[str, Any]) -> bool:
    changed = [name for name, value in fields.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, fields[name])
        instance.save(update_fields=changed)
    return bool(changed)


def _sync_children(spec: GuideSpec, nodes: dict[str, Node], report: LoadReport) -> None:
    """Answers, steps and aliases: rewrite a node's rows only where they differ."""
    guide_id = next(iter(nodes.values())).guide_id
    have = {
        "answers": _rows(Choice, guide_id, ["label", "target_id", "is_link"]),
        "steps": _rows(Step, guide_id, ["text"]),
        "aliases": _rows(Alias, guide_id, ["kind", "value", "meaning"]),
    }
    create: dict[str, list[Any]] = defaultdict(list)
    rewrite: dict[str, list[int]] = defaultdict(list)
    for node_spec in spec.nodes.values():
        node = nodes[node_spec.id]
        want = {
            "answers": [(c.label, nodes[c.target].pk, c.is_link) for c in node_spec.choices],
            "steps": [(text,) for text in node_spec.steps],
            "aliases": [(Alias.Kind.CODE.value, code, meaning) for code, meaning in node_spec.codes.items()]
            + [(Alias.Kind.PHRASE.value, phrase, "") for phrase in node_spec.phrases],
        }
        for what, rows in want.items():
            if have[what].get(node.pk, []) == rows:
                continue
            rewrite[what].append(node.pk)
            for position, row in enumerate(rows):
                create[what].append(_child(what, node, position, row))
    for what, model in (("answers", Choice), ("steps", Step), ("aliases", Alias)):
        if rewrite[what]:
            for start in range(0, len(rewrite[what]), 500):
                model.objects.filter(node_id__in=rewrite[what][start : start + 500]).delete()
            model.objects.bulk_create(create[what], batch_size=500)
            report.count(f"nodes with new {what}", len(rewrite[what]))


def _rows(model: type[Choice] | type[Step] | type[Alias], guide_id: int, fields: list[str]) -> dict[int, list[tuple]]:
    rows: dict[int, list[tuple]] = defaultdict(list)
    order = ["node_id", "position"] if model is not Alias else ["node_id", "pk"]
    for values in model.objects.filter(node__guide_id=guide_id).order_by(*order).values_list("node_id", *fields):
        rows[values[0]].append(tuple(values[1:]))
    return rows


def _child(what: str, node: Node, position: int, row: tuple) -> Choice | Step | Alias:
    if what == "answers":
        label, target_id, is_link = row
        return Choice(
            node=node,
            target_id=target_id,
            label=label,
            label_html=render_inline(label),
            position=position,
            is_link=is_link,
        )
    if what == "steps":
        return Step(node=node, position=position + 1, text=row[0], html=render_block(row[0]))
    kind, value, meaning = row
    return Alias(node=node, kind=kind, value=value, meaning=meaning)
