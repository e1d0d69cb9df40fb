"""Troubleshooting topics written as prose under one heading, with no Cause or Resolution labels.

GitLab's docs style is the model: the heading is the error message (or names the failure), then "You might get
an error that states ...", "This issue occurs when ...", "To resolve this issue, ...". Sentences are sorted by
the phrase they open with; a paragraph that holds several is split at sentence ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markup import SENTENCE_END
from .outline import Block, Paragraph

CAUSE = re.compile(
    r"^(?:(?:generally|usually|typically|often|commonly|in most cases|most likely),? )?"
    r"(?:(?:this|the|that|these|such) (?:error|errors|issue|issues|problem|problems|behaviou?r|message|messages|"
    r"failure|failures|exception|warning|situation|condition|symptom)s? (?:can |might |may |usually |typically |"
    r"often |also |most likely )?(?:occurs?|happens?|is caused|are caused|appears?|is returned|is displayed|is shown|"
    r"is raised|is thrown|is logged|means|indicates|results?|arises?|comes? from)"
    r"|(?:this|it|that) (?:can |might |may |usually |typically |often |also )?(?:occurs?|happens?|is caused|"
    r"is because|is due|means|indicates)"
    r"|(?:the|a|an|one|another)(?: [\w-]+){0,2} (?:cause|reason|explanation)s?\b"
    r"|(?:this is|it's|it is|that's) (?:because|due to|caused by|expected)"
    r"|because\b|(?:this|the) (?:error|issue|problem) is (?:caused|due|related)"
    r"|(?:the|this) (?:error|issue|problem) (?:can be|might be|may be) (?:caused|due)"
    r"|(?:one of )?(?:these|the following) (?:issues|problems|causes|reasons|conditions)\b"
    r"|(?:possible |common |known )?(?:causes|reasons) (?:include|are|can be)\b"
    r"|(?:this|it) (?:seems|appears) to be\b"
    r"|if (?!you (?:see|get|receive|encounter|notice|run))[^.]*\b(?:appears?|occurs?|happens?|fails?)\b)",
    re.IGNORECASE,
)
FIX = re.compile(
    r"^(?:(?:first|then|next|also|finally|alternatively),? )?"
    r"(?:(?:to|you can|you might be able to|you may be able to|you need to|try to) (?:resolve|fix|work around|"
    r"workaround|solve|correct|address|avoid|prevent|mitigate|remedy|troubleshoot|recover|get around)\b"
    r"|(?:the|a|one|as a|possible|another) (?:workaround|fix|solution|resolution|remedy)s?\b"
    r"|workaround\b|(?:resolve|fix|solve|correct) (?:this|the|it)\b"
    r"|(?:try|check|verify|ensure|make sure|confirm|run|restart|update|upgrade|re-?run|remove|delete|add|set|"
    r"increase|change|contact)\b"
    r"|if (?:this|that|the (?:error|issue|problem)) (?:happens|occurs|persists)"
    r"|in this case|in that case|(?:for|as) a (?:fix|workaround|solution)"
    r"|there are (?:\w+ )?(?:things|steps) to (?:check|try|do)"
    r"|(?:this|the|that) (?:message|error|warning) is safe to ignore|(?:it's|it is) safe to ignore)",
    re.IGNORECASE,
)
SYMPTOM = re.compile(
    r"^(?:you (?:might|may|could|can|will|would)?\s*(?:get|see|receive|encounter|notice|run into|experience|observe)"
    r"|when you\b|if you (?:get|see|receive|encounter|notice)|(?:the|an|this) (?:following )?error (?:message )?"
    r"(?:like|similar|that|states|says|appears)|symptoms? (?:include|are))",
    re.IGNORECASE,
)


@dataclass
class Prose:
    symptom: list[Block] = field(default_factory=list)
    cause: list[Block] = field(default_factory=list)
    fix: list[Block] = field(default_factory=list)
    said_symptom: bool = False


def sort_prose(blocks: list[Block]) -> Prose:
    """The blocks under a heading, sorted into what happens, why, and what to do, by their opening phrases."""
    prose = Prose()
    state = "symptom"
    for block in blocks:
        if not isinstance(block, Paragraph):
            getattr(prose, state).append(block)
            continue
        for sentences, kind in _runs(block.text, state):
            if kind == "symptom" and state == "symptom" and SYMPTOM.match(sentences):
                prose.said_symptom = True
            state = kind
            getattr(prose, state).append(Paragraph(block.line, sentences))
    return prose


# Said mid-sentence: "Assuming nobody tampered with it, the most likely cause is that ..."
CAUSE_INSIDE = re.compile(r"\b(?:likely|probable|common|root) (?:cause|explanation|reason) (?:is|was)\b", re.I)


def _runs(text: str, state: str) -> list[tuple[str, str]]:
    """Consecutive sentences of one kind: [(text, kind)], each sentence's kind from its opening phrase."""
    runs: list[tuple[str, str]] = []
    for sentence in SENTENCE_END.split(text.strip()):
        opening = sentence.lstrip("*_`\"'( ")
        if FIX.match(opening):
            state = "fix"
        elif (CAUSE.match(opening) or CAUSE_INSIDE.search(opening)) and state != "fix":
            state = "cause"
        if runs and runs[-1][1] == state:
            runs[-1] = (f"{runs[-1][0]} {sentence}", state)
        else:
            runs.append((sentence, state))
    return runs
