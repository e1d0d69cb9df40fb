from __future__ import annotations

from tests.importers.pages import page
from wizard.importers.parts import PSEUDO_LEVEL, outline_parts


def tree(text: str) -> list[tuple[int, str, str | None]]:
    root = outline_parts(page(text))
    return [(part.level, part.title, part.label.kind if part.label else None) for part in root.walk()[1:]]


def test_headings_nest_by_level():
    assert tree("# T\n\n## A\n\n### Cause\n\nx\n\n## B\n") == [(2, "A", None), (3, "Cause", "cause"), (2, "B", None)]


def test_bold_label_is_a_part_under_its_heading():
    assert tree("# T\n\n## A\n\n**Cause:** the disk is full.\n") == [(2, "A", None), (PSEUDO_LEVEL, "Cause", "cause")]


def test_bold_label_text_stays_as_a_paragraph():
    root = outline_parts(page("# T\n\n## A\n\n**Cause:** the disk is full.\n"))
    assert root.children[0].children[0].blocks[0].text == "the disk is full."


def test_note_in_bold_stays_a_paragraph():
    assert tree("# T\n\n## A\n\n**Note:** read this.\n") == [(2, "A", None)]


def test_role_starts_a_part_that_holds_the_blocks_after_it():
    root = outline_parts(page("# T\n\n[cause] It broke.\n\n- detail\n\n[resolution] Fix it.\n"))
    assert [(part.label.kind, len(part.blocks)) for part in root.children] == [("cause", 2), ("resolution", 1)]


def test_definition_list_of_labels_becomes_parts():
    root = outline_parts(page("# T\n\n- **Question:** It fails.\n- **Solution:** Restart it.\n"))
    assert [part.label.kind for part in root.children] == ["symptom", "resolution"]


def test_part_ends_before_the_next_heading():
    root = outline_parts(page("# T\n\n## A\n\ntext\n\n## B\n\nmore\n"))
    assert [part.end for part in root.children] == [6, 9]


def test_labels_written_at_an_empty_problem_headings_level_belong_to_it():
    text = "# T\n\n### Scenario 2: Bad config\n\n### Cause:\n\nIt is wrong.\n\n### Resolution:\n\nFix it.\n"
    assert tree(text) == [
        (3, "Scenario 2: Bad config", "symptom"),
        (4, "Cause:", "cause"),
        (4, "Resolution:", "resolution"),
    ]


def test_a_resolution_at_the_problem_level_after_its_cause_belongs_to_it():
    text = "# T\n\n### Disk full\n\n#### Cause\n\nLogs grow.\n\n### Resolution:\n\nRotate them.\n"
    assert tree(text)[-1] == (4, "Resolution:", "resolution")


def test_a_label_after_a_section_with_text_stays_its_sibling():
    text = "# T\n\n## Disk full\n\nThe disk is full.\n\n## Resolution\n\nDo it.\n"
    assert tree(text) == [(2, "Disk full", None), (2, "Resolution", "resolution")]


def test_a_troubleshooting_heading_is_never_adopted():
    assert tree("# T\n\n### Setup\n\n### Troubleshooting\n\nText.\n")[-1] == (3, "Troubleshooting", "resolution")


def test_a_list_of_plain_leads_becomes_parts():
    root = outline_parts(
        page("# T\n\n## Pods fail\n\n- Problem: the proxy certificate is untrusted\n- Possible Solution: mount it")
    )
    assert [child.title for child in root.children[0].children] == ["Problem", "Possible Solution"]


def test_a_plain_lead_that_is_no_label_stays_text():
    root = outline_parts(page("# T\n\n## Pods fail\n\n- Example Error Message: x509\n- Solution: mount it"))
    assert [child.title for child in root.children[0].children] == ["Solution"]


def test_a_list_of_ordinary_items_is_no_parts():
    root = outline_parts(page("# T\n\n## Pods fail\n\n- Note: check it\n- restart the pod"))
    assert root.children[0].children == []


def test_an_answer_label_is_dropped_from_its_paragraph():
    root = outline_parts(page("# T\n\n## Why does it hang?\n\n**Answer:** The broker is down.\n"))
    assert root.children[0].blocks[0].text == "The broker is down."


def test_an_answer_label_makes_no_part():
    assert tree("# T\n\n## Why does it hang?\n\n**A**: The broker is down.\n") == [(2, "Why does it hang?", None)]


def test_an_error_label_with_a_message_in_italics_quotes_the_message():
    root = outline_parts(page("# T\n\n## General: Permission is denied\n\n**Error:** *EACCES: permission denied*\n"))
    quote = root.children[0].blocks[0]
    assert (quote.kind, quote.blocks[0].text) == ("quote", "EACCES: permission denied")


def test_an_error_label_with_a_message_makes_no_part():
    assert tree("# T\n\n## General: Denied\n\n**Error:** *EACCES: permission denied*\n") == [
        (2, "General: Denied", None)
    ]


def test_an_error_label_whose_asterisks_run_together_quotes_the_message():
    root = outline_parts(page("# T\n\n## Quotas\n\n**Error:**\\* MemorySize value failed to satisfy constraint\\*\n"))
    assert root.children[0].blocks[0].blocks[0].text == "MemorySize value failed to satisfy constraint"


def test_an_issue_label_in_italics_is_the_symptom_said_under_its_heading():
    root = outline_parts(page("# T\n\n## General: Looping\n\n**Issue:** *Function is invoked in a loop.*\n"))
    assert root.children[0].blocks[0].text == "*Function is invoked in a loop.*"


def test_an_issue_label_with_plain_words_is_still_a_problem_of_its_own():
    assert tree("# T\n\n**Issue:** the VM does not start.\n") == [(PSEUDO_LEVEL, "Issue", "symptom")]
