from __future__ import annotations

import pytest

from wizard.content.format import LABELS, Provenance, read_label, read_provenance


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Symptoms", "symptom"),
        ("What's happening", "symptom"),
        ("What\u2019s happening?", "symptom"),
        ("Common causes", "cause"),
        ("What went wrong?", "cause"),
        ("What's going on", "cause"),
        ("Message", "symptom"),
        ("Error type", "context"),
        ("Possible causes:", "cause"),
        ("Root cause", "cause"),
        ("Why it's happening", "cause"),
        ("Reasons", "cause"),
        ("How to fix it", "resolution"),
        ("Workarounds", "resolution"),
        ("Remedies", "resolution"),
        ("Fixes", "resolution"),
        ("Troubleshooting steps", "resolution"),
        ("See also", "context"),
        ("More information", "context"),
        ("**Cause:**", "cause"),
        ("2. Solution", "resolution"),
        ("Cause and solution", "cause"),
        ("Causes and solutions", "cause"),
        ("How did I get here?", "cause"),
        ("What can cause these sorts of failures?", "cause"),
        ("What is likely occurring", "cause"),
        ("How do I fix the issue?", "resolution"),
        ("How do I work around the issue?", "resolution"),
        ("How do I resolve this?", "resolution"),
        ("How to fix this?", "resolution"),
        ("Why This Error Occurred", "cause"),
        ("**How might you run into this error?**", "cause"),
        ("Possible Ways to Fix It", "resolution"),
        ("**What does the error look like?**", "symptom"),
    ],
)
def test_label_kind(text, kind):
    assert read_label(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Causes of slow sync",
        "Known issues",
        "Install the agent",
        "",
        "Error code 0x1",
        "How do I fix `field not declared in schema`?",
        "How do I reset the admin password?",
    ],
)
def test_not_a_label(text):
    assert read_label(text) is None


def test_numbered_cause():
    assert read_label("Cause 2: The disk is full") == read_label("Cause 2 - The disk is full")


def test_numbered_cause_number():
    assert read_label("Cause 2: The disk is full").number == 2


def test_numbered_cause_rest_keeps_its_case():
    assert read_label("Cause 2: The disk is full").rest == "The disk is full"


def test_resolution_for_cause_refers_to_it():
    assert read_label("Resolution for cause 3").refers == 3


def test_rest_keeps_code_formatting():
    assert read_label("Error: `fatal: not a git repository`").rest == "`fatal: not a git repository`"


def test_plurals_are_labels():
    assert LABELS["causes"] == LABELS["cause"] == "cause"


def test_provenance_reads_back():
    value = Provenance(12, 40, "0123456789ab")
    assert read_provenance(str(value)) == value


@pytest.mark.parametrize("value", ["12-40", "40-12 0123456789ab", "12-40 0123456789AB", 12, None, "a-b 0123456789ab"])
def test_bad_provenance(value):
    assert read_provenance(value) is None
