from __future__ import annotations

import pytest
from django.utils.csp import CSP

from wizard.embedding import FONTS, Theme, allowed_origins, contrast_ratio, frame_policy, origin_parse


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        ("https://help.example.com", "https://help.example.com"),
        ("https://Help.Example.com:8443", "https://help.example.com:8443"),
        ("http://127.0.0.1:8001", "http://127.0.0.1:8001"),
        ("https://help.example.com/", "https://help.example.com"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("  https://help.example.com  ", "https://help.example.com"),
    ],
)
def test_origin_parse_accepts_scheme_host_and_port(value, origin):
    assert origin_parse(value) == origin


@pytest.mark.parametrize(
    "value",
    [
        "help.example.com",
        "ftp://help.example.com",
        "https://help.example.com/articles",
        "https://help.example.com?x=1",
        "https://user@help.example.com",
        "https://*.example.com",
        "https://help.example.com:99999",
        "https://help.example.com 'unsafe-inline'",
        "https://help.example.com;script-src *",
        "javascript:alert(1)",
        "*",
        "'self'",
        "",
    ],
)
def test_origin_parse_rejects_anything_else(value):
    assert origin_parse(value) is None


def test_allowed_origins_drops_invalid_entries_and_duplicates(settings, caplog):
    settings.EMBED_ALLOWED_ORIGINS = ["https://a.example", "nonsense", "https://A.example", "http://b.example:81"]
    assert allowed_origins() == ["https://a.example", "http://b.example:81"]
    assert "nonsense" in caplog.text


def test_frame_policy_allows_self_and_the_allowed_origins(settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://help.example.com"]
    assert frame_policy()["frame-ancestors"] == [CSP.SELF, "https://help.example.com"]


def test_frame_policy_with_no_origins_allows_only_self(settings):
    settings.EMBED_ALLOWED_ORIGINS = []
    assert frame_policy()["frame-ancestors"] == [CSP.SELF]


def test_frame_policy_keeps_the_rest_of_the_site_policy(settings):
    policy = frame_policy()
    for directive, values in settings.SECURE_CSP.items():
        if directive != "frame-ancestors":
            assert policy[directive] == values


def test_frame_policy_adds_a_style_nonce_only_when_asked(settings):
    assert CSP.NONCE not in frame_policy()["style-src"]
    assert CSP.NONCE in frame_policy(style_nonce=True)["style-src"]


def test_frame_policy_does_not_change_the_site_policy(settings):
    frame_policy(style_nonce=True)
    assert CSP.NONCE not in settings.SECURE_CSP["style-src"]
    assert settings.SECURE_CSP["frame-ancestors"] == [CSP.NONE]


def test_theme_keeps_valid_values():
    theme = Theme.from_query({"accent": "#0B5CAD", "font": "serif", "theme": "dark"})
    assert theme == Theme(accent="#0b5cad", font="serif", theme="dark")
    assert theme.params == {"accent": "#0b5cad", "font": "serif", "theme": "dark"}
    assert theme.font_stack == FONTS["serif"]


@pytest.mark.parametrize(
    "accent", ["red", "#fff", "#0b5cad\n", "#0b5cadff", "0b5cad", "#0b5cad;}body{display:none", "#gggggg"]
)
def test_theme_ignores_an_invalid_accent(accent):
    assert Theme.from_query({"accent": accent}).accent is None


@pytest.mark.parametrize("font", ["Comic Sans", "serif;}", "", "SERIF", "url(x)"])
def test_theme_ignores_a_font_not_on_the_list(font):
    assert Theme.from_query({"font": font}).font is None


@pytest.mark.parametrize("name", ["auto", "Dark", "dark;", ""])
def test_theme_ignores_an_unknown_theme(name):
    assert Theme.from_query({"theme": name}).theme is None


def test_theme_params_leave_out_what_was_not_given():
    assert Theme.from_query({"theme": "dark", "accent": "nope"}).params == {"theme": "dark"}


def test_contrast_ratio_of_black_on_white_is_21():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)


def test_readable_accent_colours_links():
    assert Theme.from_query({"accent": "#0b5cad"}).accent_text == "#0b5cad"


def test_pale_accent_is_kept_for_borders_not_text():
    theme = Theme.from_query({"accent": "#ffcc00"})
    assert theme.accent == "#ffcc00"
    assert theme.accent_text is None


def test_accent_readability_depends_on_the_theme():
    assert Theme.from_query({"accent": "#0b5cad", "theme": "dark"}).accent_text is None
    assert Theme.from_query({"accent": "#ffcc00", "theme": "dark"}).accent_text == "#ffcc00"


def test_theme_needs_a_style_block_only_for_accent_or_font():
    assert not Theme.from_query({"theme": "dark"}).needs_style
    assert Theme.from_query({"font": "mono"}).needs_style
