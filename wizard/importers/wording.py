"""How the writer words what readers see of an imported cause: its title, which is the resolution's heading and,
after "Is this the cause?", the question that checks it.

Docs pages often state a cause as an explanation of the error ("This error is returned when the host key
changes.", "This probably indicates paperless tried to consume the file twice."). Read on its own, as a heading or
a question, the lead-in points at nothing: the title keeps only the cause ("The host key changes."). The page's
sentence stays whole in the cause's text, and the node id stays the one the page's words gave, so re-imports and
links do not move.
"""

from __future__ import annotations

import re

# Kinds of message a page explains, and adverbs that hedge the explanation.
_MESSAGE = r"(?:issue|error|problem|message|notification|warning|failure|behaviou?r)"
_HEDGE = r"(?:probably|likely|most likely|usually|typically|often|generally|most commonly)"
_HOW_OFTEN = r"(?:(?:most )?(?:frequently|often|typically|usually|commonly))"
LEAD_IN = re.compile(
    rf"^(?:(?:{_HEDGE}|most often),?\s+)?(?:"
    # "This indicates that ...", "This error usually means ...", "This probably indicates ..."
    rf"(?:this|that|it)(?: {_MESSAGE})?(?: (?:is|was))?(?: {_HEDGE})? (?:indicates|means|suggests)(?: that)?"
    # "This error is returned when ..."
    rf"|(?:this|the) {_MESSAGE}s? (?:is|are) (?:returned|raised|thrown|shown|displayed|reported|logged) "
    r"(?:when|if|because)"
    # "This is being caused by ...", "It is caused by ..."
    r"|(?:this|it) (?:is )?(?:being )?caused by"
    # "This issue can occur when ...", "This happens most frequently when ...", "Typically this error occurs because of"
    rf"|(?:this|the) {_MESSAGE}s?(?: (?:can|may|might|usually|typically|often))? (?:occurs?|happens?|appears?)"
    rf"(?: {_HOW_OFTEN})? (?:because(?: of)?|when|if)"
    rf"|(?:this|it) (?:occurs|happens)(?: {_HOW_OFTEN})? (?:because(?: of)?|when|if)"
    # "You receive this notification because ..."
    rf"|you (?:receive|get|see) this {_MESSAGE}(?: message)? (?:because|when|if)"
    # "The issue is most likely due to ...", "The problem is that ..."
    rf"|the {_MESSAGE} is(?: {_HEDGE})? (?:due to|caused by)"
    rf"|the {_MESSAGE} is that"
    r")\s+",
    re.IGNORECASE,
)
# Fewer words than this after the lead-in is no title ("This happens when so.").
MIN_WORDS = 3
# Names that docs write in lower case even at the start of a sentence.
NAMES_IN_LOWER_CASE = frozenset({"npm", "pip", "git", "yarn", "kubectl", "iptables", "systemd"})


def cause_title(title: str) -> str:
    """The cause a title states, without a lead-in that explains the error ("This indicates that ...")."""
    shorter = LEAD_IN.sub("", title, count=1)
    if shorter == title or len(shorter.split()) < MIN_WORDS:
        return title
    first = shorter.split(" ", 1)[0]
    # A sentence starts with a capital; a name written in lower case (`npm`, a code span) stays as it is.
    if first.isalpha() and first.islower() and first not in NAMES_IN_LOWER_CASE:
        return shorter[0].upper() + shorter[1:]
    return shorter
