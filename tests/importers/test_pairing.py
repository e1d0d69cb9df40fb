from __future__ import annotations

from wizard.importers.pairing import assign
from wizard.importers.recognised import Cause, Span, Steps

SPAN = Span(1, 1, "x")


def causes(*groups: str) -> list[Cause]:
    return [Cause(text=f"cause {number}", span=SPAN, group=group) for number, group in enumerate(groups)]


def steps(*labels: str) -> list[Steps]:
    return [Steps(label=label, span=SPAN, steps=[label or "step"]) for label in labels]


def labels(found: list[Cause]) -> list[list[str]]:
    return [[block.label for block in cause.steps] for cause in found]


def test_one_fix_serves_every_cause():
    found = causes("", "")
    assign(steps(""), found)
    assert labels(found) == [[""], [""]]


def test_fixes_pair_with_causes_in_order():
    found = causes("", "")
    assign(steps("a", "b"), found)
    assert labels(found) == [["a"], ["b"]]


def test_fix_labelled_like_a_group_goes_to_that_group():
    found = causes("Android", "iOS", "Android")
    assign(steps("iOS", "Android"), found)
    assert labels(found) == [["Android"], ["iOS"], ["Android"]]


def test_fixes_that_do_not_pair_up_all_go_to_every_cause():
    found = causes("", "", "")
    assign(steps("a", "b"), found)
    assert labels(found) == [["a", "b"]] * 3
