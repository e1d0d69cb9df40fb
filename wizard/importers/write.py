"""A recognised page as a draft guide in the content format (content/README.md), with `draft: true`.

Everything written into markup (YAML in comments) round-trips through the parser exactly: a value that holds
`-->` or `<!--` is written double-quoted with the `>` or `<` as a YAML escape. Page text is defused by
markup.escape. Every section, cause and steps block records its provenance (`source: FIRST-LAST DIGEST`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..content.format import PART_HEADINGS
from ..content.graph import START, slugify
from ..content.parse import HEADING
from .markup import indent, inline, plain
from .recognised import Cause, Problem, Recognition, Steps
from .wording import cause_title

LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
HEADER_NOTE = (
    "Imported from {source} by the docs importer (`manage.py import_docs` or the admin's Import docs). Before "
    "removing `draft: true`: write the troubleshooting steps and causes still missing (the importer and "
    "load_content list them), check every id and question, and "
    "reword the page's text in our own words (README.md). Keep the `source` keys: a re-import compares them."
)


@dataclass
class Written:
    text: str
    # Node ids of causes the page does not state (a fix without a cause): an author must name the cause.
    unstated: list[str] = field(default_factory=list)


# libyaml's emitter when PyYAML has it: a 2 MB page's markup dumps in a tenth of the time (12 s -> about 1 s).
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "-->" in value or "<!--" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def yaml_lines(values: dict[str, Any]) -> list[str]:
    """Markup as YAML lines that cannot close or open the comment they sit in."""
    dumped = yaml.dump(
        values, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False
    )
    # Only double-quoted scalars can hold these (see _str), and there a YAML escape reads back the same.
    dumped = dumped.replace("-->", "--\\x3E").replace("<!--", "\\x3C!--")
    return dumped.rstrip("\n").split("\n")


def heading_line(marks: str, title: str) -> tuple[str, bool]:
    """A heading line, and whether the parser reads back exactly this title (a trailing '#' it would drop)."""
    line = f"{marks} {title}"
    match = HEADING.match(line)
    return line, bool(match and match.group(2).strip() == title)


class Writer:
    def __init__(self, recognition: Recognition, *, guide_id: str) -> None:
        self.page = recognition
        self.guide_id = guide_id
        self.used: set[str] = {START}
        self.lines: list[str] = []
        self.unstated: list[str] = []

    def unique(self, text: str, fallback: str) -> str:
        """An id from some text that no other node uses: more of the text's words first, then a number."""
        plain_text = LEADING_ARTICLE.sub("", plain(text).lstrip('("\u201c`')).replace("_", " ")
        candidates = [slugify(plain_text, words)[:90].strip("-") or fallback for words in (8, 10, 12)]
        # Numbered ids are made one at a time: a list of them per call made a page of n sections cost n^2.
        numbered = (f"{candidates[-1]}-{number}" for number in itertools.count(2))
        for candidate in itertools.chain(candidates, numbered):
            derived = {candidate, f"check-{candidate}", f"{candidate}-escalate"}
            if not derived & self.used:
                self.used.update(derived)
                return candidate
        raise AssertionError("unreachable: itertools.count never ends")

    def write(self) -> Written:
        page = self.page
        title = inline(page.title) or self.guide_id.replace("-", " ").capitalize()
        front: dict[str, Any] = {"id": self.guide_id, "title": plain(title) or title}
        if page.description:
            front["summary"] = page.description
        if page.url.startswith(("https://", "http://")):
            front["docs"] = page.url
        front["source"] = page.source
        front["draft"] = True
        self.lines += ["---", *yaml_lines(front), "---", "", f"# {title}", ""]
        self.lines += ["<!--", *yaml_comment(HEADER_NOTE.format(source=page.source)), "-->", ""]
        if page.intro:
            self.lines += [page.intro, ""]
        for index, problem in enumerate(page.problems, 1):
            self.problem(problem, self.unique(problem.title, f"problem-{index}"))
        return Written(text="\n".join(self.lines).rstrip("\n") + "\n", unstated=self.unstated)

    def problem(self, problem: Problem, section_id: str) -> None:
        heading, exact = heading_line("##", problem.title or "Untitled problem")
        meta: dict[str, Any] = {"id": section_id}
        if not exact:
            meta["answer"] = problem.title
        if len(problem.causes) == 1:
            meta["direct"] = True
        if problem.codes:
            meta["codes"] = problem.codes
        if problem.phrases:
            meta["phrases"] = problem.phrases
        if problem.docs:
            meta["docs"] = dict(problem.docs)
        meta["source"] = str(problem.span.provenance)
        self.lines += [heading, "<!--", *yaml_lines(meta), "-->", ""]
        if problem.context:
            self.lines += [problem.context, ""]
        if problem.symptom:
            self.lines += [f"### {PART_HEADINGS['symptom']}", problem.symptom, ""]
        cause_ids = [
            self.unique(cause.title or cause.text, f"{section_id}-cause-{index}")
            for index, cause in enumerate(problem.causes, 1)
        ]
        self.lines.append(f"### {PART_HEADINGS['causes']}")
        for cause, cause_id in zip(problem.causes, cause_ids, strict=True):
            self.cause(cause, cause_id)
        self.lines += ["", f"### {PART_HEADINGS['steps']}"]
        blocks = _blocks(problem.causes, cause_ids)
        for steps, owners in blocks:
            self.steps(steps, owners if len(blocks) > 1 or len(owners) < len(problem.causes) else [])
        self.lines.append("")

    def cause(self, cause: Cause, cause_id: str) -> None:
        first, *rest = cause.text.strip().split("\n") or [""]
        if first.lstrip().startswith(("```", "~~~")):
            # A list item cannot open with a code fence and keep its markup comment: the code goes below a first line.
            first, rest = "", [first, *rest]
        first = first.strip() or inline(cause.title).strip("`~") or "(no text)"
        meta: dict[str, Any] = {"id": cause_id}
        # Markup holds the title as it is (YAML escapes it); only page text needs defusing.
        title = cause_title(" ".join(part.strip() for part in cause.title.strip().split("\n")) or first)
        if title != first:
            meta["title"] = title
        if cause.codes:
            meta["codes"] = cause.codes
        if cause.phrases:
            meta["phrases"] = cause.phrases
        meta["source"] = str(cause.span.provenance)
        if not cause.stated:
            self.unstated.append(cause_id)
        self.lines.append(f"- {first}")
        self.lines += indent("\n".join(rest), "  ") if rest else []
        self.lines += ["  <!--", *indent("\n".join(yaml_lines(meta)), "  "), "  -->"]

    def steps(self, steps: Steps, owners: list[tuple[str, Cause]]) -> None:
        """One steps block: under a `####` heading naming the cause it fixes, unless it fixes every cause."""
        meta: dict[str, Any] = {}
        if owners:
            for cause_id, cause in owners:
                label = steps.label or cause_title(cause.title) or cause_id
                if len(owners) > 1 and steps.label:
                    label = f"{steps.label}: {cause_title(cause.title)}"
                heading, _ = heading_line("####", inline(label) or cause_id)
                self.lines += [
                    "",
                    heading,
                    "<!--",
                    *yaml_lines({"cause": cause_id, "source": str(steps.span.provenance)}),
                    "-->",
                ]
                self.step_list(steps)
            return
        meta["source"] = str(steps.span.provenance)
        self.lines += ["<!--", *yaml_lines(meta), "-->"]
        self.step_list(steps)

    def step_list(self, steps: Steps) -> None:
        if steps.intro:
            self.lines += [steps.intro, ""]
        for number, step in enumerate(steps.steps, 1):
            first, *rest = step.strip().split("\n")
            self.lines.append(f"{number}. {first}")
            self.lines += indent("\n".join(rest), "   ") if rest else []


def _blocks(causes: list[Cause], cause_ids: list[str]) -> list[tuple[Steps, list[tuple[str, Cause]]]]:
    """Each distinct steps block once, with the causes it fixes, in page order."""
    found: list[tuple[Steps, list[tuple[str, Cause]]]] = []
    for cause, cause_id in zip(causes, cause_ids, strict=True):
        for steps in cause.steps:
            entry = next((entry for entry in found if entry[0] is steps), None)
            if entry is None:
                entry = (steps, [])
                found.append(entry)
            entry[1].append((cause_id, cause))
    return found


def yaml_comment(text: str) -> list[str]:
    """Free text inside the guide's header comment, wrapped, with nothing that could close it."""
    words = text.replace("-->", "--&gt;").split()
    lines, line = [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > 110:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def write(recognition: Recognition, *, guide_id: str) -> Written:
    return Writer(recognition, guide_id=guide_id).write()
