"""Search by error code, error message or plain description: one function, ranked in Python.

The guides are a few hundred nodes, so an index of them fits in memory and rapidfuzz ranks it in a
few milliseconds on SQLite and PostgreSQL alike. The index is rebuilt whenever a cheap content
version (one aggregate query per search) changes, so every app server sees a `load_content` at once.

Ranking, best first:
1. An exact error code (also inside a pasted JSON error object) that a node lists as one of its codes.
2. A near-miss of such a code (one typo), or a code that a node's text mentions.
3. Text relevance: query words matched (typo-tolerant) against each node's fields, weighted by field
   and by how rare the word is, blended with how closely the whole query matches one of the node's
   phrases, title or answer label (error messages users see are stored as phrases).
"""

from __future__ import annotations

import html
import math
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Subquery, Sum
from django.db.models.functions import Length
from rapidfuzz import fuzz, process

from .content.graph import START
from .models import Alias, Node, Step
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
    mentions: set[str] = field(default_factory=set)
    # Filled by _Index: field -> the normalized words it holds; the normalized whole phrases.
    words: dict[str, set[str]] = field(default_factory=dict)
    phrases: list[str] = field(default_factory=list)


@dataclass
class _Index:
    entries: list[_Entry]
    idf: dict[str, float]
    vocabulary: list[str]
    codes: dict[str, list[int]]

    @classmethod
    def build(cls, entries: list[_Entry]) -> _Index:
        document_frequency: dict[str, int] = defaultdict(int)
        codes: dict[str, list[int]] = defaultdict(list)
        for position, entry in enumerate(entries):
            entry.words = {name: set(_words(" ".join(texts))) for name, texts in entry.fields.items()}
            entry.phrases = [_normalize(text) for name in PHRASE_FIELDS for text in entry.fields.get(name, [])]
            for word in set().union(*entry.words.values()) if entry.words else ():
                document_frequency[word] += 1
            for code in entry.codes:
                codes[code].append(position)
        total = max(len(entries), 1)
        idf = {word: math.log(1 + total / count) for word, count in document_frequency.items()}
        return cls(entries=entries, idf=idf, vocabulary=sorted(idf), codes=dict(codes))


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
    """A cheap fingerprint of the searchable content, in one query.

    `load_content` creates nodes (count, max id), rewrites aliases and steps by deleting and
    re-creating them (their max id moves), and updates texts in place (their total length moves).
    The alias and step maxima are scalar subqueries inside the aggregate, so it all stays one query.
    """
    latest_alias = Subquery(Alias.objects.order_by("-pk").values("pk")[:1])
    latest_step = Subquery(Step.objects.order_by("-pk").values("pk")[:1])
    row = _published_nodes().aggregate(
        nodes=Count("pk"),
        latest=Max("pk"),
        size=Sum(Length("title_html") + Length("body_html") + Length("symptom_html") + Length("cause_html")),
        aliases=Max(latest_alias),
        steps=Max(latest_step),
    )
    return tuple(sorted(row.items()))


def _load_entries() -> list[_Entry]:
    nodes = list(_published_nodes().select_related("guide").order_by("guide__position", "guide__slug", "position"))
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
    for alias in Alias.objects.filter(node_id__in=entries).order_by("node_id", "kind", "value"):
        entry = entries[alias.node_id]
        if alias.kind == Alias.Kind.CODE:
            entry.codes[alias.value.upper()] = alias.meaning
            entry.fields["code"].append(alias.value)
            if alias.meaning:
                entry.fields["meaning"].append(alias.meaning)
        else:
            entry.fields["phrase"].append(alias.value)
            # A phrase such as PENDING_EXPIRATION is a webhook or error name: match it exactly too.
            if CODE_RE.fullmatch(alias.value) and ("_" in alias.value or "-" in alias.value):
                entry.codes.setdefault(alias.value.upper(), "")
    for node_id, text in (
        Step.objects.filter(node_id__in=entries).order_by("node_id", "position").values_list("node_id", "text")
    ):
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
        for candidate in index.vocabulary:
            if candidate.startswith(word) and candidate != word:
                found[candidate] = 0.85
    if word in index.idf:
        found[word] = 1.0
        return found, index.idf[word]
    if len(word) >= 4:
        cutoff = 80 if len(word) >= 6 else 75
        for match, score, _ in process.extract(word, index.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=4):
            found[match] = max(found.get(match, 0.0), score / 100)
    worth = max((similarity * index.idf[term] for term, similarity in found.items()), default=0.0)
    # A word found nowhere still counts in the total, as the rarest word would.
    return found, worth or max(index.idf.values(), default=1.0)


def _text_scores(query: str, index: _Index) -> list[float]:
    """For each entry: the rarity-weighted share of query words it matches, in [0, 1]."""
    words = list(dict.fromkeys(_words(query)))
    if not words:
        return [0.0] * len(index.entries)
    expansions = [_expand(word, index) for word in words]
    total = sum(worth for _, worth in expansions)
    scores = []
    for entry in index.entries:
        score = 0.0
        for expansion, worth in expansions:
            best = 0.0
            for name, words_in_field in entry.words.items():
                weight = FIELD_WEIGHTS[name]
                for term, similarity in expansion.items():
                    if term in words_in_field:
                        best = max(best, weight * similarity * index.idf[term])
            score += min(best, worth)
        scores.append(score / total)
    return scores


def _phrase_score(query: str, entry: _Entry) -> float:
    """How closely the whole query matches one of the entry's phrases, in [0, 1]."""
    normalized = _normalize(query)
    if not normalized or not entry.phrases:
        return 0.0
    best = 0.0
    for phrase in entry.phrases:
        score = max(fuzz.ratio(normalized, phrase), fuzz.token_sort_ratio(normalized, phrase))
        # A message pasted with text around it ("Error: Connectivity not supported for this bank").
        if len(phrase) >= 12 and len(normalized) > len(phrase):
            score = max(score, 0.95 * fuzz.partial_ratio(phrase, normalized))
        best = max(best, score)
    return max(0.0, (best - 60) / 40)


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
            near = process.extract(code, list(index.codes), scorer=fuzz.ratio, score_cutoff=90, limit=3)
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
    wanted = set(codes)
    text = _text_scores(query, index)
    ranked = []
    for position, entry in enumerate(index.entries):
        if guide is not None and entry.guide_slug != guide:
            continue
        relevance = 0.65 * text[position] + 0.35 * _phrase_score(query, entry)
        if entry.slug.startswith("check-"):
            relevance *= CHECK_PENALTY
        code_score, code = code_hits.get(position, (0.0, ""))
        if not code_score and wanted & entry.mentions:
            code_score = CODE_MENTIONED
        if not code_score and relevance < MIN_SCORE:
            continue
        ranked.append((code_score + relevance, position, code))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return [_result(index.entries[position], score, code) for score, position, code in ranked[:limit]]


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
    )
