"""How search reads English: the same steps for the guides' text and for a query, so both meet halfway.

1. Each word is reduced to its stem with the Snowball English stemmer (`PyStemmer`, the Snowball project's own C
   binding): "redirecting", "redirected" and "redirects" all read `redirect`, "institutions" reads `institut`.
   Stems are cached, so a word costs its stemming once per process.
2. Phrases a support team writes several ways become one word (`PHRASES`): "log in again", "signed back in",
   "re-authenticate" and "relink" all read `relogin`; "doesn't show up", "can't find" and "not listed" all read
   `miss`, like "missing". The guides say it one way; the people who search say it all the other ways.
3. Words too common to say anything (`STOPWORDS`) are dropped: function words, and the greetings and thanks
   around an email's question.

`SYNONYMS` then lets a query word also find the words a support team uses for the same thing ("bank" finds
"institution", "customer" finds "user"), at a discount set in weights.py. They apply to the query only, so each
word stays as rare (and as telling) in the index as it really is.
"""

from __future__ import annotations

import functools
import re

import Stemmer

WORD_RE = re.compile(r"[a-z0-9]+")

# Function words, and what an email wraps around its question: they match everywhere and say nothing. Negations
# ("not", "never", "no") and "again" are kept: "log in again" and "never arrives" say a lot. Apostrophes are
# dropped before words are read, so "doesn't" is `doesnt`.
_COMMON_WORDS = """
a about am an and any are as at be been being but by can could did do does doing done for from had has have having
he her here hers him his how i if in into is it its itself just me my myself of on or our ours ourselves she should
so some than that the their theirs them themselves then there these they this those to too us very was we were what
when where which while who whom why will with would you your yours yourself
im ive youre youve weve theyre thats theres dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt
shouldnt re up
hi hello hey dear thanks thank please regards cheers kind best team anyone someone
"""
STOPWORDS = frozenset(_COMMON_WORDS.split())

# Ways of saying one thing in several words, each read as one word. A phrase is a sequence of word positions; a
# position lists the words (or stems) it accepts, separated by "|", and a trailing "?" makes it optional. Words are
# compared after `_` and `-` became spaces, so `re-authenticate`, `RATE_LIMIT` and `App-to-App` match too. At each
# word the longest phrase wins ("sign in again" is `relogin`, not `login` followed by "again").
PHRASES: dict[str, tuple[str, ...]] = {
    # Signing in again to repair a connection: update mode's purpose, in the words users have for it.
    "relogin": (
        "log|sign in|on again",
        "log|sign back in|on",
        "login|logon|signin again",
        "re login|logon|signin|log|sign|authent|author|auth|link|connect",
        "relogin|reauthent|reauth|reauthor|relink|reconnect",
    ),
    # Signing in at all.
    "login": ("log|sign in|on", "logon|signin"),
    # Something the user expected to see is not there.
    "missing": (
        "doesnt|dont|didnt|isnt|arent|wasnt|werent show|appear|list|there up?",
        "does|do|did|is|are|was|were not show|appear|list|there|found up?",
        "not|never show|appear|list up?",
        "cant|cannot|couldnt find|see|locat",
        "can|could not find|see|locat",
    ),
    # Being sent back from the bank's site or app.
    "return": ("come|comes|came|go|goes|went|bring|brings|brought|get|gets|got|send|sends|sent back",),
    "apptoapp": ("app to|2 app", "app2app"),
    "ratelimit": ("rate limit", "ratelimit", "too mani request", "throttl"),
    "mfa": ("multi|two|2 factor authent|auth?", "multifactor authent|auth?", "2fa", "two step verif"),
    "popup": ("pop up",),
    "blank": ("white|empti screen|page|window",),
    "production": ("prod",),
    "development": ("dev",),
    "credentials": ("cred",),
    "account": ("acct",),
    "institution": ("financi institut",),
}
# Phrases whose own words still say something ("authentication", "listed") keep them beside their one word; the
# others are replaced by it ("rate limited" must not find "Limited Production").
KEEP_WORDS = frozenset({"relogin", "missing"})

# Words a support team uses for the same thing (as stems). A query word also finds the others, discounted.
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "bank institut",
        "user customer member",
        "webhook callback notif",
        "redirect return",
        "stuck hang freez spinner loader",
        "popup modal window iframe",
        "duplic twice",
        "credenti password",
        "blank empti",
        "miss disappear gone absent",
    )
)
_SYNONYMS_OF = {word: group - {word} for group in SYNONYMS for word in group}

_stemmer = Stemmer.Stemmer("english")
# Where the stemmer would merge words that mean different things here: "production" (the environment) with
# "products", "customer" with "customization".
_OWN_STEMS = {"production": "production", "customer": "customer", "customers": "customer"}


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _OWN_STEMS.get(word) or _stemmer.stemWord(word)


Position = tuple[frozenset[str], bool]  # the words (or stems) accepted, and whether the position may be skipped


def _compile(phrases: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[str, tuple[Position, ...]]]]:
    """Each phrase under every word it may start with, so reading a text costs one look-up per word."""
    starting: dict[str, list[tuple[str, tuple[Position, ...]]]] = {}
    for word, variants in phrases.items():
        for variant in variants:
            positions = tuple((frozenset(part.rstrip("?").split("|")), part.endswith("?")) for part in variant.split())
            for first in positions[0][0]:
                starting.setdefault(first, []).append((word, positions))
    return starting


_STARTING = _compile(PHRASES)
_APOSTROPHES = re.compile("['\u2019]")
# Identifiers developers paste (`receivedRedirectUri`, `onSuccess`): read whole, and word by word as well.
_CAMEL_RE = re.compile(r"\b[a-z][a-z0-9]*+(?:[A-Z][a-z0-9]++)+\b")
_CAMEL_PART_RE = re.compile(r"([A-Z])")


@functools.lru_cache(maxsize=100_000)
def _read(word: str) -> tuple[str, bool, bool]:
    """A word's stem, whether a phrase may start with it, and whether it is a stop word: once per word."""
    stemmed = stem(word)
    return stemmed, word in _STARTING or stemmed in _STARTING, word in STOPWORDS


def _split_camel(match: re.Match[str]) -> str:
    return f"{match.group(0)} {_CAMEL_PART_RE.sub(r' \1', match.group(0))}"


def _phrase_at(raw: list[str], read: list[tuple[str, bool, bool]], start: int) -> tuple[str, int]:
    """The longest phrase starting at this word: its one word and how many words it spans (0: none)."""
    best, length = "", 0
    for word, positions in _STARTING.get(raw[start], []) + _STARTING.get(read[start][0], []):
        at = start
        for accepted, optional in positions:
            if at < len(raw) and (raw[at] in accepted or read[at][0] in accepted):
                at += 1
            elif not optional:
                break
        else:
            if at - start > length:
                best, length = word, at - start
    return best, length


def terms(text: str) -> list[str]:
    """The text's words as search compares them: stemmed, phrases joined into one word, stop words dropped."""
    text = _APOSTROPHES.sub("", _CAMEL_RE.sub(_split_camel, text).lower())
    raw = WORD_RE.findall(text.replace("_", " "))
    read = [_read(word) for word in raw]
    found: list[str] = []
    at = 0
    while at < len(raw):
        stemmed, starts, stop = read[at]
        if starts:
            word, length = _phrase_at(raw, read, at)
            if length:
                found.append(stem(word))
                if word in KEEP_WORDS:
                    found += [read[kept][0] for kept in range(at, at + length) if not read[kept][2]]
                at += length
                continue
        if not stop:
            found.append(stemmed)
        at += 1
    return found


def synonyms(term: str) -> frozenset[str]:
    """Other stems a support team uses for the same thing as this one."""
    return _SYNONYMS_OF.get(term, frozenset())
