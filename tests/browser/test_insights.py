"""Insights in a real browser: a staff user logs in, sees the figures and charts, and axe finds nothing."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core.cache import cache
from playwright.sync_api import Page, expect

from bench.synthetic import events_generate
from wizard.models import Guide

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def insights_server(guide_server):
    cache.clear()  # the admin login is rate limited per IP
    get_user_model().objects.create_user("lead", password="a long test password", is_staff=True)
    events_generate(events=500, guides=[Guide.objects.get(slug="mini")], days=7, seed=3)
    return guide_server


def test_a_staff_user_logs_in_and_sees_insights(page: Page, insights_server) -> None:
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));"
    )
    page.goto("/insights/")
    expect(page).to_have_url(re.compile(r"/admin/login/\?next=/insights/$"))
    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Insights", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Funnel of the walk")).to_be_visible()
    expect(page.get_by_role("img", name="Walks per day")).to_be_visible()
    started = page.locator(".insights-summary dd").first
    expect(started).not_to_have_text("0")

    page.get_by_label("Guide", exact=True).select_option("mini")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"/insights/\?guide=mini&"))
    assert page.evaluate("window.__cspViolations") == []

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
