"""Search by error code, error message or plain description: one function, ranked in Python.

An index of the published nodes is built in memory once per content version (about 1.5 s at 10,000 nodes) and
then answers a query in a few milliseconds on SQLite and PostgreSQL alike: an inverted index from words to
nodes, numpy arrays over the nodes, and rapidfuzz comparing the query with every phrase in C. A cheap content
version (one small query per search) tells each process when to rebuild, so every app server sees a
`load_content` or a publish at once.

Ranking, best first:
1. An exact error code (also inside a pasted JSON error object) that a node lists as one of its codes.
2. A near-miss of such a code (one typo), or a code that a node's text mentions.
3. Text relevance: query words matched (typo-tolerant) against each node's fields, weighted by field
   and by how rare the word is, blended with how closely the whole query matches one of the node's
   phrases, title or answer label (error messages users see are stored as phrases).
"""

from __future__ import annotations

import bisect
import functools
import html
import math
import re
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from rapidfuzz import fuzz, process

from .content.graph import START
from .models import Alias, Guide, Node, Step
from .selectors import node_url

# Long enough for a pasted Plaid error object (its error_code can sit a few hundred characters in).
MAX_QUERY_LENGTH = 500

# A code-like token: starts with a letter, at least four characters, joined by `_` or `-`.
CODE_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{3,}")
# The `error_code` of a pasted Plaid error object names the code the user actually hit.
ERROR_CODE_FIELD_RE = re.compile(r"""["']?error_code["']?\s*[:=]\s*["']?([A-Za-z][A-Za-z0-9_-]{3,})""", re.I)
TAG_RE = re.compile(r"<[^>]+>")
WORD_RE = re.compile(r"[a-z0-9]+")
# Answers that say nothing about where a node sits.
BARE_ANSWERS = {"yes", "no", "not sure", "none of these"}
# Words too common to say anything about a node.
_COMMON_WORDS = """a an and are as at be but by can do does for from has have how i if in into is it its me my of on or
our so that the their them then there they this to was we what when where which while who why will with you your"""
STOPWORDS = frozenset(_COMMON_WORDS.split())

# How much a match in each field counts (1.0: the field says exactly what the node is about).
FIELD_WEIGHTS = {
    "code": 1.0,
    "phrase": 1.0,
    "title": 1.0,
    "answer": 0.9,
    "meaning": 0.7,
    "section": 0.6,
    "cause": 0.6,
    "symptom": 0.45,
    "how": 0.45,
    "steps": 0.25,
}
# Fields whose whole text is compared with the whole query (an error message pasted as is).
PHRASE_FIELDS = ("code", "phrase", "title", "answer", "meaning")
CODE_EXACT, CODE_NEAR, CODE_MENTIONED = 10.0, 5.0, 1.0
# Cause checks repeat their resolution's text; the resolution (or the section) is the better landing.
CHECK_PENALTY = 0.85
MIN_SCORE = 0.3
# A whole-query match below this similarity (0-100) says nothing; a partial one (a phrase inside a longer
# query) is discounted, so an exact message still beats the same message with text around it.
PHRASE_FLOOR = 60.0
PARTIAL_DISCOUNT = 0.95


@dataclass(frozen=True)
class SearchResult:
    guide_slug: str
    guide_title: str
    node_slug: str
    kind: str
    title: str
    title_html: str
    url: str
    trail: tuple[str, ...]
    score: float
    code: str = ""
    code_meaning: str = ""
    code_type: str = ""


@dataclass
class _Entry:
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
class _Index:
    """Everything a query needs, precomputed once per content version, as arrays over the entries.

    A query then costs a few vectorised passes instead of Python loops over every entry: `postings` maps
    each word to the entries holding it and the weight of the best field it sits in, and the whole-phrase
    fields are one flat list (normalized, and word-sorted for token_sort_ratio) that rapidfuzz compares
    with the query in C. Phrases are sorted by length, so the ones that can sit inside a longer pasted
    message are one slice.
    """

    entries: list[_Entry]
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
    def build(cls, entries: list[_Entry]) -> _Index:
        holders: dict[str, dict[int, float]] = defaultdict(dict)
        codes: dict[str, list[int]] = defaultdict(list)
        mentioned: dict[str, list[int]] = defaultdict(list)
        phrases: list[tuple[str, int]] = []
        for position, entry in enumerate(entries):
            for name, texts in entry.fields.items():
                weight = FIELD_WEIGHTS[name]
                for word in set(_words(" ".join(texts))):
                    if weight > holders[word].get(position, 0.0):
                        holders[word][position] = weight
            phrases += [(_normalize(text), position) for name in PHRASE_FIELDS for text in entry.fields.get(name, [])]
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


def _strip_html(text: str) -> str:
    return html.unescape(TAG_RE.sub(" ", text))


def _normalize(text: str) -> str:
    """Lower case, words only: `INVALID_LINK_TOKEN` and "invalid link token" read the same."""
    return " ".join(WORD_RE.findall(text.lower()))


def _words(text: str) -> list[str]:
    return [word for word in WORD_RE.findall(text.lower()) if word not in STOPWORDS]


def _code_tokens(text: str) -> list[str]:
    return [token.upper() for token in CODE_RE.findall(text) if "_" in token or "-" in token]


def extract_codes(query: str) -> list[str]:
    """Code-like tokens of a query, upper case, the `error_code` of a pasted error object first."""
    named = [match.upper() for match in ERROR_CODE_FIELD_RE.findall(query)]
    return list(dict.fromkeys(named + _code_tokens(query)))


def clean_query(query: str) -> str:
    """Trim, collapse white space and cut to a sane length: any input is searchable, none is an error."""
    query = "".join(ch if ch.isprintable() else " " for ch in query)
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


# --- the index, per process, rebuilt when the content version changes ---------------------------------

_cache: tuple[tuple, _Index] | None = None
_cache_lock = threading.Lock()


def _published_nodes():
    return Node.objects.filter(guide__is_draft=False, kind__in=[Node.Kind.QUESTION, Node.Kind.RESOLUTION])


def content_version() -> tuple:
    """A cheap fingerprint of the searchable content: one query over the few guides, whatever their size.

    Every import or publish that changes a guide bumps its `content_version` (texts updated in place too);
    the guides' count and latest id follow guides added, removed or (un)published. Nodes, aliases and steps
    are created rather than renumbered, so their latest ids (index look-ups) follow them even when written
    without an import. Summing node text lengths, as this once did, read every node (23 ms at 10,000 nodes).
    """
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [False])
        return tuple(cursor.fetchone())


@functools.cache
def _version_sql() -> str:
    # Written once as SQL: it runs on every search, and compiling the same aggregate with the ORM took
    # ten times longer than the database took to answer it.
    name = connection.ops.quote_name
    guide, node, alias, step = (name(model._meta.db_table) for model in (Guide, Node, Alias, Step))
    return (
        f"SELECT COUNT(*), MAX(id), SUM(content_version), (SELECT MAX(id) FROM {node}),"
        f" (SELECT MAX(id) FROM {alias}), (SELECT MAX(id) FROM {step}) FROM {guide} WHERE is_draft = %s"
    )


def _load_entries() -> list[_Entry]:
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
        trail = [step.get("answer", "") for step in node.trail]
        entry = _Entry(
            node_id=node.pk,
            guide_slug=node.guide.slug,
            guide_title=node.guide.title,
            slug=node.slug,
            kind=node.kind,
            title=_strip_html(node.title_html).strip() or node.title,
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
                entry.fields[name].append(_strip_html(value))
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
        entry.mentions = {code for texts in entry.fields.values() for text in texts for code in _code_tokens(text)}
    return list(entries.values())


def _index() -> _Index:
    global _cache
    version = content_version()
    cached = _cache
    if cached is not None and cached[0] == version:
        return cached[1]
    with _cache_lock:
        if _cache is not None and _cache[0] == version:
            return _cache[1]
        index = _Index.build(_load_entries())
        _cache = (version, index)
        return index


# --- ranking ----------------------------------------------------------------------------------------


def _expand(word: str, index: _Index) -> tuple[dict[str, float], float]:
    """Index words a query word may mean, each with a similarity in (0, 1], and what a full match is worth.

    A known word means itself, or a longer word it starts (plurals, a word still being typed). An unknown
    word is a typo: it means its closest index words, discounted by how far they are from it.
    """
    found: dict[str, float] = {}
    if len(word) >= 3:
        # The vocabulary is sorted: the words a prefix starts sit together right after where it would go.
        vocabulary = index.vocabulary
        for at in range(bisect.bisect_right(vocabulary, word), len(vocabulary)):
            if not vocabulary[at].startswith(word):
                break
            found[vocabulary[at]] = 0.85
    if word in index.idf:
        found[word] = 1.0
        return found, index.idf[word]
    if len(word) >= 4:
        cutoff = 80 if len(word) >= 6 else 75
        for match, score, _ in process.extract(word, index.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=4):
            found[match] = max(found.get(match, 0.0), score / 100)
    worth = max((similarity * index.idf[term] for term, similarity in found.items()), default=0.0)
    return found, worth or index.rarest


def _text_scores(query: str, index: _Index) -> np.ndarray:
    """For each entry: the rarity-weighted share of query words it matches, in [0, 1]."""
    scores = np.zeros(len(index.entries))
    words = list(dict.fromkeys(_words(query)))
    if not words:
        return scores
    expansions = [_expand(word, index) for word in words]
    total = sum(worth for _, worth in expansions)
    for expansion, worth in expansions:
        # Per entry, the best (field weight x similarity x rarity) of any index word this query word may mean.
        best = np.zeros(len(index.entries))
        for term, similarity in expansion.items():
            positions, weights = index.postings[term]
            best[positions] = np.maximum(best[positions], weights * similarity * index.idf[term])
        scores += np.minimum(best, worth)
    return scores / total


def _phrase_scores(query: str, index: _Index, text: np.ndarray) -> np.ndarray:
    """For each entry: how closely the whole query matches one of its phrases, in [0, 1].

    Similarities at or below PHRASE_FLOOR count for nothing, so rapidfuzz's cutoff zeroes them in C.
    """
    normalized = _normalize(query)
    best = np.zeros(len(index.entries))
    if not normalized or not index.phrases:
        return best

    def similarity(text: str, phrases: list[str], scorer: Callable, cutoff: float) -> np.ndarray:
        return process.cdist([text], phrases, scorer=scorer, score_cutoff=cutoff, dtype=np.float64)[0]

    scores = similarity(normalized, index.phrases, fuzz.ratio, PHRASE_FLOOR)
    # token_sort_ratio is ratio over word-sorted strings; the phrases were sorted once, at build.
    ordered = " ".join(sorted(normalized.split()))
    np.maximum(scores, similarity(ordered, index.sorted_phrases, fuzz.ratio, PHRASE_FLOOR), out=scores)
    # A message pasted with text around it ("Error: Connectivity not supported for this bank"): phrases of at
    # least 12 characters, shorter than the query, may sit inside it.
    low = bisect.bisect_left(index.phrase_lengths, 12)
    high = bisect.bisect_left(index.phrase_lengths, len(normalized))
    # partial_ratio is the costly one (a pasted error object against every phrase took 30 ms at 10,000 nodes), and
    # a phrase inside the query shares its words with it: so only phrases of entries some query word matched.
    inside = low + np.flatnonzero(text[index.phrase_owners[low:high]] > 0)
    if len(inside):
        phrases = [index.phrases[at] for at in inside.tolist()]
        found = similarity(normalized, phrases, fuzz.partial_ratio, PHRASE_FLOOR / PARTIAL_DISCOUNT)
        scores[inside] = np.maximum(scores[inside], PARTIAL_DISCOUNT * found)
    np.maximum.at(best, index.phrase_owners, scores)
    return np.where(best > PHRASE_FLOOR, (best - PHRASE_FLOOR) / (100 - PHRASE_FLOOR), 0.0)


def _code_match(codes: list[str], index: _Index) -> dict[int, tuple[float, str]]:
    """Entries whose own codes match a code of the query: exactly, or with one typo."""
    matches: dict[int, tuple[float, str]] = {}
    for rank, code in enumerate(codes):
        # Codes earlier in the query (the `error_code` of a pasted object) outrank later ones.
        order_bonus = 1 - rank / (len(codes) + 1)
        exact = index.codes.get(code)
        if exact:
            hits, bonus = [(code, position) for position in exact], CODE_EXACT
        else:
            near = process.extract(code, index.code_names, scorer=fuzz.ratio, score_cutoff=90, limit=3)
            hits, bonus = [(name, position) for name, _, _ in near for position in index.codes[name]], CODE_NEAR
        for name, position in hits:
            value = bonus + order_bonus
            if value > matches.get(position, (0.0, ""))[0]:
                matches[position] = (value, name)
    return matches


def search(query: str, *, limit: int = 10, guide: str | None = None) -> list[SearchResult]:
    """Questions and resolutions of published guides that match the query, best first."""
    query = clean_query(query)
    if not query or limit <= 0:
        return []
    index = _index()
    codes = extract_codes(query)
    code_hits = _code_match(codes, index) if codes else {}
    code_scores = np.zeros(len(index.entries))
    for code in codes:
        code_scores[index.mentioned.get(code, [])] = CODE_MENTIONED
    for position, (value, _) in code_hits.items():
        code_scores[position] = value
    text = _text_scores(query, index)
    relevance = (0.65 * text + 0.35 * _phrase_scores(query, index, text)) * index.penalty
    wanted = (code_scores > 0) | (relevance >= MIN_SCORE)
    if guide is not None:
        wanted &= index.guides == (index.guide_slugs.index(guide) if guide in index.guide_slugs else -1)
    positions = np.flatnonzero(wanted)
    totals = code_scores[positions] + relevance[positions]
    # Best first; equal scores keep the guides' order.
    best = positions[np.lexsort((positions, -totals))][:limit].tolist()
    scores = (code_scores + relevance)[best].tolist()
    return [
        _result(index.entries[position], score, code_hits.get(position, (0.0, ""))[1])
        for position, score in zip(best, scores, strict=True)
    ]


def _result(entry: _Entry, score: float, code: str) -> SearchResult:
    return SearchResult(
        guide_slug=entry.guide_slug,
        guide_title=entry.guide_title,
        node_slug=entry.slug,
        kind=entry.kind,
        title=entry.title,
        title_html=entry.title_html,
        url=node_url(entry.guide_slug, START if entry.slug == START else entry.slug),
        trail=entry.trail,
        score=round(score, 4),
        code=code,
        code_meaning=entry.codes.get(code, "") if code else "",
        code_type=entry.code_types.get(code, "") if code else "",
    )
