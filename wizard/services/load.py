"""Write validated guide graphs into the database: one transaction, idempotent upsert by stable ids."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Max

from ..content.errors import ContentError, ContentErrors
from ..content.graph import START, GuideSpec, NodeSpec, split_ref
from ..content.render import plain_text, render_block, render_inline
from ..models import Alias, Choice, Guide, GuideRevision, Node, NodeRedirect, Step, StoredTrailStep
from .rows import insert_rows, update_rows

# Ids per `pk__in` query, well under the query parameter limits of SQLite and PostgreSQL.
BATCH = 500


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


NODE_FIELDS = (
    "kind",
    "title",
    "title_html",
    "body_html",
    "symptom_html",
    "cause_html",
    "steps_intro_html",
    "docs",
    "ruled_out",
    "related",
    "section",
    "trail",
    "source_file",
    "source_line",
    "position",
)


def node_fields(spec: NodeSpec, guide: GuideSpec, position: int, edges: set[tuple[str, str]]) -> dict[str, Any]:
    """A node's stored fields; `edges` are the guide's `unsure_edges`."""
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
        # Always "<guide>/<node>", so the page resolves them all in one query whichever guide they are in.
        "related": [target if split_ref(target) else f"{guide.id}/{target}" for target in spec.related],
        "section": spec.section,
        "trail": _trail(spec, edges),
        "source_file": guide.source_file,
        "source_line": spec.line,
        "position": position,
    }


def unsure_edges(guide: GuideSpec) -> set[tuple[str, str]]:
    """(question, next node) for every "Not sure" answer: looked up once per guide, not per trail step,
    because a start question can have thousands of answers and every trail goes through it."""
    return {(node.id, choice.target) for node in guide.nodes.values() for choice in node.choices if choice.is_unsure}


def _trail(spec: NodeSpec, edges: set[tuple[str, str]]) -> list[StoredTrailStep]:
    """The stored trail; `can_be_unsure` marks a No that a "Not sure" (same next node) could stand for."""
    path = [node_id for node_id, _, _ in spec.trail] + [spec.id]
    trail = []
    for (node_id, question, answer), next_id in zip(spec.trail, path[1:], strict=True):
        step: StoredTrailStep = {
            "node": node_id,
            "question": plain_text(question),
            "question_html": render_inline(question),
            "answer": plain_text(answer),
            "answer_html": render_inline(answer),
        }
        if (node_id, next_id) in edges:
            step["can_be_unsure"] = True
        trail.append(step)
    return trail


def guides_load(
    *,
    guides: list[GuideSpec],
    prune: bool = True,
    revision_note: str | None = "imported from content/",
    user: User | None = None,
) -> LoadReport:
    """Make the database match the guides exactly; write nothing where it already does.

    A guide whose Markdown changed gets a new revision (unless `revision_note` is None, as for draft previews),
    and each node that disappears leaves a redirect to its closest surviving ancestor.
    """
    report = LoadReport()
    with transaction.atomic():
        # Every guide's nodes first, then every guide's answers: an answer may lead to another guide's node.
        loaded = [_load_guide(spec, report, revision_note=revision_note, user=user) for spec in guides]
        elsewhere = _linked_node_ids(guides)
        for spec, (guide_id, ids, nodes_changed) in zip(guides, loaded, strict=True):
            counts_before = dict(report.counts)
            _sync_children(spec, guide_id, ids, elsewhere, report)
            if nodes_changed or dict(report.counts) != counts_before:
                # Cached steps of this guide (selectors.node_for_step) are keyed on this number.
                Guide.objects.filter(pk=guide_id).update(content_version=F("content_version") + 1)
        if prune:
            # Draft previews are not in content/: they live and die with the guide they preview.
            stale = Guide.objects.exclude(slug__in=[spec.id for spec in guides]).filter(preview_of__isnull=True)
            Guide.objects.filter(preview_of__guide__in=stale).delete()
            deleted, _ = stale.delete()
            report.count("guides deleted", 1 if deleted else 0)
    return report


def _linked_node_ids(guides: list[GuideSpec]) -> dict[str, int]:
    """Database ids of the other guides' nodes these guides' answers lead to, by "<guide>/<node>"."""
    wanted = {
        ref
        for spec in guides
        for node in spec.nodes.values()
        for choice in node.choices
        if (ref := split_ref(choice.target))
    }
    found: dict[str, int] = {}
    for guide_slug in {guide_slug for guide_slug, _ in wanted}:
        slugs = [node_slug for other, node_slug in wanted if other == guide_slug]
        for start in range(0, len(slugs), BATCH):
            rows = Node.objects.filter(guide__slug=guide_slug, slug__in=slugs[start : start + BATCH])
            found.update({f"{guide_slug}/{slug}": pk for slug, pk in rows.values_list("slug", "pk")})
    return found


def _load_guide(
    spec: GuideSpec, report: LoadReport, *, revision_note: str | None, user: Any
) -> tuple[int, dict[str, int], bool]:
    """The guide row and its nodes (answers, steps and aliases come after every guide's nodes).

    Returns the guide's database id, its nodes' ids by slug, and whether anything changed.
    """
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
    elif _update_guide(guide, wanted):
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

    # Rows as plain dicts, not model instances: building 10,000 instances cost more than the queries.
    existing = {
        row["slug"]: row for row in Node.objects.filter(guide=guide).values("pk", "slug", "parent_id", *NODE_FIELDS)
    }
    changed: dict[tuple[str, ...], list[list[Any]]] = defaultdict(list)
    new_by_depth: dict[int, list[dict[str, Any]]] = defaultdict(list)
    edges = unsure_edges(spec)
    for position, node_spec in enumerate(spec.nodes.values()):
        fields = node_fields(node_spec, spec, position, edges)
        row = existing.get(node_spec.id)
        if row is None:
            new_by_depth[len(node_spec.trail)].append({"guide_id": guide.pk, "slug": node_spec.id, **fields})
            continue
        names = tuple(name for name, value in fields.items() if row[name] != value)
        if names:
            # One UPDATE statement for every node whose same fields changed.
            changed[names].append([*(fields[name] for name in names), row["pk"]])
    for names, rows in changed.items():
        update_rows(Node, names, rows)
        report.count("nodes updated", len(rows))
    ids = {slug: row["pk"] for slug, row in existing.items()}
    # Parents first, so each new node is written with its parent's id.
    for depth in sorted(new_by_depth):
        batch = new_by_depth[depth]
        for row in batch:
            parent = spec.nodes[row["slug"]].parent
            row["parent_id"] = ids[parent] if parent else None
        insert_rows(Node, batch)
        # COPY and executemany give no ids back: read them, for the next depth's parents and for the answers.
        ids = dict(Node.objects.filter(guide=guide).order_by().values_list("slug", "pk"))
        report.count("nodes created", len(batch))

    gone = {slug: row for slug, row in existing.items() if slug not in spec.nodes}
    _redirect_removed(guide, spec, gone, ids, report)
    stale = [row["pk"] for row in gone.values()]
    for start in range(0, len(stale), BATCH):
        Node.objects.filter(pk__in=stale[start : start + BATCH]).delete()
    report.count("nodes deleted", len(stale))
    ids = {slug: pk for slug, pk in ids.items() if slug not in gone}

    reparented = []
    for slug, row in existing.items():
        if slug in spec.nodes:
            parent = spec.nodes[slug].parent
            parent_id = ids[parent] if parent else None
            if row["parent_id"] != parent_id:
                reparented.append([parent_id, row["pk"]])
    update_rows(Node, ("parent_id",), reparented)
    return guide.pk, ids, dict(report.counts) != counts_before


def _redirect_removed(
    guide: Guide, spec: GuideSpec, gone: dict[str, dict[str, Any]], ids: dict[str, int], report: LoadReport
) -> None:
    """Keep old links alive: each removed node's URL points at its closest ancestor that is still there.

    The removed node's stored trail is its old parent chain; when nothing on it survives, the guide's start.
    """
    redirects = list(NodeRedirect.objects.filter(guide=guide).values_list("pk", "old_slug", "target_id"))
    # A node that is back answers for itself again.
    back = [pk for pk, old_slug, _ in redirects if old_slug in spec.nodes]
    for start in range(0, len(back), BATCH):
        NodeRedirect.objects.filter(pk__in=back[start : start + BATCH]).delete()
    if not gone:
        return
    targets: dict[str, int] = {}
    for slug, row in gone.items():
        ancestors = [step["node"] for step in reversed(row["trail"] or [])]
        targets[slug] = ids[next((ancestor for ancestor in ancestors if ancestor in spec.nodes), START)]
    # Redirects that pointed at a removed node follow it, so there is never a chain or a dangling one.
    gone_slugs = {row["pk"]: slug for slug, row in gone.items()}
    retarget: dict[int, list[int]] = defaultdict(list)
    recorded = set()
    for pk, old_slug, target_id in redirects:
        if old_slug in spec.nodes:
            continue
        if old_slug in targets:
            recorded.add(old_slug)
            retarget[targets[old_slug]].append(pk)
        elif target_id in gone_slugs:
            retarget[targets[gone_slugs[target_id]]].append(pk)
    for target_id, pks in retarget.items():
        for start in range(0, len(pks), BATCH):
            NodeRedirect.objects.filter(pk__in=pks[start : start + BATCH]).update(target_id=target_id)
    NodeRedirect.objects.bulk_create(
        [
            NodeRedirect(guide=guide, old_slug=slug, target_id=target_id)
            for slug, target_id in targets.items()
            if slug not in recorded
        ],
        batch_size=BATCH,
    )
    report.count("redirects recorded", len(targets))


def _update_guide(guide: Guide, fields: dict[str, Any]) -> bool:
    changed = [name for name, value in fields.items() if getattr(guide, name) != value]
    if changed:
        for name in changed:
            setattr(guide, name, fields[name])
        guide.save(update_fields=changed)
    return bool(changed)


def _target_id(spec: GuideSpec, node: NodeSpec, target: str, ids: dict[str, int], elsewhere: dict[str, int]) -> int:
    if target in ids:
        return ids[target]
    if target in elsewhere:
        return elsewhere[target]
    # read_guides (and the admin) check links into other guides first; this is for callers that did not.
    message = f"an answer points at '{target}', which is not loaded"
    raise ContentErrors([ContentError(spec.source_file, node.line, node.id, message)])


def _sync_children(
    spec: GuideSpec, guide_id: int, ids: dict[str, int], elsewhere: dict[str, int], report: LoadReport
) -> None:
    """Answers, steps and aliases: rewrite a node's rows only where they differ.

    `elsewhere` holds the ids of other guides' nodes that answers lead to, by "<guide>/<node>".
    """
    have = {
        "answers": _rows(Choice, guide_id, ["label", "target_id", "is_link", "is_unsure"]),
        "steps": _rows(Step, guide_id, ["text"]),
        "aliases": _rows(Alias, guide_id, ["kind", "value", "meaning", "error_type"]),
    }
    create: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rewrite: dict[str, list[int]] = defaultdict(list)
    for node_spec in spec.nodes.values():
        node_id = ids[node_spec.id]
        want: dict[str, list[tuple[Any, ...]]] = {
            "answers": [
                (c.label, _target_id(spec, node_spec, c.target, ids, elsewhere), c.is_link, c.is_unsure)
                for c in node_spec.choices
            ],
            "steps": [(text,) for text in node_spec.steps],
            "aliases": [
                (Alias.Kind.CODE.value, code, meaning, node_spec.code_types.get(code, ""))
                for code, meaning in node_spec.codes.items()
            ]
            + [(Alias.Kind.PHRASE.value, phrase, "", "") for phrase in node_spec.phrases],
        }
        for what, rows in want.items():
            if have[what].get(node_id, []) == rows:
                continue
            rewrite[what].append(node_id)
            for position, row in enumerate(rows):
                create[what].append(_child(what, node_id, position, row))
    for what, model in (("answers", Choice), ("steps", Step), ("aliases", Alias)):
        if rewrite[what]:
            stale = [node_id for node_id in rewrite[what] if node_id in have[what]]
            for start in range(0, len(stale), BATCH):
                model.objects.filter(node_id__in=stale[start : start + BATCH]).delete()
            insert_rows(model, create[what])
            report.count(f"nodes with new {what}", len(rewrite[what]))


def _rows(model: type[Choice] | type[Step] | type[Alias], guide_id: int, fields: list[str]) -> dict[int, list[tuple]]:
    rows: dict[int, list[tuple]] = defaultdict(list)
    order = ["node_id", "position"] if model is not Alias else ["node_id", "pk"]
    for values in model.objects.filter(node__guide_id=guide_id).order_by(*order).values_list("node_id", *fields):
        rows[values[0]].append(tuple(values[1:]))
    return rows


def _child(what: str, node_id: int, position: int, row: tuple) -> dict[str, Any]:
    if what == "answers":
        label, target_id, is_link, is_unsure = row
        return {
            "node_id": node_id,
            "target_id": target_id,
            "label": label,
            "label_html": render_inline(label),
            "position": position,
            "is_link": is_link,
            "is_unsure": is_unsure,
        }
    if what == "steps":
        return {"node_id": node_id, "position": position + 1, "text": row[0], "html": render_block(row[0])}
    kind, value, meaning, error_type = row
    return {"node_id": node_id, "kind": kind, "value": value, "meaning": meaning, "error_type": error_type}
