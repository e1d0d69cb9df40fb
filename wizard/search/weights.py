"""Every number the ranking uses, named and explained in one place.

They were tuned on the search-quality tables (`tests/fixtures/search_queries/<guide>.yaml`, run by
`tests/search/test_quality.py`, where every query must find its node first): change a number here and run them.
The held-out table (`held-out.yaml`: how people really wrote about the same problems) is for measuring, not
tuning: a change that helps only its queries is fitting, not search.

A result's score is `code score + relevance`:
- the code score is CODE_EXACT, CODE_NEAR or CODE_MENTIONED (plus a small bonus for codes named earlier), so any
  node that lists the query's error code outranks any node that merely reads like the query;
- relevance (0 to 1) blends TEXT_WEIGHT x the share of query words a node matches with PHRASE_WEIGHT x how closely
  the whole query matches one of its phrases, times CHECK_PENALTY for cause checks.
"""

from __future__ import annotations

import math

# How much a query word found in each field counts (1.0: the field says exactly what the node is about). Codes,
# phrases (the messages users see) and titles name the node; the answer that leads to it nearly so; the code's
# meaning, the section and the cause describe it; the symptom and the "how to tell" text mention many things;
# steps mention everything they touch, so a word found only there says little. Checked against the held-out table
# when search learned stems and phrases: moving any one field by 0.2 either way changed one or two of its 84 queries,
# in both directions, so the weights stayed.
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

# Relevance = TEXT_WEIGHT x word share + PHRASE_WEIGHT x whole-phrase similarity (they add up to 1, so relevance
# stays in [0, 1]). Words carry most of it because agents describe a problem in their own words; the phrase part
# lifts the node whose message was pasted verbatim above nodes that merely share its words. Moving weight to
# phrases (0.5/0.5) loses typed descriptions; dropping it (0.8/0.2) loses pasted messages with text around them.
TEXT_WEIGHT = 0.65
PHRASE_WEIGHT = 0.35

# Codes: an exact code a node lists beats everything else; a code with one typo (rapidfuzz ratio >= NEAR_CODE_RATIO)
# still beats any text match; a code merely mentioned in a node's text is a hint worth one full text match.
CODE_EXACT, CODE_NEAR, CODE_MENTIONED = 10.0, 5.0, 1.0
NEAR_CODE_RATIO = 90

# Cause checks ("Is it this?") repeat their resolution's text; the resolution (or the section) is the better landing.
CHECK_PENALTY = 0.85

# Below this relevance a node is not shown: it shares a word or two with the query by chance.
MIN_SCORE = 0.3
# A long query (a customer's email) spreads over many words that no node has, so no node reaches MIN_SCORE even
# when one fits well. Past LONG_QUERY_WORDS words, a node within RELATIVE_FLOOR of the best is shown as well.
LONG_QUERY_WORDS = 12
RELATIVE_FLOOR = 0.6
# The same relative floor applies to a shorter query that reaches no node's MIN_SCORE, provided one of its words is
# distinctive: found in at most DISTINCTIVE_SHARE of the nodes. Words that are everywhere ("plaid", "error") do not
# count, nor words found nowhere: gibberish still finds nothing.
DISTINCTIVE_SHARE = 0.2
DISTINCTIVE_IDF = math.log(1 + 1 / DISTINCTIVE_SHARE)  # a word's idf is log(1 + nodes / nodes holding it)

# Whole-query similarity (rapidfuzz, 0-100): at or below PHRASE_FLOOR it says nothing. A phrase found inside a
# longer query (a message with text around it) is discounted, so an exact message still beats the same message
# with text around it; only phrases of at least MIN_INSIDE_PHRASE characters are looked for inside a query.
PHRASE_FLOOR = 60.0
PARTIAL_DISCOUNT = 0.95
MIN_INSIDE_PHRASE = 12
# Looking for phrases inside a query is costly (rapidfuzz's partial_ratio), so it is done only for the phrases of
# the entries whose words match the query best: a phrase that sits inside the query shares its words with it. This
# bounds the cost of a long email whatever the size of the guides.
INSIDE_CANDIDATES = 50

# An unknown query word may be one still being typed: the index words it starts count PREFIX_SIMILARITY (plurals
# and other forms of a known word are one stem already, see language.py). Or it is a typo of index words at least
# this similar (rapidfuzz ratio, on stems).
PREFIX_SIMILARITY = 0.85
TYPO_RATIO_LONG, TYPO_RATIO_SHORT = 80, 75
# A synonym a support team would use for a query word (language.SYNONYMS: "bank" for "institution") counts this
# much of the word itself; the word and its synonyms are then worth as much as they are rare together.
SYNONYM_SIMILARITY = 0.8
