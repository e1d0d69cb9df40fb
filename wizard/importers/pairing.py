"""What a cause part and a resolution part of a page say: their causes, their steps, and which steps fix which cause.

The recogniser decides which parts are causes and resolutions (recognise.py); these functions read them.
"""

from __future__ import annotations

from ..content.format import Kind, Label
from .extract import PLURAL_CAUSES, causes_from_blocks, flat_blocks, make_cause, steps_from_blocks
from .markup import first_sentence, inline, plain, render
from .outline import Block, Heading
from .parts import Part, block_end
from .prose import shows_message, sort_prose
from .recognised import Cause, Span, Steps


def part_causes(part: Part, extra: list[Part]) -> list[Cause]:
    """What a cause part states: one titled or numbered cause ("Cause 2: The disk is full"), the causes
    under a plural label or numbered sub-headings, a list of causes, or one cause."""
    label = part.label
    children = [*part.children, *extra]
    fixes = [steps for child in children if is_kind(child, "resolution") for steps in part_steps(child, [])]
    details = [child for child in children if not is_kind(child, "resolution")]
    plural = bool(label and label.word in PLURAL_CAUSES)
    causes: list[Cause] = []
    if label is not None and (label.rest or label.number is not None):
        body = part.blocks + [block for child in details for block in _with_title(child)]
        text = "\n\n".join(filter(None, [inline(label.rest), render(body)]))
        title = first_sentence(plain(label.rest)) if label.rest else ""
        causes = [make_cause(text, part.line, part.end, title=title, number=label.number)] if text else []
    elif any(is_kind(child, "cause") for child in details) or (plural and details):
        for child in details:
            if is_kind(child, "cause"):
                causes += part_causes(child, [])
            elif is_list_of_causes(child):
                causes += causes_from_blocks(child.blocks, plural=True, end=child.end, group=plain(child.title))[0]
            else:
                text = "\n\n".join(filter(None, [inline(child.title), render(flat_blocks(child))]))
                causes.append(make_cause(text, child.line, child.end, title=first_sentence(plain(child.title))))
    else:
        body = part.blocks + [block for child in details for block in _with_title(child)]
        causes = causes_from_blocks(body, plural=plural, end=part.end)[0]
    if fixes and causes:
        assign(fixes, causes)
    return causes


def is_list_of_causes(part: Part) -> bool:
    lists = [block for block in part.blocks if hasattr(block, "items")]
    return not part.children and len(lists) == 1 and len(getattr(lists[0], "items", [])) > 1


def part_steps(part: Part, extra: list[Part]) -> list[Steps]:
    """A resolution part's steps: its own blocks, and one block of steps per heading under it."""
    label = part.label.rest if part.label else ""
    own = part.blocks
    children = [*part.children, *extra]
    found: list[Steps] = []
    end = children[0].line - 1 if children else part.end
    own_steps = steps_from_blocks(own, label=label, first=part.line, end=end)
    lead_in = own_steps is not None and not any(hasattr(block, "items") for block in own) and bool(children)
    if own_steps is not None and not lead_in:
        found.append(own_steps)
    if children and all(child.label is not None and child.label.word == "step" for child in children):
        return [_procedure(part, children, own_steps, label)]
    for child in children:
        title = child.label.rest if child.label and child.label.rest else plain(child.title)
        steps = steps_from_blocks(flat_blocks(child), label=title, first=child.line, end=child.end)
        if steps is None:
            continue
        if lead_in and own_steps is not None:
            steps.intro = "\n\n".join(
                filter(None, ["\n\n".join(filter(None, [own_steps.intro, *own_steps.steps])), steps.intro])
            )
        found.append(steps)
    return found


def _procedure(part: Part, children: list[Part], own: Steps | None, label: str) -> Steps:
    """ "Step 1: ...", "Step 2: ...": one procedure, each heading a step with its details under it."""
    steps = list(own.steps) if own else []
    for child in children:
        heading = f"**{inline(child.label.rest if child.label and child.label.rest else child.title)}**"
        steps.append("\n\n".join(filter(None, [heading, render(flat_blocks(child))])))
    intro = own.intro if own else ""
    return Steps(label=label, span=Span(part.line, part.end, "\n\n".join([intro, *steps])), intro=intro, steps=steps)


def is_kind(part: Part, kind: Kind) -> bool:
    return part.label is not None and part.label.kind == kind


def _with_title(part: Part) -> list[Block]:
    """A part's blocks with its heading as a bold line first."""
    return [Heading(part.line, 0, part.title), *flat_blocks(part)] if part.title.strip() else flat_blocks(part)


def assign(steps: list[Steps], causes: list[Cause]) -> None:
    """Give each cause the steps that fix it: by group label, else in order when they pair up, else all to all."""
    if not steps or not causes:
        return
    if len(causes) == 1 or len(steps) == 1:
        for cause in causes:
            cause.steps += steps
        return
    rest = []
    for block in steps:
        owners = [
            cause for cause in causes if cause.group and block.label and cause.group.lower() == block.label.lower()
        ]
        for cause in owners:
            cause.steps.append(block)
        if not owners:
            rest.append(block)
    waiting = [cause for cause in causes if not cause.steps]
    if not rest or not waiting:
        return
    if len(rest) == len(waiting):
        for cause, block in zip(waiting, rest, strict=True):
            cause.steps.append(block)
    else:
        for cause in waiting:
            cause.steps += rest


def cause_in_resolution(sequence: list[tuple[Kind, Part, list[Part]]]) -> bool:
    """No cause part, but a resolution that opens by saying why ("This seems to be an IPv6 problem. A quick fix
    is..."): those sentences become the cause, the rest stays the resolution."""
    if any(kind == "cause" for kind, _, _ in sequence):
        return False
    for index, (kind, child, _) in enumerate(sequence):
        if kind != "resolution":
            continue
        prose = sort_prose(child.blocks)
        if prose.cause and not prose.symptom:
            end = prose.fix[0].line - 1 if prose.fix else child.end
            cause = Part("", child.line, child.level, Label("cause", "cause"), prose.cause, end=max(child.line, end))
            child.blocks = prose.fix + [block for more in prose.more for block in more.cause + more.fix]
            sequence.insert(index, ("cause", cause, []))
            return True
        return False
    return False


def cause_in_symptom(sequence: list[tuple[Kind, Part, list[Part]]]) -> bool:
    """No cause part, but a Problem part that says why after what happens ("Missing credentials cause a `403
    forbidden` error", "... This occurs when the instance is not configured to ..."), beside a Solution: the
    sentences from the cue on become the cause; what the user sees (the message shown as code) stays the symptom.
    A sentence that is all the Problem says stays the symptom as well."""
    kinds = [kind for kind, _, _ in sequence]
    if "cause" in kinds or "resolution" not in kinds:
        return False
    for index, (kind, child, extra) in enumerate(sequence):
        if kind != "symptom" or child.children or extra:
            continue
        prose = sort_prose(child.blocks)
        said = [block for block in prose.cause if not shows_message(block)]
        if not said or prose.fix or prose.more:
            return False
        shown = [block for block in prose.cause if shows_message(block)]
        child.blocks = prose.symptom + shown or said
        end = max(child.line, child.end)
        cause = Part("", said[0].line, child.level, Label("cause", "cause"), said, end=end)
        sequence.insert(index + 1, ("cause", cause, []))
        return True
    return False


def cause_in_intro(part: Part, sequence: list[tuple[Kind, Part, list[Part]]]) -> bool:
    """An FAQ answer that says why before its own "How did I get here?" part ("This is because at some point a
    virtual interface was orphaned"): those sentences lead the one cause that part tells, which goes on with how it
    came about. Only when the part tells one cause and no Symptom part is there to hold the opening."""
    parts = [(child, extra) for kind, child, extra in sequence if kind == "cause"]
    if len(parts) != 1 or any(kind == "symptom" for kind, _, _ in sequence):
        return False
    child, extra = parts[0]
    prose = sort_prose(part.blocks)
    said = [block for block in prose.cause if not shows_message(block)]
    if not said or prose.fix or prose.more or len(part_causes(child, extra)) != 1:
        return False
    part.blocks = prose.symptom + [block for block in prose.cause if shows_message(block)]
    child.blocks = said + child.blocks
    child.line = said[0].line
    return True


def cause_before_labels(part: Part, sequence: list[tuple[Kind, Part, list[Part]]]) -> bool:
    """A problem that says why in its opening paragraph, before its "#### Symptom" and "#### Solution" parts and
    with no Cause part ("When doing a `buildah pull` ..., it is likely that the registries.conf file is ...
    misconfigured."): the sentences from the cue on are its cause, placed before the first resolution. Only when
    the opening gives no fix of its own."""
    kinds = [kind for kind, _, _ in sequence]
    if "cause" in kinds or "resolution" not in kinds or not part.blocks:
        return False
    prose = sort_prose(part.blocks)
    said = [block for block in prose.cause if not shows_message(block)]
    if not said or prose.fix or prose.more:
        return False
    cause = Part("Cause", said[0].line, part.level + 1, label=Label("cause", "cause"), blocks=said, parent=part)
    cause.end = max(block_end(block) for block in said)
    part.blocks = prose.symptom + [block for block in prose.cause if shows_message(block)]
    sequence.insert(kinds.index("resolution"), ("cause", cause, []))
    return True


def cause_outside_its_part(part: Part, sequence: list[tuple[Kind, Part, list[Part]]]) -> bool:
    """A cause said inside the Problem text, in the opening, or at the start of the Solution: a cause part of its
    own (the first rule that applies)."""
    return (
        cause_in_symptom(sequence)
        or cause_in_intro(part, sequence)
        or cause_in_resolution(sequence)
        or cause_before_labels(part, sequence)
    )
