"""Search quality on the real Plaid Link guide: realistic queries, the node each should find, hit rates.

Each row is what a support agent or a developer would type or paste, and the node(s) that answer it:
`top1` rows must rank an expected node first, `top3` rows within the first three. The rates over the
whole table are printed and must stay above a floor, so a ranking change that hurts fails here.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from wizard.content import read_guides
from wizard.search import search
from wizard.services.load import guides_load

# (query, expected node slugs (any of them counts), "top1" or "top3")
CASES = [
    # Exact error codes, typed or pasted, in any case.
    ("INVALID_LINK_TOKEN", {"invalid-link-token"}, "top1"),
    ("item_login_required", {"item-login-required"}, "top1"),
    ('"ITEM_LOGIN_REQUIRED"', {"item-login-required"}, "top1"),
    (
        '{"error_type": "INVALID_INPUT", "error_code": "INVALID_LINK_TOKEN", '
        '"error_message": "invalid link_token provided", "display_message": null}',
        {"invalid-link-token"},
        "top1",
    ),
    ("onExit gave me NO_ACCOUNTS for this bank", {"no-accounts"}, "top1"),
    ("INSTITUTION_DOWN", {"unhealthy-down"}, "top1"),
    ("institution_not_responding", {"unhealthy-degraded"}, "top1"),
    ("PLANNED_MAINTENANCE 503", {"unhealthy-plaid-maintenance"}, "top1"),
    ("OAUTH_STATE_ID_ALREADY_PROCESSED", {"oauth-web-reinit"}, "top1"),
    ("oauth-error", {"oauth-session-failed"}, "top1"),
    ("INVALID_LINK_CUSTOMIZATION", {"invalid-link-customization"}, "top1"),
    ("PUBLIC_KEY_NOT_ENABLED", {"public-key"}, "top1"),
    ("INVALID_UPDATED_USERNAME", {"invalid-updated-username"}, "top1"),
    ("INVALID_PRODUCT", {"invalid-product"}, "top1"),
    ("PENDING_EXPIRATION webhook", {"oauth-consent-expired"}, "top1"),
    ("INSTITUTION_NOT_ENABLED_IN_ENVIROMENT", {"institution-wrong-environment"}, "top1"),
    ("item login required", {"item-login-required"}, "top3"),
    # Messages users see in Link, with and without quotes.
    ("Connectivity not supported", {"missing-institutions"}, "top1"),
    ('"You may need to update your app in order to connect to Chase"', {"update-your-app"}, "top1"),
    ("you may need to update your app", {"update-your-app"}, "top3"),
    ("Couldn't connect to your institution", {"update-your-app", "unhealthy-degraded"}, "top3"),
    ("something went wrong", {"update-your-app", "update-app-server-error"}, "top3"),
    ("browser not supported", {"oauth-unsupported-browser"}, "top3"),
    ("Current version not supported", {"public-key"}, "top3"),
    ("Plaid may be experiencing connectivity issues with this bank", {"institution-unhealthy"}, "top3"),
    # Plain descriptions from a ticket.
    ("bank not showing up", {"missing-institutions"}, "top3"),
    ("never redirected back to my android app", {"oauth-redirects", "android-package-missing"}, "top3"),
    ("duplicate accounts", {"duplicate-items", "duplicate-cleanup", "duplicate-prevent"}, "top3"),
    ("customer linked the same bank twice", {"duplicate-items", "duplicate-prevent", "duplicate-cleanup"}, "top3"),
    ("credit card account missing after linking", {"missing-accounts", "missing-accounts-filtered"}, "top3"),
    ("Interactive Brokers query id and token", {"interactive-brokers", "ibkr-flex-setup"}, "top3"),
    ("link token expired", {"invalid-link-token", "link-token-expired"}, "top3"),
    ("play store opens after logging in at the bank", {"android-package-wrong", "oauth-redirects"}, "top3"),
    ("ad blocker stops Link from loading", {"link-flow-adblock", "link-flow-failing"}, "top3"),
    ("Capital One not showing in Link", {"oauth-institutions-missing"}, "top3"),
    ("universal link does not open the app on iPhone", {"ios-universal-links", "oauth-redirects"}, "top3"),
    ("user changed their bank password", {"item-login-required", "credentials-changed"}, "top3"),
    ("Chase works in sandbox but not production", {"update-your-app", "update-app-oauth-prereqs"}, "top3"),
    ("webview user agent", {"webview-user-agent"}, "top3"),
    ("redirect uri not allowlisted in dashboard", {"oauth-uri-not-allowlisted"}, "top3"),
    # Typos and odd case.
    ("conectivity not suported", {"missing-institutions"}, "top3"),
    ("DUPLICTE ITEMS", {"duplicate-items"}, "top3"),
    ("bank is dwn", {"institution-unhealthy", "unhealthy-down"}, "top3"),
    ("invalid_link_tokn", {"invalid-link-token"}, "top1"),
]

TOP3_FLOOR = 0.9
TOP1_FLOOR = 0.7


@pytest.fixture
def plaid_guide(db):
    guides, errors = read_guides(settings.CONTENT_DIR)
    assert errors == []
    guides_load(guides=guides)


def rank_of(query: str, expected: set[str]) -> int | None:
    slugs = [result.node_slug for result in search(query, limit=10)]
    return next((position for position, slug in enumerate(slugs, 1) if slug in expected), None)


def test_the_table_is_big_enough():
    assert len(CASES) >= 30


def test_hit_rates(plaid_guide, capsys):
    misses, must_misses = [], []
    top1 = top3 = 0
    for query, expected, must in CASES:
        rank = rank_of(query, expected)
        top1 += rank == 1
        top3 += rank is not None and rank <= 3
        if rank is None or rank > (1 if must == "top1" else 3):
            must_misses.append(f"{query!r}: expected {sorted(expected)} in {must}, got rank {rank}")
        if rank != 1:
            misses.append(f"{query!r}: {sorted(expected)} ranked {rank}")
    rate1, rate3 = top1 / len(CASES), top3 / len(CASES)
    with capsys.disabled():
        print(f"\nsearch quality over {len(CASES)} queries: top-1 {rate1:.0%}, top-3 {rate3:.0%}")
        for miss in misses:
            print("  not first:", miss)
    assert rate3 >= TOP3_FLOOR, misses
    assert rate1 >= TOP1_FLOOR, misses
    # Error codes and exact messages must land first, descriptions in the first three: no exceptions.
    assert must_misses == []
