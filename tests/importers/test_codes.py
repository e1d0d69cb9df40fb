from __future__ import annotations

import pytest

from wizard.importers.codes import codes_in, looks_like_an_error, message_lines, phrases_in


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
    ],
)
def test_codes_in(text, codes):
    assert codes_in(text) == codes


@pytest.mark.parametrize("text", ["Set $HTTP_PROXY first", "Open HKEY_LOCAL_MACHINE", "see step 2", "Error"])
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
