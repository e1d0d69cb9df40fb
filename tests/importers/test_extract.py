from __future__ import annotations

from wizard.importers.extract import cause_title, causes_from_blocks
from wizard.importers.outline import Admonition, ListBlock, ListItem, Paragraph


def found(lead_in: str):
    listing = ListBlock(
        2, False, [ListItem(2, "A branch `x/y` exists here."), ListItem(3, "A branch `x` exists there.")]
    )
    return causes_from_blocks([Paragraph(1, lead_in), listing], plural=False, end=3)[0]


def causes(lead_in: str) -> list[str]:
    return [cause.title for cause in found(lead_in)]


def test_a_list_after_a_cause_lead_in_is_one_cause_per_item():
    assert causes("This error occurs for one of the following reasons:") == [
        "A branch `x/y` exists here.",
        "A branch `x` exists there.",
    ]


def test_a_list_of_examples_belongs_to_the_cause_before_it():
    assert causes("This error occurs when a branch name conflict exists. For example:") == [
        "A branch name conflict exists."
    ]


def test_the_examples_stay_in_the_cause_text():
    assert "- A branch `x` exists there." in found("This error occurs when names conflict. For example:")[0].text


def with_own_fix():
    item = ListItem(
        1, "The plan is Free.", [Paragraph(3, "**Solution**: Upgrade the plan."), Paragraph(5, "Then wait.")]
    )
    return causes_from_blocks([ListBlock(1, False, [item])], plural=True, end=6)[0][0]


def test_a_bold_solution_in_a_cause_item_is_not_part_of_the_cause():
    assert with_own_fix().text == "The plan is Free."


def test_a_bold_solution_in_a_cause_item_is_its_fix():
    assert [step for block in with_own_fix().steps for step in block.steps] == ["Upgrade the plan.", "Then wait."]


def test_a_likely_explanation_lead_in_is_dropped_from_the_cause_title():
    assert cause_title("A likely explanation is that the keystore is missing.") == "The keystore is missing."


def test_a_list_after_a_sentence_announcing_several_reasons_is_one_cause_per_item():
    assert causes("This might have multiple reasons.") == ["A branch `x/y` exists here.", "A branch `x` exists there."]


def test_a_list_introduced_by_a_sentence_without_a_cause_word_is_context_of_one_cause():
    lead_in = "These errors occur when two repositories provide packages. These distributions include:"
    assert causes(lead_in) == ["These errors occur when two repositories provide packages."]


def other_causes():
    blocks = [
        Paragraph(1, "In many cases, it is caused by a browser plugin."),
        Paragraph(3, "Other possible causes include:"),
        ListBlock(4, False, [ListItem(4, "An invalid certificate."), ListItem(5, "Private Browsing mode.")]),
    ]
    return [cause.title for cause in causes_from_blocks(blocks, plural=False, end=5)[0]]


def test_a_cause_said_before_other_causes_is_the_first_cause():
    assert other_causes() == [
        "In many cases, it is caused by a browser plugin.",
        "An invalid certificate.",
        "Private Browsing mode.",
    ]


def test_a_callout_opening_a_cause_is_not_its_first_sentence():
    blocks = [
        Admonition(1, "important", blocks=[Paragraph(2, "Packages changed in .NET 9.")]),
        Paragraph(4, "Two feeds clash."),
    ]
    assert causes_from_blocks(blocks, plural=False, end=4)[0][0].title == "Two feeds clash."


def test_a_list_after_the_following_scenario_is_one_cause():
    assert len(found("This can happen in the following scenario:")) == 1


def test_a_lead_in_that_ends_with_when_introduces_causes():
    assert len(found("Resources are skipped during uninstall when:")) == 2


def test_a_lead_in_whose_own_sentence_opens_with_if_introduces_no_causes():
    assert len(found("If you put these folders on PATH, there are several of them:")) == 1


def test_a_list_of_articles_to_read_is_no_list_of_causes():
    assert len(found("These errors occur when an exception is uncaught. The following articles provide insights:")) == 1
