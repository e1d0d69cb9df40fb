"""Reading a query: cleaning it, its codes, a pasted error object, and the one code a lookup names outright."""

from __future__ import annotations

import pytest

from wizard.search.query import MAX_QUERY_LENGTH, clean_query, extract_codes, lookup_code, parse_query

PASTED = (
    '{"display_message": null, "error_code": "ITEM_LOGIN_REQUIRED", "error_message": "the login details of this '
    'item have changed", "error_type": "ITEM_ERROR", "request_id": "HNTDNrA8F1shFEW", "status_code": 400}'
)


def test_clean_query_collapses_space_and_control_characters():
    assert clean_query("  widget\x00\tblank \n") == "widget blank"


def test_clean_query_cuts_long_input():
    assert len(clean_query("x" * 5000)) == MAX_QUERY_LENGTH


def test_extract_codes_finds_code_like_tokens():
    assert extract_codes("got item_login_required and oauth-error today") == ["ITEM_LOGIN_REQUIRED", "OAUTH-ERROR"]


def test_extract_codes_ignores_plain_words():
    assert extract_codes("the bank is not showing up") == []


def test_a_pasted_error_object_names_its_error_code():
    assert parse_query(PASTED).error_code == "ITEM_LOGIN_REQUIRED"


def test_a_pasted_error_objects_code_comes_first():
    assert parse_query(PASTED).codes[0] == "ITEM_LOGIN_REQUIRED"


def test_field_names_of_an_error_object_are_not_codes():
    assert parse_query('error_code: ITEM_LOCKED, request_id: abc, "display_message"').codes == ["ITEM_LOCKED"]


def test_a_pasted_error_object_is_read_as_its_code_and_messages():
    assert parse_query(PASTED).text == "ITEM_LOGIN_REQUIRED the login details of this item have changed"


def test_text_around_a_pasted_object_is_kept():
    query = f"customer sees this after linking: {PASTED}"
    assert parse_query(query).text.startswith("customer sees this after linking: ITEM_LOGIN_REQUIRED")


def test_a_wrapped_error_object_is_read_too():
    assert parse_query('{"error": {"error_code": "INVALID_FIELD", "error_message": "x"}}').error_code == "INVALID_FIELD"


def test_braces_that_are_not_an_error_object_stay_text():
    query = '{"products": ["auth"]} fails'
    assert (parse_query(query).text, parse_query(query).error_code) == (query, "")


def test_an_error_code_field_outside_json_is_found():
    assert parse_query("Error: error_code=INVALID_LINK_TOKEN at 10:02").error_code == "INVALID_LINK_TOKEN"


def test_codes_in_an_email_are_found_in_order():
    email = "Hi, the app says ITEM_LOCKED and later INVALID_CREDENTIALS when I log in. Thanks"
    assert parse_query(email).codes == ["ITEM_LOCKED", "INVALID_CREDENTIALS"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("ITEM_LOGIN_REQUIRED", "ITEM_LOGIN_REQUIRED"),
        ("  item_login_required ", "ITEM_LOGIN_REQUIRED"),
        ('"ITEM_LOGIN_REQUIRED".', "ITEM_LOGIN_REQUIRED"),
        (PASTED, "ITEM_LOGIN_REQUIRED"),
    ],
)
def test_a_lookup_names_a_code_outright(query, code):
    assert lookup_code(query) == code


@pytest.mark.parametrize("query", ["the bank is not showing up", "we got ITEM_LOCKED twice", ""])
def test_a_message_or_an_email_names_no_code_outright(query):
    assert lookup_code(query) == ""
