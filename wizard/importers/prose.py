"""Troubleshooting topics written as prose under one heading, with no Cause or Resolution labels.

GitLab's docs style is the model: the heading is the error message (or names the failure), then "You might get
an error that states ...", "This issue occurs when ...", "To resolve this issue, ...". Sentences are sorted by
the phrase they open with; a paragraph that holds several is split at sentence ends. A paragraph's opening sentence
may also say why inside it ("..., possibly because ...", "... fail to update when ..."), unless it reports what the
user sees; once the fix has started, only a paragraph that names another cause ("... will also result in this
error") starts a new cause, with its own fix (`Prose.more`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .codes import ANNOUNCES_MESSAGE
from .markup import SENTENCE_END
from .outline import Admonition, Block, Code, ListBlock, Paragraph

CAUSE = re.compile(
    r"^(?:(?:generally|usually|typically|often|commonly|in most cases|most likely),? )?"
    r"(?:(?:this|the|that|these|such) (?:(?:error|issue|problem|behaviou?r|message|failure|exception|warning|"
    r"situation|condition|symptom)s?(?: (?:and|or) (?=\w))?)+ (?:can |might |may |usually |typically |"
    r"often |also |most likely )?(?:occurs?|happens?|is caused|are caused|appears?|is returned|is displayed|is shown|"
    r"is raised|is thrown|is logged|means|indicates|results?|arises?|comes? from"
    # Where it is seen is when it happens: "This error is rare and was only seen in clusters where the quota is low".
    r"|(?:is \w+ and )?(?:is|are|was|were|has been) (?:only |mostly |usually )?(?:seen|observed) (?:in|on|with|when)\b)"
    r"|(?:this|it|that) (?:can |might |may |usually |typically |often |also )?(?:occurs?|happens?|is caused|"
    r"is because|is due|means|indicates)"
    r"|(?:the|a|an|one|another)(?: [\w-]+){0,2} (?:cause|reason|explanation)s?\b"
    r"|(?:this is|it's|it is|that's) (?:because|due to|caused by|expected)"
    r"|because\b|(?:this|the) (?:error|issue|problem) is (?:most likely |probably |likely |usually |often )?"
    r"(?:caused|due|related)|the (?:error|issue|problem) is that\b"
    r"|(?:the|this) (?:error|issue|problem) (?:can be|might be|may be) (?:caused|due)"
    r"|(?:one of )?(?:these|the following) (?:issues|problems|causes|reasons|conditions)\b"
    r"|(?:possible |common |known )?(?:causes|reasons) (?:include|are|can be)\b"
    r"|(?:this|it) (?:seems|appears) to be\b"
    # What the reader most likely has or does: "You probably had the old version installed", "You are likely using".
    r"|(?:you|it|this)(?: are| is|'re|'s)? (?:probably|likely|most likely)\b"
    r"|(?:this|it|that) (?:can|could|might|may) have (?:\w+ )?(?:reasons|causes)\b"
    # A condition and what goes wrong under it: "If the account is not labeled, the webhook will not inject ...".
    r"|if (?!you\b)[^.]*,[^.]*\b(?:will not|won't|will fail)\b"
    # Something left undone and what goes wrong then: "If you do not do this, your batch script will exit".
    r"|if you (?:do not|don't|did not|didn't|forget to)\b[^.]*,[^.]*\b(?:will|would|fails?)\b"
    # "If a JRE is used when building via Ant, the `tools.jar` error may appear": a dot inside a name goes on.
    r"|if (?!you (?:see|get|receive|encounter|notice|run))(?:[^.]|\.(?=\S))*\b(?:appears?|occurs?|happens?|fails?)\b)",
    re.IGNORECASE,
)
FIX = re.compile(
    # "First of all, ..." opens a fix only as a lead-in to steps ("First of all, check the state of the node:"); said
    # of one check in prose ("First of all, verify that you are not connected via a relay."), the check names a cause.
    r"^(?:(?:first(?: of all(?=[^.]*:\s*$))?|then|next|also|finally|alternatively),? )?"
    r"(?:(?:to|you can|you might be able to|you may be able to|you need to|try to) (?:resolve|fix|work around|"
    r"workaround|solve|correct|address|avoid|prevent|mitigate|remedy|troubleshoot|recover|get around)\b"
    # Finding out which case it is is the first step: "To identify this scenario, check ...".
    r"|to (?:identify|determine|diagnose|trace|confirm|find out|tell|check|verify|see) (?:for )?(?:this|that|the|if|"
    r"whether|which)\b|(?:the )?first thing to (?:do|try|check)\b"
    r"|(?:the|a|one|as a|possible|another)(?: possible| simple| quick| temporary)? (?:workaround|fix|solution|"
    r"resolution|remedy)s?\b"
    r"|(?:this|the|it)(?: issue| problem| error)? can be (?:worked around|fixed|resolved|solved)\b"
    r"|workaround\b|(?:resolve|fix|solve|correct) (?:this|the|it)\b|you (?:will )?(?:need|have|must) to\b|you must\b"
    # Said to a group of readers: "People running k3d on btrfs may need to mount /dev/mapper into the nodes".
    r"|[^.]*\b(?:users|people|anyone)\b[^.]*\b(?:may|might|will|would) (?:need|have) to\b"
    r"|(?:try|retry|check|verify|ensure|make sure|confirm|run|restart|update|upgrade|re-?run|remove|delete|add|set|"
    r"(?:re|un)?install|"
    r"increase|change|contact|consider)\b"
    r"|if (?:this|that|the (?:error|issue|problem)) (?:happens|occurs|persists)"
    # What you see, then what you can do: "If you observe anything of the above sort, you can check for ...".
    r"|if you (?:see|get|observe|notice|encounter|run into)\b[^.]*,? (?:then )?you (?:can|should|may want to) \w+"
    r"|in this case|in that case|(?:for|as) a (?:fix|workaround|solution)"
    r"|there are (?:\w+ )?(?:things|steps) to (?:check|try|do)"
    r"|(?:this|the|that) (?:message|error|warning) is safe to ignore|(?:it's|it is) safe to ignore)",
    re.IGNORECASE,
)
# Once the cause is said, a purpose and then what to do starts the fix: "To preview which resources would be skipped,
# use `--dry-run`", "If you need to delete a resource that Helm skips, remove it manually". (Said first, it is more
# often a how-to than a fix.)
PURPOSE_FIX = re.compile(
    r"^(?:to|if you (?:need|want) to) [^,.]+, (?:you can |you should |you must |simply |just )?(?:use|run|set|add|"
    r"remove|delete|pass|install|upgrade|update|restart|enable|disable|configure|specify|edit|change|create|follow)\b",
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
    # Further causes a paragraph after the fix names ("... will also result in this message"), each with its fix.
    more: list[Prose] = field(default_factory=list)


def sort_prose(blocks: list[Block]) -> Prose:
    """The blocks under a heading, sorted into what happens, why, and what to do, by their opening phrases."""
    prose = Prose()
    current = prose
    state = "symptom"
    for block in blocks:
        if not isinstance(block, Paragraph):
            if state == "cause" and _instructions(block):
                state = "fix"  # "A macOS upgrade may replace the tools." then "1. Install ... 2. Run ...": the fix
            getattr(current, state).append(block)
            continue
        if state == "fix" and _another_cause(block.text):
            current = Prose()
            prose.more.append(current)
            state = "cause"
        for sentences, kind in _runs(block.text, state):
            if kind == "symptom" and state == "symptom" and SYMPTOM.match(LEADING_ADVERB.sub("", sentences)):
                prose.said_symptom = True
            state = kind
            getattr(current, state).append(Paragraph(block.line, sentences))
    return prose


# Said mid-sentence, where it still explains why: "Assuming nobody tampered with it, the most likely cause is that",
# "mirroring slots can become exhausted, possibly because", "fail to update when Silent Mode is enabled",
# "usually indicates a problem with your filesystem permissions", "will also result in a Permission denied message".
# Only a paragraph's opening sentence is read this way: further on, "because" mostly explains advice.
CAUSE_INSIDE = re.compile(
    r"\b(?:likely|probable|common|root) (?:cause|explanation|reason) (?:is|was)\b"
    r"|\bbecause\b|\bdue to\b|\b(?:is|are|was|were|be) (?:\w+ )?caused by\b|\b(?:it|this) (?:may|might|could) be that\b"
    r"|\b(?:fails?|fail to \w+) (?:\w+ )?(?:when|if)\b"
    # "Argo CD can't delete an app if it cannot generate manifests": what cannot be done, and under which condition.
    # Not in a sentence that opens with its own condition ("If you have this option set, tasks won't be able to run
    # it when ..."): that one says what follows from something said before, which is the cause.
    r"|^(?!(?:if|when)\b)[^.]*\b(?:can't|cannot|can not|won't|will not) \w+ (?:[\w`-]+ ){0,4}?(?:if|when|unless)\b"
    r"|\bindicates? (?:that\b|an? (?:[\w,]+ ){0,5}(?:problem|issue|error|mismatch)\b)"
    r"|\bresults? in (?:a|an|the|this|these|your) (?:[\w`\"'-]+ ){0,6}?(?:error|message|failure|failing|exception)"
    # A guess at what happened or what something did: "The vendor may have renamed or moved files", "A macOS upgrade
    # may replace or invalidate the Command Line Tools" (not what the reader did or saw, "You may have noticed", nor
    # the failure itself, "The build may have failed").
    r"|^(?!you\b)[^.]*\b(?:may|might|could) have (?!(?:noticed|seen|observed|received|encountered|got|gotten|"
    r"heard|failed|crashed|stopped|exited|aborted)\b)(?:been )?\w+(?:ed|en)\b"
    r"|^(?!you\b)[^.]*\b(?:may|might|could) (?:replace|invalidate|overwrite|corrupt|remove|reset|delete|break|disable)"
    r"(?: or \w+)? (?:the|your|its|their|any|some)\b"
    # "Docker runs out of space for the node containers, which triggers a hard eviction": what comes before is why.
    r"|, which (?:triggers|causes|leads to|results in)\b"
    # "Missing credentials cause a `403 forbidden` error": what the sentence opens with is the cause.
    r"|\b(?<!not )(?<!n't )causes? (?:a|an|the) (?:[\w`\"'-]+ ){0,4}?(?:error|failure|problem|issue|warning)s?\b",
    re.IGNORECASE,
)
# Anywhere in a paragraph, a sentence that says what causes "this" problem: "File injection can cause this problem".
CAUSES_THIS = re.compile(
    r"\b(?<!not )(?<!n't )(?:can |could |may |might |will |would |often |usually |also )?(?:causes?|triggers?) "
    r"(?:this|that|these|those|the same) (?:\w+ )?(?:error|issue|problem|failure|behaviou?r|message|warning|"
    r"exception|symptom|crash)s?\b",
    re.IGNORECASE,
)
# A sentence that introduces the conditions under which it happens: "Resources are skipped during uninstall when:".
CONDITIONS = re.compile(r"\b(?:when|whenever|if)\s*:$", re.IGNORECASE)
# A sentence that reports what the user sees ("In some cases, you might receive a message stating the build has
# failed due to an Out of Memory error") or introduces the message ("..., and the following error is displayed:")
# names the error, not its cause, whatever words it holds.
LEADING_ADVERB = re.compile(r"^(?:in (?:some|rare|most|many|certain) cases|sometimes|occasionally|at times),?\s+", re.I)
# Said anywhere in a sentence, what the reader will see makes it a report: "Due to the above, at times you'll see
# `no space left on device`".
SEES = re.compile(
    r"\byou(?:['\u2019]ll|['\u2019]d| will| would| may| might| can| could)? (?:see|get|receive|notice)\b", re.I
)
# A sentence that announces the steps: "When mirroring fails due to Silent Mode the following are the debug steps:".
# Or the checks: "A few things should be checked in this case:".
INTRODUCES_STEPS = re.compile(
    r"\bsteps:$|\b(?:the following|these) (?:\w+ )?steps\b"
    r"|\b(?:things|checks|steps)\b[^.]*\b(?:to (?:check|try|verify)|should be (?:checked|tried|verified))\b[^.]*:$",
    re.IGNORECASE,
)
ANOTHER = re.compile(r"\b(?:also|another|other (?:cause|reason)s?)\b", re.IGNORECASE)


# A link as the reader sees it: its text ("Possible [fix/workaround](https://...)" reads "Possible fix/workaround").
LINK_TEXT = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")


def _words(sentence: str) -> str:
    return (LINK_TEXT.sub(r"\1", sentence) if "](" in sentence else sentence).lstrip("*_`\"'( ")


def _says_why(sentence: str, opening: bool) -> bool:
    """A sentence that explains why: it opens with a cause phrase, or (a paragraph's first) says so inside."""
    words = _words(sentence)
    if CAUSE.match(words) or CAUSES_THIS.search(words) or CONDITIONS.search(words.rstrip()):
        return True
    if not opening or not CAUSE_INSIDE.search(words):
        return False
    reports = SYMPTOM.match(LEADING_ADVERB.sub("", words)) or ANNOUNCES_MESSAGE.search(words.rstrip())
    return not (reports or SEES.search(words))


def _instructions(block: Block) -> bool:
    """A list whose every item says what to do ("Install ...", "Run ...")."""
    return isinstance(block, ListBlock) and all(FIX.match(item.text.lstrip("*_`\"'( ")) for item in block.items)


def _another_cause(text: str) -> bool:
    """A paragraph that names one more cause: "Violations of these restrictions will also result in this error"."""
    sentences = SENTENCE_END.split(text.strip())
    return any(
        _says_why(sentence, opening=True) and ANOTHER.search(sentence)
        for sentence in sentences
        if not ANNOUNCES_MESSAGE.search(sentence.rstrip())
    )


def _runs(text: str, state: str) -> list[tuple[str, str]]:
    """Consecutive sentences of one kind: [(text, kind)], each sentence's kind from its opening phrase."""
    runs: list[tuple[str, str]] = []
    for position, sentence in enumerate(SENTENCE_END.split(text.strip())):
        opening = _words(sentence)
        if (
            FIX.match(opening)
            or INTRODUCES_STEPS.search(sentence.rstrip())
            or (state == "cause" and PURPOSE_FIX.match(opening))
        ):
            state = "fix"
        elif state != "fix" and _says_why(sentence, opening=position == 0):
            state = "cause"
        if runs and runs[-1][1] == state:
            runs[-1] = (f"{runs[-1][0]} {sentence}", state)
        else:
            runs.append((sentence, state))
    return runs


# A paragraph set wholly in italics: what the page shows as seen, a message ("*EFSIOException: This function
# instance was stopped ...*") or the symptom in the user's words ("**Issue:** *Function is invoked in a loop.*").
ITALIC_MESSAGE = re.compile(r"^\*[^*\n]+\*$")


def shows_message(block: Block) -> bool:
    """A block that shows the message as the user sees it: a code block, a quote, a sentence announcing it."""
    if isinstance(block, Code) or (isinstance(block, Admonition) and block.kind == "quote"):
        return True
    return isinstance(block, Paragraph) and bool(
        ANNOUNCES_MESSAGE.search(block.text.rstrip()) or ITALIC_MESSAGE.match(block.text.strip())
    )


# A paragraph that only sends the reader elsewhere: "See *Why won't my Task run?*.", "Refer to the FAQ entry above.",
# with perhaps a thanks after it. It explains nothing by itself.
REFERS_ELSEWHERE = re.compile(r"^(?:please |also )?(?:see|refer to|read|check out)\b", re.IGNORECASE)


def refers_elsewhere(block: Block) -> bool:
    """A paragraph whose first sentence only points to another question, section or page."""
    return isinstance(block, Paragraph) and bool(REFERS_ELSEWHERE.match(block.text.lstrip("*_ ")))


def introduces_steps(text: str) -> bool:
    """A lead-in whose last sentence announces what to do or check ("A few things should be checked in this case:",
    "To fix this, try the following:"): the list after it is steps, never a list of problems."""
    last = SENTENCE_END.split(text.strip())[-1].rstrip()
    return last.endswith(":") and bool(FIX.match(last.lstrip("*_`\"'( ")) or INTRODUCES_STEPS.search(last))
