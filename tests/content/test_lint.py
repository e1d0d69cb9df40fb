"""Content lints: each one finds what it is for, and lets a well-shaped guide pass."""

from __future__ import annotations

import pytest

from tests.conftest import GADGET, MINI
from tests.factories import generated_guide
from wizard.content import read_guide, read_guide_text
from wizard.content.lint import compound_question, lint_guide

HEAD = "---\nid: g\ntitle: G\ndocs: https://docs.example.com/start/\n---\n"


def causes(count: int, *, docs: str = "https://docs.example.com/fix/", meaning: str = "It broke.") -> str:
    """One section whose causes are checked one by one (a chain of `count` yes/no questions)."""
    items = "".join(
        f"- Cause {n}.\n  <!--\n  id: cause-{n}\n  ask: Is it cause {n}?\n  docs: {docs}\n"
        f"  codes:\n    CODE_{n}: {meaning!r}\n  -->\n"
        for n in range(1, count + 1)
    )
    steps = "".join(f"#### Fix {n}\n<!-- cause: cause-{n} -->\n1. Fix it.\n\n" for n in range(1, count + 1))
    section = "\n## Thing breaks\n<!-- id: thing -->\n\n### Symptom\nIt breaks.\n\n### Common causes\n"
    return HEAD + section + f"{items}\n### Troubleshooting steps\n{steps}"


def findings(text: str, lint: str) -> list[str]:
    guide, errors = read_guide_text(text, "g.md")
    assert errors == []
    return [str(finding) for finding in lint_guide(guide)[lint]]


def test_a_well_shaped_guide_passes_every_lint():
    guide, _ = read_guide(GADGET)
    assert {lint: found for lint, found in lint_guide(guide).items() if found} == {}


def test_the_mini_guides_platform_resolutions_link_no_docs():
    guide, _ = read_guide(MINI)
    assert [finding.node for finding in lint_guide(guide)["resolution-docs"]] == ["android-package", "ios-links"]


@pytest.mark.parametrize(
    "question",
    [
        "Is the Item non-OAuth and did the user change their password?",
        "Did the user leave the account unselected when linking, or open it after linking?",
        "Is the bank a non-OAuth one, where the user may have changed their password or MFA setup?",
    ],
)
def test_compound_yes_no_questions_are_found(question):
    assert compound_question(question)


@pytest.mark.parametrize(
    "question",
    [
        "Does the bank support Auth and Transactions?",
        "Does the user have an ad blocker or privacy extension turned on?",
        "Is `products` or `account_filters` set?",
        "Was the token created with Sandbox keys while the app runs in Production, or the other way round?",
        'Does Link say "Select your account and continue"?',
    ],
)
def test_one_fact_questions_pass(question):
    assert not compound_question(question)


def test_a_choice_question_may_list_options_but_not_ask_twice():
    assert not compound_question("Which platform: Android, iOS, or web?", yes_no=False)
    assert compound_question("Which platform is the app on, and what happens after sign-in?", yes_no=False)


def test_a_compound_question_in_a_guide_is_reported_at_its_node():
    text = causes(2).replace("Is it cause 2?", "Is it cause 2, or did the user give up early?")
    [finding] = findings(text, "compound-question")
    assert finding.startswith("g.md:22 [check-cause-2]: the question asks two things at once")


def test_four_yes_no_questions_in_a_row_pass():
    assert findings(causes(4), "yes-no-chain") == []


def test_a_fifth_yes_no_question_in_a_row_is_reported():
    assert [finding.split(":")[1] for finding in findings(causes(5), "yes-no-chain")] == ["46 [check-cause-5]"]


def test_a_resolution_five_answers_away_passes():
    # start -> section (1) -> No x3 (4) -> Yes on cause 4 (5)
    assert findings(causes(4), "answers-to-resolution") == []


def test_a_resolution_six_answers_away_is_reported():
    [finding] = findings(causes(5), "answers-to-resolution")
    assert finding.startswith("g.md:46 [cause-5]: 6 answers from the start (at most 5)")


def test_a_resolution_without_official_docs_is_reported():
    text = causes(1, docs="https://blog.example.org/tip/")
    assert findings(text, "resolution-docs") == [
        "g.md:14 [cause-1]: the resolution links no official docs page on example.com"
    ]


def test_docs_on_a_subdomain_of_the_guides_site_count():
    assert findings(causes(1, docs="https://support.example.com/fix/"), "resolution-docs") == []


def test_a_code_without_a_meaning_is_reported():
    assert findings(causes(1, meaning=""), "code-meaning") == [
        "g.md:14 [cause-1]: error code CODE_1 has no one-line meaning"
    ]


def test_a_big_generated_guide_is_linted_in_one_pass():
    guide, _ = read_guide_text(generated_guide(200, "big"), "big.md")
    assert set(lint_guide(guide)) == {
        "compound-question",
        "answers-to-resolution",
        "yes-no-chain",
        "resolution-docs",
        "code-meaning",
    }
