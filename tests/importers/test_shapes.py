from __future__ import annotations

from wizard.importers.outline import Code, ListBlock, ListItem, Paragraph
from wizard.importers.parts import Part
from wizard.importers.shapes import announced_messages, list_problems, prose_problem

PERMISSION = [
    Paragraph(2, "This error usually indicates a problem with file permissions. Check the owner of the files."),
    Paragraph(4, "SELinux adds restrictions. Violations of them will also result in a `Permission denied` message."),
]


def problem():
    part = Part(title="Permission denied", line=1, level=2, blocks=PERMISSION, end=5)
    return prose_problem(part, "Permission denied", "", errorish=True, lenient=False)


def test_a_paragraph_naming_another_cause_is_a_second_cause():
    assert [cause.title for cause in problem().causes] == [
        "This error usually indicates a problem with file permissions.",
        "SELinux adds restrictions.",
    ]


def test_the_first_cause_keeps_its_fix():
    assert problem().causes[0].steps[0].steps == ["Check the owner of the files."]


def test_the_second_cause_has_no_fix_of_the_first():
    assert problem().causes[1].steps == []


def test_the_first_fix_ends_before_the_second_cause():
    assert problem().causes[0].steps[0].span.last == 3


def test_a_message_quoted_where_the_page_explains_it_is_a_phrase():
    part = Part(
        title="Build breaks", line=1, level=2, blocks=[Paragraph(2, 'It fails because of "Out of memory: heap".')]
    )
    found = prose_problem(part, "Build breaks", "", errorish=True, lenient=False)
    assert found.phrases == ["Out of memory: heap"]


def test_a_message_shown_after_an_announcing_sentence_is_a_phrase():
    blocks = [Paragraph(2, "If you misspelled it, you will get an error like this:"), Code(3, "unknown field spec")]
    assert announced_messages(blocks) == ["unknown field spec"]


def test_a_code_block_after_ordinary_text_is_no_message():
    blocks = [Paragraph(2, "Run the following command:"), Code(3, "kubectl get pods --all")]
    assert announced_messages(blocks) == []


def test_a_wholly_bold_term_of_a_list_of_problems_is_titled_without_the_bold():
    items = [
        ListItem(1, '**A message saying "Forbidden"**', [Paragraph(2, "That means that the files are unreadable.")]),
        ListItem(3, '**A message saying "Server Error"**', [Paragraph(4, "That means that the script failed.")]),
    ]
    assert [found.title for found in list_problems(ListBlock(1, False, items))] == [
        'A message saying "Forbidden"',
        'A message saying "Server Error"',
    ]
