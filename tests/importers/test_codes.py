from __future__ import annotations

import pytest

from wizard.importers.codes import (
    ANNOUNCES_MESSAGE,
    closed_question,
    codes_in,
    looks_like_an_error,
    message_lines,
    phrases_in,
    shown_lines,
)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Error 0x80070005 when you update", ["0x80070005"]),
        ("The call returns `PRODUCTS_NOT_SUPPORTED`.", ["PRODUCTS_NOT_SUPPORTED"]),
        ("AADSTS50020: the user account does not exist", ["AADSTS50020"]),
        ("fails with error code 5", ["error code 5"]),
        ("a java.lang.OutOfMemoryError is thrown", ["java.lang.OutOfMemoryError"]),
        ("I receive a **handshake_failure** error", ["handshake_failure"]),
        ("Wsl/Service/CreateVm/HCS_E_HYPERV_NOT_INSTALLED", ["HCS_E_HYPERV_NOT_INSTALLED"]),
        ("- **System.IO.FileNotFoundException**", ["System.IO.FileNotFoundException"]),
        ("Failed to attach volume, Missing sg_scan", ["sg_scan"]),
        ("Failed to attach volume, `sg_scan` file not found", ["sg_scan"]),
        ("ImportError: No module named `functools`", ["ImportError", "functools"]),
        ("```\nNoValidHost: No valid host was found.\n```", ["NoValidHost"]),
        ("pkg_resources.DistributionNotFound: conda==3.6.1", ["pkg_resources.DistributionNotFound"]),
        ("> Failed to update port 30.: MacAddressInUseClient: Unable to complete", ["MacAddressInUseClient"]),
    ],
)
def test_codes_in(text, codes):
    assert codes_in(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "Set $HTTP_PROXY first",
        "Open HKEY_LOCAL_MACHINE",
        "see step 2",
        "Error",
        "Missing credentials cause it",
        "NoValidHost: No valid host was found, said in prose.",
        "See os.path for details: it helps.",
        "```yaml\nResources:\n  BucketName: My bucket\n```",
    ],
)
def test_not_codes(text):
    assert codes_in(text) == []


def test_quoted_message_is_a_phrase():
    assert phrases_in('You see "Connectivity not supported" in Link.') == ["Connectivity not supported"]


def test_code_span_that_reads_as_a_message_is_a_phrase():
    assert phrases_in("It says `fatal: unable to access the repository`.") == ["fatal: unable to access the repository"]


def test_code_span_that_is_a_command_is_not_a_phrase():
    assert phrases_in("Run `git lfs push --all` again.") == []


def test_short_code_block_is_a_message():
    assert message_lines("Error 0x80070005: Access is denied.\n") == ["Error 0x80070005: Access is denied."]


def test_long_output_is_not_a_message():
    assert message_lines("\n".join(f"line {number}" for number in range(10))) == []


@pytest.mark.parametrize(
    ("title", "errorish"),
    [
        ("Push mirror: `LFS objects are missing`", True),
        ("My pod stays pending", True),
        ("Invalid URL", True),
        ("Link error codes", False),
        ("Errors in the Link flow", False),
        ("Install the agent", False),
    ],
)
def test_looks_like_an_error(title, errorish):
    assert looks_like_an_error(title) is errorish


def test_a_dialog_caption_above_the_message_is_skipped():
    assert message_lines("Error\nAn unexpected error has occurred.\nCorrelation ID: 1") == [
        "An unexpected error has occurred."
    ]


def test_the_command_of_a_transcript_is_not_the_message():
    assert message_lines("$ docker run -v C:\\work:/work alpine\ndocker: Error response from daemon") == [
        "docker: Error response from daemon"
    ]


def test_a_transcript_of_commands_only_has_no_message():
    assert message_lines("$ docker run --rm alpine") == []


def test_a_message_wrapped_over_lines_is_joined():
    assert message_lines('Error from server: Pod "v1"\ncannot be handled: strict decoding error') == [
        'Error from server: Pod "v1" cannot be handled: strict decoding error'
    ]


def test_a_stack_frame_does_not_continue_the_message():
    assert message_lines("java.io.IOException: disk full\nat com.example.Run") == ["java.io.IOException: disk full"]


def test_tab_separated_columns_are_a_trace_not_a_message():
    assert message_lines("10.0.0.1\t10.0.0.2\tNETDFS\tdfs_GetInfo request\n") == []


def test_a_quoted_error_word_is_a_phrase():
    assert phrases_in('A message starting with "Forbidden"') == ["Forbidden"]


def test_a_quoted_ordinary_word_is_no_phrase():
    assert phrases_in('Use the password "changeit" here.') == []


def test_forbidden_reads_as_an_error():
    assert looks_like_an_error('A message starting with "Forbidden"')


@pytest.mark.parametrize(
    "sentence",
    [
        "If a promise doesn't resolve at all, this error might be thrown:",
        "You might find messages like these in your log files:",
        "You may encounter warnings like this:",
        "When starting Docker Desktop, the following error appears:",
    ],
)
def test_sentences_that_announce_a_message(sentence):
    assert ANNOUNCES_MESSAGE.search(sentence)


@pytest.mark.parametrize(
    "sentence", ["This error occurs if one of the following conditions exists:", "The error can be avoided by:"]
)
def test_sentences_that_announce_no_message(sentence):
    assert not ANNOUNCES_MESSAGE.search(sentence)


def test_the_time_a_log_line_starts_with_is_not_the_message():
    assert message_lines("2024-06-04T09:25:37.772406+00:00 node01 RA: HANA_CALL timed out after 60 seconds") == [
        "node01 RA: HANA_CALL timed out after 60 seconds"
    ]


def test_a_log_entry_does_not_continue_the_line_above():
    assert message_lines("Aug 21 01:48:00 node01 Token has not been received\nAug 21 01:48:01 node01 link down") == [
        "node01 Token has not been received"
    ]


def test_quotes_inside_a_code_block_are_no_phrases():
    assert phrases_in('Run it:\n\n```\nres = f(*task["args"], **task["kwargs"])\n```\n') == []


def test_a_python_message_heading_reads_as_an_error():
    assert looks_like_an_error("No module named functools")


def test_a_code_span_saying_nothing_is_available_is_a_phrase():
    assert phrases_in("errors about `no endpoints available` in the status") == ["no endpoints available"]


def test_each_engine_wording_of_one_message_is_a_message():
    block = 'ReferenceError: "x" is not defined (V8)\nReferenceError: Can\'t find variable: x (Safari)'
    assert message_lines(block) == [
        'ReferenceError: "x" is not defined (V8)',
        "ReferenceError: Can't find variable: x (Safari)",
    ]


def test_a_wrapped_message_is_still_one_message():
    assert message_lines("Error: the file was\nnot found") == ["Error: the file was not found"]


def test_quotes_in_a_link_text_name_another_section_not_a_message():
    assert phrases_in('See [Why does the API return "Node is locked by host"?](#locked).') == []


def test_an_error_that_looks_like_this_announces_the_message():
    assert ANNOUNCES_MESSAGE.search("This error looks something like this when reported in the log output.:")


def test_code_spans_a_sentence_names_as_errors_are_phrases():
    assert phrases_in("Errors such as `early EOF`, `index-pack failed` or a failed connection") == [
        "early EOF",
        "index-pack failed",
    ]


def test_a_code_span_a_sentence_says_is_the_message_is_a_phrase():
    assert phrases_in("the pull fails with a message saying `You have reached your pull rate limit`.") == [
        "You have reached your pull rate limit"
    ]


def test_a_root_prompt_is_the_command_typed_not_a_message():
    assert message_lines("# buildah push --tls-verify=false localhost/foo\nGetting image source signatures") == []


def test_a_python_repl_input_is_not_a_message():
    assert message_lines(">>> from myapp.tasks import MyPeriodicTask\n>>> MyPeriodicTask.delay()") == []


def test_a_node_repl_input_is_not_a_message():
    assert message_lines("> require('electron').app.getPath('userData')") == []


def test_output_of_a_command_that_reads_as_no_error_is_not_a_message():
    assert message_lines("$ rabbitmqctl list_queues name messages\nListing queues ...\ncelery 2891 2") == []


def test_output_of_a_command_stops_at_the_next_command():
    assert message_lines(">>> import foo\nImportError: cannot import name foo\n>>> foo.run()") == [
        "ImportError: cannot import name foo"
    ]


def test_a_yes_or_no_question_is_a_closed_question():
    assert closed_question("Is it safe to run `celery worker` as root?")


def test_a_negated_question_that_reports_a_failure_is_not_closed():
    assert not closed_question("Can't connect to the broker?")


def test_a_why_question_is_not_closed():
    assert not closed_question("Why won't my task run?")


def test_a_yes_or_no_question_naming_an_error_code_is_not_closed():
    assert not closed_question("Does ERR_PNPM_NO_MATCHING_VERSION mean the registry is down?")


def test_a_quoted_callout_is_not_a_message():
    assert message_lines("**Note**: If you're on Windows, you might want to read the Windows section first.") == []


def test_a_markdown_escaped_code_is_the_code():
    assert codes_in("ERR\\_PNPM\\_TARBALL\\_INTEGRITY") == ["ERR_PNPM_TARBALL_INTEGRITY"]


def test_a_heading_of_an_escaped_code_looks_like_an_error():
    assert looks_like_an_error("ERR\\_PNPM\\_TARBALL\\_INTEGRITY")


def test_prose_between_two_code_spans_is_no_message():
    text = "wider than the `Row` (its parent) can allocate to it, causing an overflow error. Why does the `Column`"
    assert phrases_in(text) == []


def test_prose_between_two_quotations_is_no_message():
    assert phrases_in('Module "fs" has been externalized for browser compatibility. Cannot access "fs.readFile".') == []


def test_a_quoted_message_is_still_a_message():
    assert phrases_in('fails with "command not found".') == ["command not found"]


def test_a_shell_script_of_commands_shows_no_message():
    assert shown_lines("supervisorctl status\nservice rabbitmq-server restart\n", "bash") == []


def test_a_shell_block_that_prints_an_error_shows_it():
    assert shown_lines("Error: ENOSPC: System limit for number of file watchers reached\n", "bash") == [
        "Error: ENOSPC: System limit for number of file watchers reached"
    ]


def test_a_yes_or_no_question_about_a_quoted_topic_is_closed():
    assert closed_question('Are "cold storages" supported?')


def test_a_yes_or_no_question_quoting_an_error_message_is_not_closed():
    assert not closed_question('Is "permission denied" expected after an upgrade?')


def test_a_command_with_options_in_a_plain_block_shows_no_message():
    assert shown_lines("chmod -R o+rX .\n", "") == []
