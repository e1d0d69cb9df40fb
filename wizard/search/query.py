"""What a query says: its words, the error codes in it, and what a pasted error object adds.

Agents paste whatever the customer sent: a code, an error message, Plaid's JSON error object, a whole email. The
parts that say the most are pulled out, so ranking compares like with like: the object's `error_code` is the code
the user actually hit, its messages are text, and its field names and ids say nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .language import WORD_RE

# A customer's email of a few paragraphs, or a pasted error object with its causes.
MAX_QUERY_LENGTH = 2000

# A code-like token: starts with a letter, at least four characters, joined by `_` or `-`.
CODE_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{3,}")
# The `error_code` of an error object pasted as something other than JSON (a log line, a Python dict).
ERROR_CODE_FIELD_RE = re.compile(r"""["']?error_code["']?\s*[:=]\s*["']?([A-Za-z][A-Za-z0-9_-]{3,})""", re.I)
OBJECT_RE = re.compile(r"\{.*\}", re.S)
# Field names of an error object (and the ids in it): snake_case like a code, but they name no problem.
ERROR_OBJECT_KEYS = frozenset(
    """error_type error_code error_code_reason error_message display_message request_id causes status status_code
    documentation_url suggested_action required_account_subtypes provided_account_subtypes item_id institution_id
    link_session_id account_id""".upper().split()
)
# The parts of an error object that say what went wrong, in words.
MESSAGE_FIELDS = ("error_message", "display_message", "error_code_reason")


@dataclass(frozen=True)
class Query:
    """A cleaned query as ranking reads it."""

    # What the text ranking compares: the query with a pasted error object replaced by its code and messages.
    text: str
    # Code-like tokens, upper case, the error object's `error_code` first.
    codes: list[str]
    # The `error_code` of a pasted error object ("" when there is none).
    error_code: str = ""


def clean_query(query: str) -> str:
    """Trim, collapse white space and cut to a sane length: any input is searchable, none is an error."""
    query = "".join(ch if ch.isprintable() else " " for ch in query)
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def normalize(text: str) -> str:
    """Lower case, words only: `INVALID_LINK_TOKEN` and "invalid link token" read the same."""
    return " ".join(WORD_RE.findall(text.lower()))


def code_tokens(text: str) -> list[str]:
    tokens = (token.upper() for token in CODE_RE.findall(text) if "_" in token or "-" in token)
    return [token for token in tokens if token not in ERROR_OBJECT_KEYS]


def parse_query(query: str) -> Query:
    """The query's text and codes; a pasted error object (JSON) counts by its code and messages only."""
    error = _error_object(query)
    if error is not None:
        match = OBJECT_RE.search(query)
        around = (query[: match.start()] + " " + query[match.end() :]) if match else ""
        code = str(error.get("error_code") or "").strip().upper()
        messages = [str(error[name]) for name in MESSAGE_FIELDS if isinstance(error.get(name), str)]
        text = " ".join(part for part in [around.strip(), code, *messages] if part)
        named = [code] if CODE_RE.fullmatch(code) else []
        return Query(
            text=text, codes=list(dict.fromkeys(named + code_tokens(text))), error_code=named[0] if named else ""
        )
    named = [match.upper() for match in ERROR_CODE_FIELD_RE.findall(query)]
    return Query(
        text=query, codes=list(dict.fromkeys(named + code_tokens(query))), error_code=named[0] if named else ""
    )


def extract_codes(query: str) -> list[str]:
    """Code-like tokens of a query, upper case, the `error_code` of a pasted error object first."""
    return parse_query(query).codes


def lookup_code(query: str) -> str:
    """The one code a lookup names outright: a pasted error object's `error_code`, or the whole input when it is a
    single code-like word (quotes and punctuation around it allowed); "" otherwise (a message, an email)."""
    parsed = parse_query(query)
    if parsed.error_code:
        return parsed.error_code
    token = query.strip().strip("\"'`.,;:!?()[]{}<> ")
    return token.upper() if CODE_RE.fullmatch(token) else ""


def _error_object(query: str) -> dict[str, object] | None:
    """A JSON object in the query (the outermost braces) that has an `error_code` or an `error_message`."""
    match = OBJECT_RE.search(query)
    if match is None:
        return None
    try:
        value: object = json.loads(match.group(0))
    except ValueError:
        return None
    if isinstance(value, dict) and isinstance(value.get("error"), dict):
        value = value["error"]  # some clients wrap it: {"error": {...}}
    if isinstance(value, dict) and ("error_code" in value or "error_message" in value):
        return value
    return None
