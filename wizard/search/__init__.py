"""Search by error code, error message or plain description, across every published guide: one function.

- query.py: what a query says (its words, its codes; a pasted JSON error object or an email).
- language.py: how words are read, for the guides and the query alike (stems, phrases, stop words, synonyms).
- index.py: the published nodes as an in-memory index, kept per process and rebuilt when the content changes.
- rank.py: the query against the index, best first.
- weights.py: every number the ranking uses, named and explained.
"""

from __future__ import annotations

from .index import content_fingerprint
from .query import MAX_QUERY_LENGTH, clean_query, extract_codes, lookup_code, parse_query
from .rank import SearchResult, search

__all__ = [
    "MAX_QUERY_LENGTH",
    "SearchResult",
    "clean_query",
    "content_fingerprint",
    "extract_codes",
    "lookup_code",
    "parse_query",
    "search",
]
