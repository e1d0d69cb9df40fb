"""Ranking: a query against the index, best first. The numbers it uses live in weights.py, explained.

Best first:
1. An exact error code (also the `error_code` of a pasted JSON error object, or a code inside an email) that a
   node lists as one of its codes.
2. A near-miss of such a code (one typo), or a code that a node's text mentions.
3. Text relevance: query words matched against each node's fields, weighted by field and by how rare the word is,
   blended with how closely the whole query matches one of the node's phrases, title or answer label (error
   messages users see are stored as phrases). Words are compared as language.py reads them (stems, phrases said
   several ways joined, stop words dropped), with typos, words still being typed and synonyms tolerated.

A query whose words mean something in the guides never ends on an empty page: when no node reaches MIN_SCORE, the
nodes nearest the best are shown.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from ..content.graph import START
from ..walk_urls import node_url
from .index import Entry, Index, current_index
from .language import synonyms, terms
from .query import clean_query, normalize, parse_query
from .weights import (
    CODE_EXACT,
    CODE_MENTIONED,
    CODE_NEAR,
    DISTINCTIVE_IDF,
    INSIDE_CANDIDATES,
    LONG_QUERY_WORDS,
    MIN_INSIDE_PHRASE,
    MIN_SCORE,
    NEAR_CODE_RATIO,
    PARTIAL_DISCOUNT,
    PHRASE_FLOOR,
    PHRASE_WEIGHT,
    PREFIX_SIMILARITY,
    RELATIVE_FLOOR,
    SYNONYM_SIMILARITY,
    TEXT_WEIGHT,
    TYPO_RATIO_LONG,
    TYPO_RATIO_SHORT,
)


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


def _expand(word: str, index: Index) -> tuple[dict[str, float], float]:
    """Index words a query word may mean, each with a similarity in (0, 1], and what a full match is worth.

    A known word means itself and the synonyms a support team uses for it: together they are one concept, worth
    as much as the concept is rare ("customer" is rare in the guides, but "user" is everywhere). An unknown word
    may be one still being typed (the longer words it starts), a typo (its closest index words, discounted by how
    far they are from it), or a synonym of words the guides use.
    """
    known = {other: SYNONYM_SIMILARITY for other in synonyms(word) if other in index.idf}
    if word in index.idf:
        known[word] = 1.0
        return known, _concept_idf(known, index) if len(known) > 1 else index.idf[word]
    found: dict[str, float] = {}
    if len(word) >= 3:
        # The vocabulary is sorted: the words a prefix starts sit together right after where it would go.
        vocabulary = index.vocabulary
        for at in range(bisect.bisect_right(vocabulary, word), len(vocabulary)):
            if not vocabulary[at].startswith(word):
                break
            found[vocabulary[at]] = PREFIX_SIMILARITY
    if len(word) >= 4:
        cutoff = TYPO_RATIO_LONG if len(word) >= 6 else TYPO_RATIO_SHORT
        for match, score, _ in process.extract(word, index.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=4):
            found[match] = max(found.get(match, 0.0), score / 100)
    for other, similarity in known.items():
        found[other] = max(found.get(other, 0.0), similarity)
    worth = max((similarity * index.idf[term] for term, similarity in found.items()), default=0.0)
    return found, worth or index.rarest


def _concept_idf(words: dict[str, float], index: Index) -> float:
    """The rarity of a word and its synonyms taken together: log(1 + nodes / nodes holding any of them)."""
    holders = np.unique(np.concatenate([index.postings[word][0] for word in words]))
    return math.log(1 + len(index.entries) / len(holders))


def _text_scores(query_words: list[str], index: Index) -> tuple[np.ndarray, bool]:
    """For each entry: the rarity-weighted share of the query's (distinct) words it matches, in [0, 1]; and whether
    one of the query's words (or a form, synonym or typo of it) is distinctive in the guides."""
    scores = np.zeros(len(index.entries))
    if not query_words:
        return scores, False
    expansions = [_expand(word, index) for word in query_words]
    distinctive = any(
        similarity * index.idf[term] >= DISTINCTIVE_IDF for found, _ in expansions for term, similarity in found.items()
    )
    total = sum(worth for _, worth in expansions)
    for expansion, worth in expansions:
        # Per entry, the best (field weight x similarity x rarity) of any index word this query word may mean.
        best = np.zeros(len(index.entries))
        for term, similarity in expansion.items():
            positions, weights = index.postings[term]
            best[positions] = np.maximum(best[positions], weights * similarity * index.idf[term])
        scores += np.minimum(best, worth)
    return scores / total, distinctive


def _phrase_scores(query: str, index: Index, text: np.ndarray) -> np.ndarray:
    """For each entry: how closely the whole query matches one of its phrases, in [0, 1].

    Similarities at or below PHRASE_FLOOR count for nothing, so rapidfuzz's cutoff zeroes them in C.
    """
    normalized = normalize(query)
    best = np.zeros(len(index.entries))
    if not normalized or not index.phrases:
        return best

    def similarity(text: str, phrases: list[str], scorer: Callable[..., float], cutoff: float) -> np.ndarray:
        scores: np.ndarray = process.cdist([text], phrases, scorer=scorer, score_cutoff=cutoff, dtype=np.float64)
        return scores.ravel()  # one query: its only row

    scores = similarity(normalized, index.phrases, fuzz.ratio, PHRASE_FLOOR)
    # token_sort_ratio is ratio over word-sorted strings; the phrases were sorted once, at build.
    ordered = " ".join(sorted(normalized.split()))
    np.maximum(scores, similarity(ordered, index.sorted_phrases, fuzz.ratio, PHRASE_FLOOR), out=scores)
    # A message pasted with text around it ("Error: Connectivity not supported for this bank"): phrases of at
    # least MIN_INSIDE_PHRASE characters, shorter than the query, may sit inside it.
    low = bisect.bisect_left(index.phrase_lengths, MIN_INSIDE_PHRASE)
    high = bisect.bisect_left(index.phrase_lengths, len(normalized))
    # partial_ratio is the costly one (a pasted error object against every phrase took 30 ms at 10,000 nodes), and
    # a phrase inside the query shares its words with it: so only phrases of the INSIDE_CANDIDATES entries that
    # match the query's words best. (Stems and synonyms let some word of a long email match most entries.)
    matched = np.flatnonzero(text > 0)
    least = 0.0
    if len(matched) > INSIDE_CANDIDATES:
        least = float(np.partition(text[matched], -INSIDE_CANDIDATES)[-INSIDE_CANDIDATES])
    owners = text[index.phrase_owners[low:high]]
    inside = low + np.flatnonzero((owners > 0) & (owners >= least))
    if len(inside):
        phrases = [index.phrases[at] for at in inside.tolist()]
        found = similarity(normalized, phrases, fuzz.partial_ratio, PHRASE_FLOOR / PARTIAL_DISCOUNT)
        scores[inside] = np.maximum(scores[inside], PARTIAL_DISCOUNT * found)
    np.maximum.at(best, index.phrase_owners, scores)
    return np.where(best > PHRASE_FLOOR, (best - PHRASE_FLOOR) / (100 - PHRASE_FLOOR), 0.0)


def _code_match(codes: list[str], index: Index) -> dict[int, tuple[float, str]]:
    """Entries whose own codes match a code of the query: exactly, or with one typo."""
    matches: dict[int, tuple[float, str]] = {}
    for rank, code in enumerate(codes):
        # Codes earlier in the query (the `error_code` of a pasted object) outrank later ones.
        order_bonus = 1 - rank / (len(codes) + 1)
        exact = index.codes.get(code)
        if exact:
            hits, bonus = [(code, position) for position in exact], CODE_EXACT
        else:
            near = process.extract(code, index.code_names, scorer=fuzz.ratio, score_cutoff=NEAR_CODE_RATIO, limit=3)
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
    index = current_index()
    parsed = parse_query(query)
    codes = parsed.codes
    code_hits = _code_match(codes, index) if codes else {}
    code_scores = np.zeros(len(index.entries))
    for code in codes:
        code_scores[index.mentioned.get(code, [])] = CODE_MENTIONED
    for position, (value, _) in code_hits.items():
        code_scores[position] = value
    query_words = list(dict.fromkeys(terms(parsed.text)))
    text, distinctive = _text_scores(query_words, index)
    relevance = (TEXT_WEIGHT * text + PHRASE_WEIGHT * _phrase_scores(parsed.text, index, text)) * index.penalty
    floor = MIN_SCORE
    best = float(relevance.max()) if len(relevance) else 0.0
    # A long query (an email) spreads over words no node has; a short one in the reader's own words may match no node
    # well. Either way, when its words do mean something in the guides, the nodes nearest the best are shown: never
    # an empty page for a query the guides can answer.
    if len(query_words) > LONG_QUERY_WORDS or (distinctive and best < MIN_SCORE):
        floor = min(MIN_SCORE, RELATIVE_FLOOR * best)
    wanted = (code_scores > 0) | ((relevance >= floor) & (relevance > 0))
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


def _result(entry: Entry, score: float, code: str) -> SearchResult:
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
