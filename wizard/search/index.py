"""The search index: every published question and resolution, precomputed once per content fingerprint.

Built in memory once per content fingerprint (about 1.5 s at 10,000 nodes), it then answers a query in a few
milliseconds on SQLite and PostgreSQL alike: an inverted index from words to nodes, numpy arrays over the nodes,
and a flat list of phrases that rapidfuzz compares with the query in C. A cheap fingerprint of all published
content (one small query per search) tells each process when to rebuild, so every app server sees a
`load_content` or a publish at once.
"""

from __future__ import annotations

import functools
import math
import threading
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import QuerySet

from ..content.render import html_text
from ..models import Alias, Guide, Node, Step
from .language import terms
from .query import CODE_RE, code_tokens, normalize
from .weights import CHECK_PENALTY, FIELD_WEIGHTS, PHRASE_FIELDS

# Answers that say nothing about where a node sits.
BARE_ANSWERS = {"yes", "no", "not sure", "none of these"}


@dataclass
class Entry:
    node_id: int
    guide_slug: str
    guide_title: str
    slug: str
    kind: str
    title: str
    title_html: str
    trail: tuple[str, ...]
    fields: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[str, str] = field(default_factory=dict)
    code_types: dict[str, str] = field(default_factory=dict)
    mentions: set[str] = field(default_factory=set)


@dataclass
class Index:
    """Everything a query needs, precomputed once per content fingerprint, as arrays over the entries.

    A query then costs a few vectorised passes instead of Python loops over every entry: `postings` maps
    each word to the entries holding it and the weight of the best field it sits in, and the whole-phrase
    fields are one flat list (normalized, and word-sorted for token_sort_ratio) that rapidfuzz compares
    with the query in C. Phrases are sorted by length, so the ones that can sit inside a longer pasted
    message are one slice.
    """

    entries: list[Entry]
    idf: dict[str, float]
    vocabulary: list[str]
    postings: dict[str, tuple[np.ndarray, np.ndarray]]
    codes: dict[str, list[int]]
    code_names: list[str]
    mentioned: dict[str, list[int]]
    phrases: list[str]
    sorted_phrases: list[str]
    phrase_lengths: list[int]
    phrase_owners: np.ndarray
    # 1.0, or CHECK_PENALTY for cause checks; and each entry's guide, for the guide filter.
    penalty: np.ndarray
    guides: np.ndarray
    guide_slugs: list[str]
    rarest: float

    @classmethod
    def build(cls, entries: list[Entry]) -> Index:
        holders: dict[str, dict[int, float]] = defaultdict(dict)
        codes: dict[str, list[int]] = defaultdict(list)
        mentioned: dict[str, list[int]] = defaultdict(list)
        phrases: list[tuple[str, int]] = []
        for position, entry in enumerate(entries):
            for name, texts in entry.fields.items():
                weight = FIELD_WEIGHTS[name]
                for word in set(terms(" ".join(texts))):
                    if weight > holders[word].get(position, 0.0):
                        holders[word][position] = weight
            phrases += [(normalize(text), position) for name in PHRASE_FIELDS for text in entry.fields.get(name, [])]
            for code in entry.codes:
                codes[code].append(position)
            for code in entry.mentions:
                mentioned[code].append(position)
        total = max(len(entries), 1)
        idf = {word: math.log(1 + total / len(found)) for word, found in holders.items()}
        phrases.sort(key=lambda item: len(item[0]))
        slugs = sorted({entry.guide_slug for entry in entries})
        return cls(
            entries=entries,
            idf=idf,
            vocabulary=sorted(idf),
            postings={
                word: (np.fromiter(found, dtype=np.intp, count=len(found)), np.fromiter(found.values(), dtype=float))
                for word, found in holders.items()
            },
            codes=dict(codes),
            code_names=list(codes),
            mentioned=dict(mentioned),
            phrases=[text for text, _ in phrases],
            sorted_phrases=[" ".join(sorted(text.split())) for text, _ in phrases],
            phrase_lengths=[len(text) for text, _ in phrases],
            phrase_owners=np.array([position for _, position in phrases], dtype=np.intp),
            penalty=np.array([CHECK_PENALTY if entry.slug.startswith("check-") else 1.0 for entry in entries]),
            guides=np.array([slugs.index(entry.guide_slug) for entry in entries], dtype=np.intp),
            guide_slugs=slugs,
            # A word found nowhere still counts in a query's total, as the rarest word would.
            rarest=max(idf.values(), default=1.0),
        )


# --- the index, per process, rebuilt when the content's fingerprint changes ---------------------------------

# What `content_fingerprint` returns: compared, never read.
Fingerprint = tuple[object, ...]

_cache: tuple[Fingerprint, Index] | None = None
_cache_lock = threading.Lock()


def _published_nodes() -> QuerySet[Node]:
    return Node.objects.filter(guide__is_draft=False, kind__in=[Node.Kind.QUESTION, Node.Kind.RESOLUTION])


def content_fingerprint() -> Fingerprint:
    """A cheap fingerprint of the searchable content: one query over the few guides, whatever their size.

    Every import or publish that changes a guide bumps its `content_version` (texts updated in place too);
    the guides' count and latest id follow guides added, removed or (un)published. Nodes, aliases and steps
    are created rather than renumbered, so their latest ids (index look-ups) follow them even when written
    without an import. Summing node text lengths, as this once did, read every node (23 ms at 10,000 nodes).
    """
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql(), [False])
        row: Fingerprint = cursor.fetchone()  # an aggregate: always one row
        return row


@functools.cache
def _fingerprint_sql() -> str:
    # Written once as SQL: it runs on every search, and compiling the same aggregate with the ORM took
    # ten times longer than the database took to answer it.
    name = connection.ops.quote_name
    guide, node, alias, step = (name(model._meta.db_table) for model in (Guide, Node, Alias, Step))
    return (
        f"SELECT COUNT(*), MAX(id), SUM(content_version), (SELECT MAX(id) FROM {node}),"
        f" (SELECT MAX(id) FROM {alias}), (SELECT MAX(id) FROM {step}) FROM {guide} WHERE is_draft = %s"
    )


def _load_entries() -> list[Entry]:
    # Only the columns search reads: the guide's whole Markdown (megabytes for a big guide) copied into every
    # node row made this one query take over a minute at 10,000 nodes on SQLite.
    nodes = (
        _published_nodes()
        .select_related("guide")
        .only(
            *("guide", "guide__slug", "guide__title", "slug", "kind", "title", "title_html", "trail"),
            *("body_html", "symptom_html", "cause_html"),
        )
        .order_by("guide__position", "guide__slug", "position")
    )
    entries = {}
    for node in nodes:
        trail = [step["answer"] for step in node.trail]
        entry = Entry(
            node_id=node.pk,
            guide_slug=node.guide.slug,
            guide_title=node.guide.title,
            slug=node.slug,
            kind=node.kind,
            title=html_text(node.title_html) or node.title,
            title_html=node.title_html,
            trail=tuple(answer for answer in trail if answer.strip().lower() not in BARE_ANSWERS),
        )
        entry.fields["title"].append(entry.title)
        if trail:
            entry.fields["section"].append(trail[0])
            # The answer that leads here names the node itself, unless it is a bare yes or no.
            if len(trail) == 1 or trail[-1].strip().lower() not in BARE_ANSWERS:
                entry.fields["answer"].append(trail[-1])
        for name, value in (("symptom", node.symptom_html), ("cause", node.cause_html), ("how", node.body_html)):
            if value:
                entry.fields[name].append(html_text(value))
        entries[node.pk] = entry
    # A subquery, not a list of ids: SQLite caps the parameters of one statement.
    published = _published_nodes().values("pk")
    for alias in Alias.objects.filter(node_id__in=published).order_by("node_id", "kind", "value"):
        entry = entries[alias.node_id]
        if alias.kind == Alias.Kind.CODE:
            entry.codes[alias.value.upper()] = alias.meaning
            if alias.error_type:
                entry.code_types[alias.value.upper()] = alias.error_type
            entry.fields["code"].append(alias.value)
            if alias.meaning:
                entry.fields["meaning"].append(alias.meaning)
        else:
            entry.fields["phrase"].append(alias.value)
            # A phrase such as PENDING_EXPIRATION is a webhook or error name: match it exactly too.
            if CODE_RE.fullmatch(alias.value) and ("_" in alias.value or "-" in alias.value):
                entry.codes.setdefault(alias.value.upper(), "")
    steps = Step.objects.filter(node_id__in=published).order_by("node_id", "position").values_list("node_id", "text")
    for node_id, text in steps:
        entries[node_id].fields["steps"].append(text)
    for entry in entries.values():
        entry.mentions = {code for texts in entry.fields.values() for text in texts for code in code_tokens(text)}
    return list(entries.values())


def current_index() -> Index:
    global _cache
    fingerprint = content_fingerprint()
    cached = _cache
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    with _cache_lock:
        if _cache is not None and _cache[0] == fingerprint:
            return _cache[1]
        index = Index.build(_load_entries())
        _cache = (fingerprint, index)
        return index
