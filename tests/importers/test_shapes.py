from __future__ import annotations

from wizard.importers.outline import Admonition, Code, ListBlock, ListItem, Paragraph
from wizard.importers.parts import Part
from wizard.importers.shapes import (
    announced_messages,
    heading_message,
    introduces_options,
    list_problems,
    paragraph_problems,
    phrases,
    prose_problem,
)

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


FAQ = [
    Paragraph(1, 'When the server starts, I get an exception like "FileNotFoundException: keystore not found".'),
    Paragraph(3, "A likely explanation is that the keystore is not where the server looks."),
    Paragraph(5, 'My client aborts handshakes with exceptions such as "Could not generate DH keypair".'),
    Paragraph(7, "The likely cause is that the key is stronger than old clients support."),
    Paragraph(9, "If you are still having problems, ask on the mailing list."),
]


def test_paragraphs_reporting_a_quoted_error_are_a_list_of_problems_without_bullets():
    assert [found.title for found in paragraph_problems(FAQ)] == [
        'When the server starts, I get an exception like "FileNotFoundException: keystore not found".',
        'My client aborts handshakes with exceptions such as "Could not generate DH keypair".',
    ]


def test_the_paragraph_after_a_report_is_its_explanation():
    assert [cause.title for found in paragraph_problems(FAQ) for cause in found.causes] == [
        "The keystore is not where the server looks.",
        "The key is stronger than old clients support.",
    ]


def test_the_last_report_takes_one_paragraph():
    assert "mailing list" not in repr(paragraph_problems(FAQ)[-1])


def test_one_report_is_no_list():
    assert paragraph_problems(FAQ[:2]) == []


def test_plain_prose_before_the_fix_under_an_error_heading_explains_it():
    blocks = [Paragraph(2, "Another process has occupied port 8888."), Paragraph(4, "To fix this, stop it.")]
    part = Part(title="socket.error: [Errno 48] Address already in use", line=1, level=2, blocks=blocks, end=5)
    found = prose_problem(part, part.title, "", errorish=True, lenient=False)
    assert [cause.title for cause in found.causes] == ["Another process has occupied port 8888."]


def test_a_report_before_the_fix_stays_the_symptom():
    blocks = [Paragraph(2, "You might see this in the log."), Paragraph(4, "To fix this, stop it.")]
    part = Part(title="Address already in use", line=1, level=2, blocks=blocks, end=5)
    assert prose_problem(part, part.title, "", errorish=True, lenient=False).causes[0].stated is False


def test_a_heading_shaped_like_a_logged_message_is_the_message():
    part = Part(title="Classifier error: No training data available", line=1, level=2)
    assert heading_message(part) == "Classifier error: No training data available"


def test_an_ordinary_heading_is_no_message():
    assert heading_message(Part(title="Consumer fails to pick up new files", line=1, level=2)) == ""


def test_a_lower_case_heading_reading_as_an_error_is_the_message():
    assert (
        heading_message(Part(title="error converting YAML to JSON", line=1, level=3)) == "error converting YAML to JSON"
    )


def test_a_message_quoted_under_a_list_item_of_the_symptom_is_a_phrase():
    quote = Admonition(3, "quote", blocks=[Paragraph(3, "A fatal error occurred. The folder does not exist.")])
    listing = ListBlock(1, False, [ListItem(1, "**A fatal error occurred.**", [quote])])
    assert phrases("Missing files", "", [listing]) == ["A fatal error occurred. The folder does not exist."]


CHECKS = [
    Paragraph(2, "This includes a sidecar injected when it was not expected."),
    ListBlock(
        3,
        True,
        [
            ListItem(3, "Ensure your pod is not in the `kube-system` namespace. Injection is ignored there."),
            ListItem(4, "Ensure your pod does not have `hostNetwork: true`."),
            ListItem(5, "Check the per-pod override annotation"),
        ],
    ),
]


def checks_problem_of(blocks):
    part = Part(title="Injection was not what I expected", line=1, level=2, blocks=blocks, end=6)
    return prose_problem(part, "Injection was not what I expected", "", errorish=True, lenient=False)


def test_a_list_of_checks_with_no_stated_cause_gives_a_cause_per_check():
    assert [cause.title for cause in checks_problem_of(CHECKS).causes] == [
        "Ensure your pod is not in the `kube-system` namespace.",
        "Ensure your pod does not have `hostNetwork: true`.",
        "Check the per-pod override annotation",
    ]


def test_each_check_is_the_step_of_its_cause():
    assert checks_problem_of(CHECKS).causes[1].steps[0].steps == ["Ensure your pod does not have `hostNetwork: true`."]


def test_the_text_before_the_checks_stays_the_symptom():
    assert checks_problem_of(CHECKS).symptom == "This includes a sidecar injected when it was not expected."


def test_checks_after_a_lead_in_to_steps_are_steps_of_one_unstated_cause():
    blocks = [Paragraph(2, "To resolve this issue, follow these steps:"), CHECKS[1]]
    assert len(checks_problem_of(blocks).causes) == 1


def test_a_heading_that_is_all_one_code_span_with_a_message_is_the_message():
    assert heading_message(Part(title="`bad interpreter: /usr/bin/ruby^M`", line=1, level=3)) == (
        "bad interpreter: /usr/bin/ruby^M"
    )


def test_a_heading_that_is_all_one_command_is_no_message():
    assert heading_message(Part(title="`helm install --debug`", line=1, level=3)) == ""


def test_a_heading_that_is_a_message_every_runtime_prints_is_the_message():
    assert heading_message(Part(title="No module named functools", line=1, level=2)) == "No module named functools"


def test_a_heading_that_only_describes_a_permission_problem_is_no_message():
    assert heading_message(Part(title="Permission denied errors during installation", line=1, level=2)) == ""


def test_a_lead_in_to_the_parts_of_a_message_introduces_options():
    assert introduces_options("An application may fail. There are two parts to the message:")


def test_a_lead_in_to_remediations_introduces_options():
    assert introduces_options("The standard remediations, in order of preference:")


def test_a_lead_in_to_problems_introduces_no_options():
    assert not introduces_options("Here are some problems that you may encounter:")


def test_an_answer_that_only_points_to_another_question_is_no_cause():
    blocks = [Paragraph(2, "See *Why won't my task run?*. Thanks to @someone.")]
    part = Part(title="The worker is just hanging", line=1, level=2, blocks=blocks, end=3)
    assert prose_problem(part, part.title, "", errorish=True, lenient=False).causes[0].stated is False


def test_an_answer_that_points_elsewhere_is_where_to_go_next():
    blocks = [Paragraph(2, "Please see [debugging service](https://example.com/debug) for more information.")]
    part = Part(title="Network traffic is not forwarded", line=1, level=2, blocks=blocks, end=3)
    found = prose_problem(part, part.title, "", errorish=True, lenient=False)
    assert "debugging service" in found.causes[0].steps[0].intro + " ".join(found.causes[0].steps[0].steps)


def explained_with_a_command():
    blocks = [
        Admonition(2, "quote", blocks=[Paragraph(2, "EACCES: permission denied")]),
        Paragraph(4, "The runtime needs permission to read the files."),
        Code(6, "chmod -R o+rX ."),
    ]
    part = Part(title="General: Permission is denied", line=1, level=2, blocks=blocks, end=8)
    return prose_problem(part, part.title, "", errorish=True, lenient=False)


def test_a_code_block_after_the_explanation_is_not_the_symptom():
    assert "chmod" not in explained_with_a_command().symptom


def test_a_code_block_after_the_explanation_goes_with_it():
    assert "chmod" in explained_with_a_command().causes[0].text
