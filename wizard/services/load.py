"""Write validated guide graphs into the database: one transaction, idempotent upsert by stable ids."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Max

from ..content.graph import START, GuideSpec, NodeSpec
from ..content.render import plain_text, render_block, render_inline
from ..models import Alias, Choice, Guide, GuideRevision, Node, NodeRedirect, Step


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # Kept apart from `counts`, which describe the tree readers walk: a comment-only edit saves a revision
    # but changes nothing a reader sees.
    revisions: list[GuideRevision] = field(default_factory=list)

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


def guides_load(
    *,
    guides: list[GuideSpec],
    prune: bool = True,
    revision_note: str | None = "imported from content/",
    user: AbstractBaseUser | None = None,
) -> LoadReport:
    """Make the database match the guides exactly; write nothing where it already does.

    A guide whose Markdown changed gets a new revision (unless `revision_note` is None, as for draft previews),
    and each node that disappears leaves a redirect to its closest surviving ancestor.
    """
    report = LoadReport()
    with transaction.atomic():
        for spec in guides:
            _load_guide(spec, report, revision_note=revision_note, user=user)
        if prune:
            # Draft previews are not in content/: they live and die with the guide they preview.
            stale = Guide.objects.exclude(slug__in=[spec.id for spec in guides]).filter(preview_of__isnull=True)
            Guide.objects.filter(preview_of__guide__in=stale).delete()
            deleted, _ = stale.delete()
            report.count("guides deleted", 1 if deleted else 0)
    return report


def _load_guide(spec: GuideSpec, report: LoadReport, *, revision_note: str | None, user: Any) -> None:
    wanted = {
        "title": spec.title,
        "summary": spec.summary,
        "docs_url": spec.docs_url,
        "source_file": spec.source_file,
        "position": spec.position,
        "is_draft": spec.draft,
    }
    counts_before = dict(report.counts)
    guide = Guide.objects.filter(slug=spec.id).first()
    if guide is None:
        guide = Guide.objects.create(slug=spec.id, **wanted)
        report.count("guides created")
    elif _update(guide, wanted):
        report.count("guides updated")
    if guide.source_text != spec.source_text:
        guide.source_text = spec.source_text
        guide.save(update_fields=["source_text"])
        if spec.source_text and revision_note is not None:
            last = guide.revisions.aggregate(number=Max("number"))["number"] or 0
            report.revisions.append(
                GuideRevision.objects.create(
                    guide=guide, number=last + 1, source_text=spec.source_text, note=revision_note, created_by=user
                )
            )

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

    gone = {slug: node for slug, node in existing.items() if slug not in spec.nodes}
    _redirect_removed(guide, spec, gone, nodes, report)
    stale = [node.pk for node in gone.values()]
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
    if dict(report.counts) != counts_before:
        # Cached steps of this guide (selectors.node_for_step) are keyed on this number.
        Guide.objects.filter(pk=guide.pk).update(content_version=F("content_version") + 1)


def _redirect_removed(
    guide: Guide, spec: GuideSpec, gone: dict[str, Node], nodes: dict[str, Node], report: LoadReport
) -> None:
    """Keep old links alive: each removed node's URL points at its closest ancestor that is still there.

    The removed node's stored trail is its old parent chain; when nothing on it survives, the guide's start.
    """
    # A node that is back answers for itself again.
    NodeRedirect.objects.filter(guide=guide, old_slug__in=list(spec.nodes)).delete()
    if not gone:
        return
    targets: dict[str, str] = {}
    for slug, node in gone.items():
        ancestors = [step["node"] for step in reversed(node.trail or [])]
        targets[slug] = next((ancestor for ancestor in ancestors if ancestor in spec.nodes), START)
    # Redirects that pointed at a removed node follow it, so there is never a chain or a dangling one.
    for redirect in NodeRedirect.objects.filter(guide=guide, target__slug__in=list(targets)).select_related("target"):
        redirect.target = nodes[targets[redirect.target.slug]]
        redirect.save(update_fields=["target"])
    for slug, target in targets.items():
        NodeRedirect.objects.update_or_create(guide=guide, old_slug=slug, defaults={"target": nodes[target]})
    report.count("redirects recorded", len(targets))


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
