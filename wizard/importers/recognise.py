"""Outline -> problems (symptoms), their causes, the steps that fix each cause, codes and context.

A *problem* is a part of the page (a heading, or the page itself) with a cause or a resolution under it:
- labelled parts at any depth: `Symptom` / `Cause` / `Resolution` and their many names (content/format.py),
  bold labels (`**Cause:**`) and parts a reader marked with a role (IBM Cloud `{: tsCauses}`, DITA `<cause>`);
- a table whose header names a symptom column and a cause or resolution column: one problem per row;
- a heading with prose under it that says why and what to do (GitLab's style, see prose.py); on a page or under a
  heading titled "Troubleshooting", any section whose prose gives a cause or a fix;
- a list of problems, each item a symptom with its explanation (also paragraphs that lost their bullets), whose one
  item may send the reader to the sections below: those sections are then its causes.
A part with no problem in it becomes the guide's introduction when it comes before the first problem or is
context (More information, See also...), and is reported as left out otherwise.

Causes pair with fixes by number ("Resolution for cause 2"), by order (a cause followed by its resolution), by
group ("#### Android" steps for the Android causes); one resolution for several causes serves them all.
"""

from __future__ import annotations

from pathlib import PurePath

from ..content.errors import ContentError
from ..content.format import AMBIGUOUS_LABELS, Kind
from .codes import FILE_CODE, closed_question, codes_in, looks_like_an_error
from .extract import (
    REASONS,
    causes_from_blocks,
    flat_blocks,
    is_problem_table,
    table_columns,
    table_end,
)
from .markup import first_sentence, inline, plain, render, unescaped
from .outline import Admonition, Code, ListBlock, Outline, Paragraph, Table
from .pairing import assign, cause_outside_its_part, part_causes, part_steps
from .parts import Part, beside_a_fix, clear_sibling, lead_cause, outline_parts
from .prose import introduces_steps
from .recognised import Cause, Problem, Recognition, Span, Steps
from .shapes import (
    checks_problem,
    heading_message,
    introduces_options,
    list_problems,
    paragraph_problems,
    phrases,
    prose_problem,
    sections_as_causes,
    sends_below,
    table_problems,
    troubleshooting,
    unstated,
)

EXPECTED = (
    "expected a Cause or Resolution heading, a bold label such as **Cause:**, "
    "or a sentence such as 'This error occurs when'"
)


def recognise(outline: Outline) -> Recognition:
    """What an outline documents; never raises for any outline (what it cannot place, it reports)."""
    return _Recogniser(outline).run()


def _quote(text: str) -> str:
    return f"'{first_sentence(unescaped(text), 80)}'"


class _Recogniser:
    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.warnings = [ContentError(outline.source, note.line, None, note.message) for note in outline.notes]
        self.notes = {note.message for note in outline.notes}
        self.problems: list[Problem] = []
        self.intro: list[str] = []
        self.problem_cache: dict[int, bool] = {}
        self.consumed: set[int] = set()  # parts already placed as another problem's causes

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ContentError(self.outline.source, line, None, message))

    def run(self) -> Recognition:
        outline = self.outline
        root = self.root = outline_parts(outline)
        if not root.title.strip():
            first = next((part for part in root.walk()[1:] if part.title.strip() and not part.pseudo), None)
            root.title = first.title if first else PurePath(outline.source).stem.replace("-", " ").replace("_", " ")
        if self.is_problem(root):
            self.problem(root, "")
        else:
            self.intro.append(render([block for block in root.blocks if not isinstance(block, Table)]))
            self.tables(root, root)
            self.children(root, "")
        if not root.children and not self.problems and FILE_CODE.fullmatch(root.title):
            # rustc's `E0499.md`: no heading at all, the file name is the code, the page explains that one error in
            # its first paragraph and shows it in its first code block (the examples after it are for an author).
            said = [next((b for b in root.blocks if isinstance(b, kind)), None) for kind in (Paragraph, Code)]
            explained = Part(root.title, root.line, 1, blocks=[b for b in said if b is not None], end=root.end)
            problem = prose_problem(explained, root.title, "", errorish=True, lenient=False)
            if problem is not None:
                problem.codes = [root.title, *(code for code in problem.codes if code != root.title)]
                self.problems, self.intro = [problem], []
        found = sum(problem.importable for problem in self.problems)
        if not self.is_problem(root) and looks_like_an_error(root.title):
            # A page named by an error whose sections are mostly not problems: the things to check for it.
            checks = checks_problem(root, outline.description)
            if checks is not None and found * 2 < len(checks.causes):
                self.problems, self.intro = [checks], []
                self.warnings = [warning for warning in self.warnings if warning.message in self.notes]
        if not any(problem.importable for problem in self.problems):
            self.warn(root.line, f"no symptom with a cause or a fix found on the page; {EXPECTED}")
        return Recognition(
            source=outline.source,
            title=inline(root.title),
            url=outline.url,
            description=inline(outline.description),
            intro="\n\n".join(text for text in self.intro if text.strip()),
            problems=[problem for problem in self.problems if problem.importable],
            warnings=self.warnings,
        )

    # What a part is ---------------------------------------------------------------------------------------

    def kind(self, part: Part) -> Kind | None:
        """A part's role in the problem above it; None for a group of problems or an unlabelled heading."""
        label = part.label
        if label is None:
            return None
        if label.kind == "symptom" and not label.rest and self.is_problem(part) and beside_a_fix(part):
            return "symptom"  # "### Problem" (its list says "- Why: ...") beside "### Workaround": the symptom part
        if label.kind == "symptom" and (label.rest or self.is_problem(part)):
            return None  # "Issue: the VM does not start" is a problem of its own, not a symptom of the one above
        if label.kind == "symptom" and any(child.label is None and not child.pseudo for child in part.children):
            return None  # "## Error messages" over a heading per message is a group
        if (
            label.kind == "cause"
            and not part.children
            and part.blocks
            and all(isinstance(b, Code) for b in part.blocks)
        ):
            return "symptom"  # MDN's "## Reason" over the console line: the message as shown, no explanation
        if label.word in AMBIGUOUS_LABELS and not clear_sibling(part):
            return None  # "## Troubleshooting" is a part of a problem only beside a clear "Symptom" or "Cause"
        if label.kind in {"cause", "resolution"} and any(self.is_problem(inner) for inner in part.walk()[1:]):
            return None
        return label.kind

    def is_problem(self, part: Part) -> bool:
        key = id(part)
        if key not in self.problem_cache:
            self.problem_cache[key] = False  # no part is its own descendant, but be safe against recursion
            label = part.label
            if label is not None and label.kind in {"cause", "resolution", "context"}:
                found = False
            else:
                found = any(self.kind(child) in {"cause", "resolution"} for child in part.children)
            self.problem_cache[key] = found
        return self.problem_cache[key]

    # Walking the page -------------------------------------------------------------------------------------

    def children(self, part: Part, inherited: str) -> bool:
        """Visit the parts under a non-problem part; True when something under it was placed."""
        symptoms = [child for child in part.children if self.kind(child) == "symptom"]
        shared = render([block for child in symptoms for block in flat_blocks(child)]) or inherited
        # Among sibling problems (also before the first: an FAQ's first entries), a heading with a cause or a fix in its
        # prose is one too.
        siblings = sum(self.is_problem(child) for child in part.children) >= 2
        # On a troubleshooting page (or under such a heading), every section is there to solve something.
        lenient = troubleshooting(part)
        placed = False
        before_problems: list[Part] = []  # sections taken as the introduction because no problem came yet
        for child in part.children:
            if child in symptoms:
                continue
            if id(child) in self.consumed:
                placed = True
                continue
            if self.visit(child, shared, lenient or siblings):
                placed = True
            elif self.kind(child) == "context" or not self.problems:
                self.intro.append(self.as_text(child))
                if self.kind(child) != "context" and child.title.strip() and not child.pseudo:
                    before_problems.append(child)
            else:
                self.warn(
                    child.line,
                    f"heading {_quote(child.title)} at line {child.line} has no symptom, cause or fix under it "
                    f"({EXPECTED}); left out of the draft",
                )
        if placed and self.problems:
            # A FAQ's first entries went into the introduction (no cause or fix read): an author should know.
            for child in before_problems:
                self.warn(
                    child.line,
                    f"heading {_quote(child.title)} at line {child.line} comes before the first problem and has no "
                    f"cause or fix the importer could read ({EXPECTED}); kept in the introduction",
                )
        if symptoms and not placed:
            for child in symptoms:
                self.warn(
                    child.line,
                    f"{_quote(child.title)} at line {child.line} under {_quote(part.title)} describes a symptom, "
                    f"but no cause or fix follows it ({EXPECTED}); left out of the draft",
                )
            return True
        return placed

    def visit(self, part: Part, inherited: str, lenient: bool = False) -> bool:
        if self.is_problem(part):
            self.problem(part, inherited)
            return True
        if part.label is not None and part.label.kind in {"cause", "resolution"} and self.kind(part) is not None:
            self.warn(
                part.line,
                f"heading {_quote(part.title)} at line {part.line} is a {part.label.kind}, but no symptom heading "
                "is above it to attach it to (expected it under the heading of the problem it explains)",
            )
            return True
        placed = self.tables(part, self.root)
        placed = self.children(part, inherited) or placed
        titled = part.label is None or (part.label.kind == "symptom" and bool(part.label.rest))
        if not placed and not part.children and part.blocks and titled:
            placed = self.prose(part, inherited, lenient)
        return placed

    def as_text(self, part: Part) -> str:
        title = f"**{inline(part.title)}**" if part.title.strip() and not part.pseudo else ""
        return "\n\n".join(filter(None, [title, render(flat_blocks(part))]))

    # Problems ----------------------------------------------------------------------------------------------

    def title(self, part: Part) -> str:
        label = part.label
        if label is not None and label.kind == "symptom" and label.rest:
            return label.rest
        return part.title

    def problem(self, part: Part, inherited: str) -> None:
        sequence: list[tuple[Kind, Part, list[Part]]] = []
        before: list[Part] = []
        for child in part.children:
            kind = self.kind(child)
            if kind is None and any(self.is_problem(inner) for inner in child.walk()):
                self.visit(child, "")
            elif kind is None and self.problem_group(child):
                pass  # "## Common issues on Windows" with a problem per "###": problems of their own
            elif kind is not None:
                sequence.append((kind, child, []))
                if kind == "symptom":
                    # A cause said inside the symptom part's list ("- Why: ...") is a cause of this problem.
                    sequence += [("cause", inner, []) for inner in child.children if lead_cause(inner)]
            elif sequence:
                sequence[-1][2].append(child)
            else:
                before.append(child)
        cause_outside_its_part(part, sequence)
        intro_blocks = list(part.blocks) + [block for child in before for block in flat_blocks(child)]
        intro_blocks = [block for block in intro_blocks if not (isinstance(block, Table) and self.cause_table(block))]
        symptom_parts = [(child, extra) for kind, child, extra in sequence if kind == "symptom"]
        symptom_blocks = [block for child, extra in symptom_parts for p in [child, *extra] for block in flat_blocks(p)]
        context = [self.as_text(p) for kind, child, extra in sequence if kind == "context" for p in [child, *extra]]
        if symptom_blocks:
            symptom = render(symptom_blocks)
            context.insert(0, render(intro_blocks))
        else:
            symptom = render(intro_blocks) or inherited
            symptom_blocks = intro_blocks
        title = inline(self.title(part))
        said = intro_blocks + [
            block for _, child, extra in sequence for inner in [child, *extra] for block in flat_blocks(inner)
        ]
        problem = Problem(
            title=title,
            span=Span(part.line, part.end, f"{title}\n\n{symptom}"),
            symptom=symptom,
            context="\n\n".join(text for text in context if text.strip()),
            codes=codes_in(f"{plain(title)}\n{symptom}"),
            phrases=phrases(title, symptom, symptom_blocks, heading_message(part), everywhere=said),
            anchor=part.anchor,
        )
        table_rows = [self.cause_table(block) for block in part.blocks if isinstance(block, Table)]
        problem.causes = [cause for rows in table_rows for cause in rows]
        self.pair(problem, part, sequence)
        self.problems.append(problem)

    def problem_group(self, part: Part) -> bool:
        """An unlabelled section of a problem whose sub-sections are two or more problems told in prose ("## Common
        issues on Windows" on a page whose steps fix the page's own failure): each is a problem, never a step."""
        if len(part.children) < 2 or not troubleshooting(part):
            return False
        problems, warnings, intro = len(self.problems), len(self.warnings), len(self.intro)
        self.children(part, "")
        if sum(problem.importable for problem in self.problems[problems:]) >= 2:
            return True
        del self.problems[problems:], self.warnings[warnings:], self.intro[intro:]
        return False

    def cause_table(self, table: Table) -> list[Cause]:
        columns = table_columns(table)
        if "cause" not in columns or "symptom" in columns:
            return []
        causes, _ = causes_from_blocks([table], plural=True, end=table_end(table))
        return causes

    def pair(self, problem: Problem, part: Part, sequence: list[tuple[Kind, Part, list[Part]]]) -> None:
        """Causes from the cause parts; each resolution's steps to the causes it fixes."""
        pending: list[Cause] = []
        last: list[Cause] = []
        unowned: list[Steps] = []
        after_resolution = False
        for kind, child, extra in sequence:
            if kind == "cause":
                found = part_causes(child, extra)
                problem.causes += found
                pending = (pending if not after_resolution else []) + found
                after_resolution = False
            elif kind == "resolution":
                steps = part_steps(child, extra)
                label = child.label
                number = label.refers if label else None
                if number is None and label and label.number and any(cause.number for cause in problem.causes):
                    number = label.number
                targets = pending or last
                if number is not None:
                    targets = [cause for cause in problem.causes if cause.number == number]
                    if not targets:
                        self.warn(
                            child.line,
                            f"heading {_quote(child.title)} at line {child.line} under {_quote(part.title)} is the "
                            f"resolution for cause {number}, but no cause {number} is above it (expected a heading "
                            f"such as 'Cause {number}: ...'); its steps serve the causes before it",
                        )
                        targets = pending or last
                if targets:
                    assign(steps, targets)
                    last, pending = targets, []
                else:
                    unowned += steps
                after_resolution = True
        if unowned and problem.causes:
            assign(unowned, [cause for cause in problem.causes if not cause.steps] or problem.causes)
        elif unowned:
            problem.causes = [unstated(problem, unowned, part.line, part.end)]
        if problem.causes and not problem.importable:
            self.warn(part.line, f"{_quote(part.title)} at line {part.line} has neither a cause nor a fix")

    # Tables and prose ------------------------------------------------------------------------------------

    def tables(self, part: Part, root: Part) -> bool:
        """Problems in a part's tables and lists of problems."""
        placed = False
        for before, block in zip([None, *part.blocks], part.blocks, strict=False):
            # A list after "This might have multiple reasons." holds the causes of the heading's problem.
            # After "A few things should be checked in this case:" or "There are two parts to the message:", the list
            # is the checks or the parts, not problems.
            reasons = isinstance(before, Paragraph) and (
                REASONS.search(before.text) or introduces_steps(before.text) or introduces_options(before.text)
            )
            if isinstance(block, ListBlock) and not reasons and (problems := list_problems(block)):
                self.problems += problems
                placed = True
                self.sections_below(part, problems)
            if isinstance(block, Table) and is_problem_table(block):
                problems, skipped = table_problems(block, part if part is not root else None)
                self.problems += problems
                for line, message in skipped:
                    self.warn(line, message)
                placed = True
        if not placed and (problems := paragraph_problems(part.blocks)):
            self.problems += problems
            placed = True
        return placed

    def sections_below(self, part: Part, problems: list[Problem]) -> None:
        """The part's sections become the causes of the one problem that sends the reader to them."""
        sending = [problem for problem in problems if sends_below(problem)]
        sections = [child for child in part.children if child.label is None and not self.is_problem(child)]
        if len(sending) == 1 and sections:
            sections_as_causes(sending[0], sections)
            self.consumed.update(id(section) for section in sections)

    def prose(self, part: Part, inherited: str, lenient: bool) -> bool:
        if closed_question(part.title):
            return False  # "Is it safe to run X as root?": an FAQ's question about a fact, whatever its answer says
        # A section that opens by quoting the message ("**Error:** *... is undefined or not exported*") is an error's.
        quotes = bool(part.blocks) and isinstance(part.blocks[0], Admonition) and part.blocks[0].kind == "quote"
        errorish = looks_like_an_error(part.title) or part.label is not None or bool(heading_message(part)) or quotes
        problem = prose_problem(part, inline(self.title(part)), inherited, errorish=errorish, lenient=lenient)
        if problem is not None:
            self.problems.append(problem)
        return problem is not None
