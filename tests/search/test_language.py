"""Reading English for search: stems, phrases said several ways, stop words, pasted identifiers and synonyms."""

from __future__ import annotations

import pytest

from wizard.search.language import STOPWORDS, stem, synonyms, terms


@pytest.mark.parametrize("word", ["redirect", "redirects", "redirected", "redirecting"])
def test_forms_of_a_word_share_its_stem(word):
    assert stem(word) == "redirect"


def test_production_keeps_apart_from_products():
    assert stem("production") != stem("products")


def test_customer_keeps_apart_from_customization():
    assert stem("customers") != stem("customization")


@pytest.mark.parametrize(
    "text", ["log in again", "logging in again", "signed back in", "re-authenticate", "relink", "reconnect"]
)
def test_ways_of_signing_in_again_read_as_one_word(text):
    assert "relogin" in terms(text)


def test_signing_in_again_is_not_read_as_signing_in():
    assert "login" not in terms("the user must sign in again")


@pytest.mark.parametrize("text", ["log in", "logged in", "signing in", "sign on"])
def test_ways_of_signing_in_read_as_login(text):
    assert terms(text) == ["login"]


@pytest.mark.parametrize(
    "text", ["the bank doesn't show up", "Capital One is not listed", "I can't find my bank", "never appears"]
)
def test_ways_of_saying_missing_read_as_missing(text):
    assert stem("missing") in terms(text)


def test_a_joined_phrase_keeps_words_that_still_say_something():
    assert "list" in terms("Capital One isn't listed")


def test_rate_limited_does_not_read_as_limited():
    assert terms("rate limited by Plaid") == ["ratelimit", "plaid"]


@pytest.mark.parametrize("text", ["RATE_LIMIT_EXCEEDED", "too many requests", "throttled"])
def test_ways_of_being_rate_limited_read_as_one_word(text):
    assert "ratelimit" in terms(text)


def test_hyphens_and_underscores_separate_words():
    assert terms("App-to-App") == terms("app to app") == ["apptoapp"]


def test_stop_words_and_greetings_are_dropped():
    assert terms("Hi team, thanks for the help with this") == ["help"]


@pytest.mark.parametrize("word", ["not", "never", "no", "again"])
def test_negations_and_again_are_not_stop_words(word):
    assert word not in STOPWORDS


def test_apostrophes_do_not_split_words():
    assert "t" not in terms("it doesn't work")


def test_a_pasted_identifier_reads_whole_and_word_by_word():
    assert terms("receivedRedirectUri") == ["receivedredirecturi", "receiv", "redirect", "uri"]


def test_an_upper_case_name_is_not_split():
    assert terms("iOS") == [stem("ios")]


def test_synonyms_go_both_ways():
    assert ("institut" in synonyms("bank"), "bank" in synonyms("institut")) == (True, True)


def test_a_word_is_not_its_own_synonym():
    assert "bank" not in synonyms("bank")


def test_a_word_without_synonyms_has_none():
    assert synonyms("oauth") == frozenset()
