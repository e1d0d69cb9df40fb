"""Problems that are not laid out as labelled parts: table rows, prose under an error heading, a page of checks.

Each function reads one such shape and returns the problems it holds (empty when the shape does not fit).
The recogniser decides where to try them; see recognise.py.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..content.format import read_label
from .blocks import walk
from .checks import check_causes, checklist
from .codes import (
    ANNOUNCES_MESSAGE,
    LINK,
    codes_in,
    looks_like_an_error,
    message_lines,
    phrases_in,
    shown_lines,
    unique_phrases,
)
from .extract import cause_title, causes_from_blocks, cell, flat_blocks, make_cause, steps_from_blocks, table_columns
from .markup import SENTENCE_END, first_sentence, inline, plain, render
from .outline import Admonition, Block, Code, ListBlock, ListItem, Paragraph, Table
from .parts import PLAIN_LEAD, Part, block_end
from .prose import SYMPTOM, Prose, refers_elsewhere, shows_message, sort_prose
from .recognised import Cause, Problem, Span, Steps

NO_CAUSE = "The docs page does not say what causes this."
# A page that says it does not know why: "We do not know the cause of this error", "The cause is unknown".
UNKNOWN_CAUSE = re.compile(
    r"\b(?:do|does|did) not know (?:the|its|what) (?:cause|reason)|\bdon't know (?:the|its|what) (?:cause|reason)"
    r"|\b(?:cause|reason) (?:\w+ ){0,3}is (?:not known|unknown)\b",
    re.IGNORECASE,
)
ERROR_WORDS = {"error", "errors", "error message", "error messages"}
# A heading that is all one code span holding a message with its prefix ("`bad interpreter: /usr/bin/ruby^M`").
WHOLLY_CODE = re.compile(r"^`[^`\s:]+(?: [^`\s:]+)*: [^`]+`$")
WHOLLY_BOLD = re.compile(r"^\*\*((?:(?!\*\*).)+)\*\*$")


def phrases(
    title: str, symptom: str, blocks: list[Block], label_rest: str = "", everywhere: list[Block] | None = None
) -> list[str]:
    """Error messages a problem shows: quoted in its title or symptom, set apart as code or a quote, or shown
    anywhere in its text (`everywhere`) right after a sentence that announces it ("you will get an error like:")."""
    found = ([plain(label_rest).strip("'\"`")] if label_rest else []) + phrases_in(title) + phrases_in(symptom)
    # At any depth: a symptom that lists its messages quotes each under its list item (.NET's docs).
    for block in walk(blocks):
        if isinstance(block, Code):
            found += shown_lines(block.text, block.language)
        elif isinstance(block, Admonition) and block.kind == "quote":
            found += message_lines(render(block.blocks))
    return unique_phrases(found + announced_messages(everywhere or []))


def announced_messages(blocks: list[Block]) -> list[str]:
    """The messages in code blocks that follow a paragraph announcing an error, at any depth (a shell
    transcript in a step shows the message it prints)."""
    found: list[str] = []
    for before, block in pairwise(walk(blocks)):
        announces = isinstance(before, Paragraph) and ANNOUNCES_MESSAGE.search(before.text.rstrip())
        if announces and isinstance(block, Code):
            found += shown_lines(block.text, block.language)
    return found


# A heading shaped like a logged message: "OSError: [Errno 19] No such device", "Classifier error: No training data".
LOGGED = re.compile(r"^[\w.() -]{0,40}?(?:error|exception|warning)\b[^:]{0,40}:\s*\S|\[errno \d+\]", re.IGNORECASE)
# Messages every runtime prints in the same words, however a heading capitalises them: "No module named functools",
# "'module' object has no attribute 'x'", "bind: No such file or directory" (not words that also describe a
# problem: "Permission denied errors during installation").
RUNTIME_MESSAGE = re.compile(
    r"\bno module named \S+|\bobject has no attribute\b|\bno such file or directory\b|\bcommand not found\b"
    r"|\baddress already in use\b|\btoo many open files\b",
    re.IGNORECASE,
)
# A page or heading that is all problems: "Troubleshooting", "Troubleshoot X", "Common issues", "Known problems".
TROUBLESHOOTING = re.compile(r"\btroubleshoot(?:ing)?\b|\b(?:common|known) (?:problems|issues|errors)\b", re.IGNORECASE)


def heading_message(part: Part) -> str:
    """The error message a heading is: "Error: `fatal: not a git repository`"; any heading under an "Error
    messages" group ("Permission denied"); a heading shaped like a logged message ("OSError: [Errno 19] ...")."""
    label, group = part.label, part.parent.label if part.parent is not None else None
    if label is not None and label.word in ERROR_WORDS:
        return label.rest
    title = plain(part.title)
    if group is not None and group.word in ERROR_WORDS and not group.rest:
        return title
    if label is None and title[:1].islower() and looks_like_an_error(title):
        # Docs capitalise their headings; a heading in lower case that reads as an error is the message as the
        # program prints it ("error converting YAML to JSON", "service type 'x' is not supported").
        return title
    if label is None and WHOLLY_CODE.match(part.title.strip()):
        return title.strip("`")  # "### `bad interpreter: /usr/bin/ruby^M`": the program's words, as it prints them
    return title if label is None and (LOGGED.search(title) or RUNTIME_MESSAGE.search(title)) else ""


def troubleshooting(part: Part) -> bool:
    """A part on a troubleshooting page, or under a troubleshooting heading: every section is there to solve
    something."""
    current: Part | None = part
    while current is not None:
        if TROUBLESHOOTING.search(plain(current.title)):
            return True
        current = current.parent
    return False


def unstated(problem: Problem, steps: list[Steps], first: int, last: int) -> Cause:
    """The cause of a problem whose page gives only a fix: marked for an author to name."""
    return make_cause(NO_CAUSE, first, last, title=problem.title, stated=False, steps=steps)


def table_problems(table: Table, heading: Part | None) -> tuple[list[Problem], list[tuple[int, str]]]:
    """Problems from a table whose header names a symptom column and a cause or resolution column.

    One problem per distinct symptom; rows with the same symptom are its causes. A table under a heading
    whose symptom column is only a "Description" (Microsoft's `Message | Description | Mitigation` under an
    error code) is one problem named by the heading, each row a cause with its fix. Also returns
    (line, message) for rows that could not be placed.
    """
    columns = table_columns(table)
    described = heading is not None and plain(table.header[columns["symptom"]]).strip().lower() == "description"
    problems: list[Problem] = []
    skipped: list[tuple[int, str]] = []
    by_symptom: dict[str, Problem] = {}
    for number, row in enumerate(table.rows):
        line = table.line + 2 + number
        symptom = cell(row, columns["symptom"])
        codes = cell(row, columns.get("code"))
        if described and heading is not None:
            key, title, text, detail = "", inline(heading.title), "", symptom
        else:
            key, title, text, detail = symptom, first_sentence(symptom), symptom, ""
        if not key and not described:
            skipped.append((line, f"row {number + 1} of the table at line {table.line} names no symptom; left out"))
            continue
        problem = by_symptom.get(key)
        if problem is None:
            problem = Problem(title=title, span=Span(line, line, f"{title}\n{text}"), symptom=text)
            by_symptom[key] = problem
            problems.append(problem)
        problem.codes += [
            code for code in codes_in(f"{plain(title)}\n{plain(text)}\n{codes}") if code not in problem.codes
        ]
        problem.phrases = unique_phrases(problem.phrases + phrases_in(text) + ([codes] if not codes_in(codes) else []))
        fix = cell(row, columns.get("resolution"))
        steps = [Steps(label="", span=Span(line, line, fix), steps=[fix])] if fix else []
        cause_text = cell(row, columns.get("cause")) or detail
        if cause_text and cause_text.upper() not in {"NA", "N/A", "-"}:
            cause = make_cause(cause_text, line, line, steps=steps)
            cause.codes += [code for code in codes_in(codes) if code not in cause.codes]
            problem.causes.append(cause)
        else:
            problem.causes.append(unstated(problem, steps, line, line))
    return problems, skipped


def prose_problem(part: Part, title: str, inherited: str, *, errorish: bool, lenient: bool) -> Problem | None:
    """A heading with prose under it that says what happens, why and what to do (GitLab's style).

    It counts when the heading reads as an error and the text gives a cause or a fix, when the text says all
    three, or (`lenient`, among other problems) when it gives a cause or a fix. An error heading whose text
    has none of the phrases is explained by that text: it becomes the cause.
    """
    prose = sort_prose(_answer_blocks(part.blocks))
    if not (
        (errorish and (prose.cause or prose.fix))
        or (prose.cause and prose.fix and prose.said_symptom)
        or (lenient and (prose.cause or prose.fix))
    ):
        if not errorish or not part.blocks:
            return None
        # An error heading with text but none of the phrases: a list under it is what to do; prose explains it.
        if UNKNOWN_CAUSE.search(plain(render(part.blocks))):
            return None  # "We do not know the cause of this error": nothing to walk to; left for the report
        if any(isinstance(block, ListBlock) for block in part.blocks):
            prose.fix, prose.symptom = prose.symptom + prose.cause + prose.fix, []
        else:
            # The message as shown (a code block, a quote, the sentence announcing it) is what the user sees;
            # only what is left explains the error.
            said = prose.symptom + prose.cause
            # A code block after the explanation (AWS's `chmod -R o+rX .`) goes with it, unless a sentence announces it.
            first = next((i for i, block in enumerate(said) if not shows_message(block)), len(said))
            shown = [
                i < first or not isinstance(block, Code) or shows_message(said[i - 1]) for i, block in enumerate(said)
            ]
            prose.symptom = [
                block for block, message in zip(said, shown, strict=True) if message and shows_message(block)
            ]
            # "See <another question>" points elsewhere: it explains nothing, it is where to go next.
            prose.cause = [
                block
                for block, message in zip(said, shown, strict=True)
                if not (message and shows_message(block)) and not refers_elsewhere(block)
            ]
            prose.fix = [block for block in said if refers_elsewhere(block)]
            if not prose.cause and not prose.fix:
                return None
    elif errorish and prose.fix and not prose.cause and _explains(prose):
        # "Another process has occupied port 8888. To fix this, ...": under an error heading, plain prose before
        # the fix that does not describe what the user sees explains the error.
        prose.cause, prose.symptom = prose.symptom, []
    checks = checklist(prose)
    if checks is not None:
        prose.symptom, prose.fix = prose.symptom + prose.fix[: prose.fix.index(checks)], []
    symptom = render(prose.symptom) or inherited
    rest = heading_message(part)
    problem = Problem(
        title=title,
        span=Span(part.line, part.end, f"{title}\n\n{symptom}"),
        symptom=symptom,
        codes=codes_in(f"{plain(title)}\n{symptom}"),
        # The message may be quoted where the page explains it, before the fix.
        phrases=phrases(
            title, render(prose.symptom + prose.cause), prose.symptom + prose.cause, rest, everywhere=part.blocks
        ),
        anchor=part.anchor,
    )
    problem.causes = _prose_causes(prose, problem, part.line, part.end) if checks is None else check_causes(checks)
    return problem


def _answer_blocks(blocks: list[Block]) -> list[Block]:
    """An answer written only as bullets (an FAQ's "- k3s has no support for ZFS and thus ... fails, because ...")
    reads as the paragraphs the bullets hold, each followed by what is nested under it."""
    if not blocks or not all(isinstance(block, ListBlock) and not block.ordered for block in blocks):
        return blocks
    return _bullets_read(blocks)


def _bullets_read(blocks: list[Block]) -> list[Block]:
    found: list[Block] = []
    for block in blocks:
        if not isinstance(block, ListBlock) or block.ordered:
            found.append(block)
            continue
        for item in block.items:
            lead = PLAIN_LEAD.match(item.text)
            # "Problem: ...", "Background: ...": the words after a label lead are what the bullet says.
            text = (lead["rest"] or "") if lead and read_label(lead["label"]) else item.text
            # "Related issues: [#133](...) (collection of [#119](...))" points elsewhere and says nothing itself.
            rest = (lead["rest"] or "") if lead else ""
            references = bool(lead) and len(LINK.sub("", rest).split()) <= sum(
                map(len, map(str.split, LINK.findall(rest)))
            )
            if not references:
                found.append(Paragraph(item.line, text))
            found += _bullets_read(item.blocks)
    return found


def _explains(prose: Prose) -> bool:
    """Text before the fix that is plain sentences, none of them a report of what the user sees (a message shown as
    code, "You might see ...")."""
    return (
        bool(prose.symptom)
        and not prose.said_symptom
        and all(isinstance(block, Paragraph) and not ANNOUNCES_MESSAGE.search(block.text) for block in prose.symptom)
    )


def _prose_causes(prose: Prose, problem: Problem, first: int, last: int) -> list[Cause]:
    """The cause a prose part states (or an unstated one) with its fix, then each further cause a later paragraph
    names with its own fix."""
    causes: list[Cause] = []
    for position, said in enumerate([prose, *prose.more]):
        following = prose.more[position] if position < len(prose.more) else None
        end = following.cause[0].line - 1 if following is not None and following.cause else last
        fix_line = said.fix[0].line if said.fix else end + 1
        steps = steps_from_blocks(said.fix, label="", first=fix_line, end=max(fix_line, end)) if said.fix else None
        found, _ = causes_from_blocks(said.cause, plural=False, end=max(first, fix_line - 1))
        if not found and position == 0:
            found = [unstated(problem, [], first, end)]
        for cause in found:
            cause.steps += [steps] if steps else []
        causes += found
    return causes


def checks_problem(root: Part, description: str) -> Problem | None:
    """A page named by an error whose sections are the checks for its causes (GitHub's "Error: Permission
    denied (publickey)": one heading per thing to check, with the steps to check it)."""
    checks = [child for child in root.children if child.label is None and (child.blocks or child.children)]
    if len(checks) < 2:
        return None
    label = read_label(root.title)
    rest = label.rest if label is not None and label.kind == "symptom" else ""
    title = inline(rest or root.title)
    symptom = "\n\n".join(filter(None, [inline(description), render(root.blocks)]))
    problem = Problem(
        title=title,
        span=Span(root.line, root.end, f"{title}\n\n{symptom}"),
        symptom=symptom,
        codes=codes_in(f"{plain(title)}\n{symptom}"),
        phrases=phrases(title, symptom, root.blocks, rest if label and label.word in ERROR_WORDS else ""),
    )
    for check in checks:
        text = inline(check.title)
        steps = steps_from_blocks(flat_blocks(check), label=plain(check.title), first=check.line, end=check.end)
        cause = make_cause(text, check.line, check.end, title=cause_title(text))
        cause.steps += [steps] if steps else []
        problem.causes.append(cause)
    return problem


# A lead-in whose list is the parts, options or fixes of one thing: "There are two parts to the message:", "Conda has
# three similar options.", "The standard remediations, in order of preference:".
OPTIONS_LEAD = re.compile(
    r"\b(?:parts?|options?|ways?|methods?|approaches|alternatives|remediations?|workarounds|solutions|fixes)\b"
    r"[^.]*[.:]?$",
    re.IGNORECASE,
)


def introduces_options(text: str) -> bool:
    """The last sentence of a lead-in names what its list holds: parts, options or fixes, never problems."""
    return bool(OPTIONS_LEAD.search(SENTENCE_END.split(text.strip())[-1]))


def list_problems(listing: ListBlock) -> list[Problem]:
    """A list of problems, each item a symptom with its explanation under it (Tomcat's "When Tomcat starts up,
    I get an exception like ..." followed by "A likely explanation is ...")."""
    items = [
        item for item in listing.items if item.blocks and (looks_like_an_error(item.text) or SYMPTOM.match(item.text))
    ]
    if len(items) < 2 or len(items) * 2 < len(listing.items):
        return []
    problems = []
    for position, item in enumerate(items):
        end = items[position + 1].line - 1 if position + 1 < len(items) else block_end(listing)
        part = Part(title=item.text, line=item.line, level=0, blocks=item.blocks, end=end)
        # A definition list's term is often bold as a whole ("**A message saying "Internal Server Error"**").
        title = inline(WHOLLY_BOLD.sub(r"\1", item.text.strip()))
        problem = prose_problem(part, title, inline(item.text), errorish=True, lenient=True)
        if problem is not None:
            problem.phrases = unique_phrases(problem.phrases + phrases_in(item.text))
            problems.append(problem)
    return problems


# A paragraph that reports an error the way a FAQ does: "When Tomcat starts up, I get an exception like "..."",
# "My client aborts handshakes with exceptions such as "..."".
REPORTS_ERROR = re.compile(
    r"\b(?:I|you|we|users?|clients?) (?:\w+ )?(?:get|gets|see|sees|receive|receives|encounter|encounters)\b"
    r"|\bwith (?:an? )?(?:exceptions?|errors?|messages?) (?:like|such as)\b",
    re.IGNORECASE,
)


def paragraph_problems(blocks: list[Block]) -> list[Problem]:
    """A list of problems that lost its bullets (a FAQ copied from a browser): paragraphs that report an error and
    quote it, each followed by the paragraphs that explain it (the last one by one paragraph: where the list ended
    is lost)."""
    reports = [
        index
        for index, block in enumerate(blocks)
        if isinstance(block, Paragraph) and phrases_in(block.text) and REPORTS_ERROR.search(block.text)
    ]
    if len(reports) < 2:
        return []
    items = []
    for position, index in enumerate(reports):
        end = reports[position + 1] if position + 1 < len(reports) else index + 2
        block = blocks[index]
        text = block.text if isinstance(block, Paragraph) else ""
        items.append(ListItem(block.line, text, list(blocks[index + 1 : end])))
    return list_problems(ListBlock(items[0].line, False, items))


# "You will want to check each of the below sections to see what might be preventing ...".
SECTIONS_BELOW = re.compile(r"\b(?:each of )?the (?:below|following) sections\b|\bsections below\b", re.IGNORECASE)


def sends_below(problem: Problem) -> bool:
    """A problem whose text sends the reader to the sections that follow for what causes it."""
    texts = [problem.symptom] + [cause.text for cause in problem.causes]
    texts += [step for cause in problem.causes for steps in cause.steps for step in [steps.intro, *steps.steps]]
    return any(SECTIONS_BELOW.search(text) for text in texts)


def sections_as_causes(problem: Problem, sections: list[Part]) -> None:
    """The sections a problem sends the reader to, as its causes: each named by its heading, explained by its
    prose up to what it says to do, and fixed by that (else by its whole text, a thing to check)."""
    causes = []
    for section in sections:
        prose = sort_prose(flat_blocks(section))
        fix = prose.fix + [block for more in prose.more for block in more.cause + more.fix]
        text = "\n\n".join(filter(None, [inline(section.title), render(prose.symptom + prose.cause)]))
        blocks = fix or flat_blocks(section)
        steps = steps_from_blocks(blocks, label="", first=blocks[0].line, end=section.end) if blocks else None
        cause = make_cause(text, section.line, section.end, title=plain(section.title))
        cause.steps += [steps] if steps else []
        causes.append(cause)
    problem.causes = causes or problem.causes
