"""The content format's tables, in one place: the parser reads them, the docs importer writes and recognises by them.

`content/README.md` documents every key and label here; change them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# Markup keys ------------------------------------------------------------------------------------------

FRONT_MATTER_KEYS = {"id", "title", "summary", "docs", "question", "draft", "lookup", "order", "source"}
SECTION_KEYS = {"id", "answer", "ask", "how", "docs", "codes", "phrases", "listed", "direct", "source"}
CAUSE_KEYS = {"id", "title", "ask", "how", "answer", "docs", "codes", "phrases", "see", "related", "source"}
STEPS_KEYS = {"cause", "docs", "source"}

# The `###` parts of a section in our own format (lower case, without a trailing colon).
SUBSECTIONS = {
    "symptom": "symptom",
    "symptoms": "symptom",
    "common causes": "causes",
    "common cause": "causes",
    "causes": "causes",
    "troubleshooting steps": "steps",
    "troubleshooting": "steps",
    "steps": "steps",
}
PART_HEADINGS = {"symptom": "Symptom", "causes": "Common causes", "steps": "Troubleshooting steps"}

# Label words of docs pages ------------------------------------------------------------------------------
# What other teams call the parts of a troubleshooting topic. The importer matches a heading, a bold label or a
# table column against these, case-insensitive, singular or plural, with or without a trailing colon.

Kind = Literal["symptom", "cause", "resolution", "context"]

LABEL_WORDS: dict[Kind, tuple[str, ...]] = {
    "symptom": (
        "symptom",
        "issue",
        "problem",
        "error",
        "error message",
        "condition",
        "what's happening",
        "what is happening",
        "description",
        "problem description",
        "scenario",
        "question",
        # MDN's error pages: "## Message" holds the message as the console prints it.
        "message",
    ),
    "cause": (
        "cause",
        "common cause",
        "possible cause",
        "probable cause",
        "likely cause",
        "root cause",
        "reason",
        "possible reason",
        "why this happens",
        "why it's happening",
        "why it is happening",
        "why does this happen",
        # MDN's "What went wrong?", .NET's "What's going on".
        "what went wrong",
        "what's going on",
        "what is going on",
        "why",
        # A cause part whose causes each carry their fix ("- The plan is Free. **Solution**: upgrade it.").
        "cause and solution",
        "causes and solution",
        "cause and resolution",
        "causes and resolution",
    ),
    "resolution": (
        "resolution",
        "resolution step",
        "solution",
        "possible solution",
        "possible fix",
        "how to fix it",
        "how to fix",
        "how to resolve",
        "how to resolve it",
        "workaround",
        "fix",
        "remedy",
        "remedies",
        "mitigation",
        "troubleshooting step",
        "troubleshooting",
        "step",
        "steps to resolve",
        "steps to fix",
        "what to do",
        "recommended action",
        "action",
    ),
    "context": (
        "more information",
        "additional information",
        "background",
        "reference",
        "next step",
        "see also",
        "related",
        "related content",
        "related article",
        "related topic",
        "learn more",
        "summary",
        "status",
        "applies to",
        "prerequisite",
        "before you begin",
        "overview",
        "introduction",
        "note",
        "data collection",
        "error type",
    ),
}

# An FAQ answer's own sub-headings, asked as questions about the problem they sit under ("How did I get here?",
# "What can cause these sorts of failures?", "How do I fix the issue?", "How do I work around the issue?"). Only a
# question that points back ("this", "it", "the issue") is a label: "How do I fix `x`?" is a problem of its own.
_BACK = r"(?:this|it|that|these|the (?:issue|problem|error|failure)s?)\b"
QUESTION_LABELS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    # Flutter's run-in "What does the error look like?" over the message.
    ("symptom", re.compile(rf"what (?:does|do|will|would|might) {_BACK} look like", re.IGNORECASE)),
    (
        "cause",
        re.compile(
            r"how did (?:i|we|you|it|this) (?:get|end up) (?:here|in this state)"
            rf"|what (?:can |could |might |may |usually )?causes? {_BACK}.*"
            r"|what(?:'s| is) (?:most )?(?:likely|probably) (?:occurring|happening|going on)"
            rf"|why (?:does|did|do) {_BACK} (?:happen|occur)"
            # Next.js's error pages: "Why This Error Occurred"; Flutter's run-in "How might you run into this error?"
            r"|why (?:this|the|that) (?:error|issue|problem|failure) (?:occurred|occurs|happened|happens)"
            rf"|how (?:might|could|can|would|did|do) (?:i|we|you) (?:run into|encounter|hit|get|see|trigger) {_BACK}.*",
            re.IGNORECASE,
        ),
    ),
    (
        "resolution",
        re.compile(
            r"how (?:do|can|should|could) (?:i|we|you) (?:fix|resolve|solve|work around|get around|avoid|prevent|"
            rf"recover from|not (?:encounter|hit|run into|see)) {_BACK}.*"
            rf"|how to (?:fix|resolve|solve|work around|avoid|prevent) {_BACK}.*"
            # Next.js's "Possible Ways to Fix It".
            rf"|(?:possible |some )?ways to (?:fix|resolve|solve|work around|avoid|prevent) {_BACK}.*",
            re.IGNORECASE,
        ),
    ),
)

# Words that also name a group of problems ("## Troubleshooting", "## Errors"): a label only when nothing
# under them is a problem heading of its own.
AMBIGUOUS_LABELS = {"troubleshooting", "error", "issue", "problem", "step", "scenario"}

# Table columns: a column header is read with the label words above; these name a column of codes.
CODE_COLUMNS = {"code", "error code", "status code", "http status", "status", "error number", "message", "error name"}


def _plural(word: str) -> set[str]:
    """A label word with its plural forms ("fix" -> "fixes", "remedy" -> "remedies", "cause" -> "causes")."""
    forms = {word}
    if word.endswith(("s", "x", "ch", "sh")):
        forms.add(word + "es")
    elif word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    return forms


LABELS: dict[str, Kind] = {
    form: kind for kind, words in LABEL_WORDS.items() for word in words for form in _plural(word)
}


@dataclass(frozen=True)
class Label:
    """A heading or bold label read as a part of a troubleshooting topic."""

    kind: Kind
    word: str  # the label word as matched, lower case ("possible causes")
    number: int | None = None  # "Cause 2" -> 2
    refers: int | None = None  # "Resolution for cause 2" -> 2
    rest: str = ""  # what follows the label: "Cause 2: The disk is full" -> "The disk is full"


# Leading decoration a heading may carry before its label: numbering ("2. ", "1\ufe0f\u20e3"), emoji, bold markers.
_LEADING = re.compile(r"^(?:[^\w`'\"]+|\d{1,2}[.)]\s+)+", re.UNICODE)
_LABEL = re.compile(
    r"^(?P<word>[a-z][a-z' ]*?)(?:\s*#?(?P<number>\d{1,3}))?"
    r"(?:\s+(?:for|to|of)\s+(?:cause|issue|problem|scenario|error|reason)\s*#?(?P<refers>\d{1,3}))?"
    r"\s*(?:(?:[:.\u2013\u2014]|\s-)\s*(?P<rest>.*))?$",
    re.DOTALL | re.IGNORECASE,
)


def read_label(text: str) -> Label | None:
    """The label a heading or bold paragraph starts with, if it is one of the label words."""
    plain = " ".join(text.replace("**", "").replace("__", "").replace("\u2019", "'").split())
    plain = _LEADING.sub("", plain).strip().rstrip("?:").strip()
    for asked, question in QUESTION_LABELS:
        if question.fullmatch(plain):
            return Label(kind=asked, word=plain.lower())
    match = _LABEL.match(plain)
    if match is None:
        return None
    word = match["word"].strip().lower()
    kind = LABELS.get(word)
    if kind is None:
        return None
    return Label(
        kind=kind,
        word=word,
        number=int(match["number"]) if match["number"] else None,
        refers=int(match["refers"]) if match["refers"] else None,
        rest=(match["rest"] or "").strip().strip("*_").strip(),
    )


# Provenance ---------------------------------------------------------------------------------------------
# An imported section, cause or steps block records where it came from: `source: FIRST-LAST DIGEST`, the
# first and last line in the page named by the front matter's `source`, and a digest of the text it rests on.

SOURCE = re.compile(r"^(\d{1,7})-(\d{1,7}) ([0-9a-f]{12})$")


@dataclass(frozen=True)
class Provenance:
    first: int
    last: int
    digest: str

    def __str__(self) -> str:
        return f"{self.first}-{self.last} {self.digest}"


def read_provenance(value: object) -> Provenance | None:
    match = SOURCE.match(value) if isinstance(value, str) else None
    if match is None or int(match[1]) > int(match[2]):
        return None
    return Provenance(int(match[1]), int(match[2]), match[3])
