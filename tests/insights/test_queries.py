"""Each insights query on a small history whose every figure is known (tests/insights/conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.insights import queries
from wizard.insights.queries import Scope
from wizard.insights.report import insights_get
from wizard.models import Feedback, Guide

from .conftest import END, NOW, START, at

pytestmark = pytest.mark.django_db


def totals(scope: Scope) -> dict[str, int]:
    return insights_get(scope).totals


def test_walk_totals(scope):
    assert {key: value for key, value in totals(scope).items() if key not in {"day", "source"}} == {
        "started": 4,
        "answered": 2,
        "resolution": 2,
        "solved": 1,
        "escalation": 1,
        "sent": 1,
        "abandoned": 1,
    }


def test_walk_counts_are_grouped_by_day_and_source(scope):
    rows = {(row["day"], row["source"]): row["started"] for row in queries.walk_counts(scope)}
    assert rows == {
        (date(2026, 3, 2), "direct"): 1,
        (date(2026, 3, 2), "search"): 1,
        (date(2026, 3, 5), "referrer"): 1,
        (date(2026, 3, 10), "embed"): 1,
    }


def test_a_recent_walk_on_a_question_is_not_abandoned_yet(scope):
    later = Scope(guide=None, start=START, end=END, now=NOW.replace(hour=13))
    assert totals(scope)["abandoned"] == 1
    assert totals(later)["abandoned"] == 2


def test_every_day_of_the_range_has_a_row(scope):
    days = insights_get(scope).days
    assert [day["day"] for day in days] == [date(2026, 3, number) for number in range(1, 11)]
    assert [day["started"] for day in days] == [0, 2, 0, 0, 1, 0, 0, 0, 0, 1]
    assert days[1]["resolution"] == 2


def test_every_source_has_a_row(scope):
    sources = {row["source"]: (row["started"], row["resolution"]) for row in insights_get(scope).sources}
    assert sources == {"direct": (1, 1), "search": (1, 1), "embed": (1, 0), "referrer": (1, 0)}


def test_funnel(scope):
    funnel = insights_get(scope).funnel
    assert [(step.walks, step.share) for step in funnel] == [(4, 100.0), (2, 50.0), (2, 50.0), (1, 25.0)]


def test_resolution_rate(scope):
    assert insights_get(scope).resolution_rate == 50.0


def test_drop_off_is_the_question_abandoned_walks_stopped_on(scope):
    assert [(row["last_node__slug"], row["walks"]) for row in queries.drop_off(scope)] == [("widget", 1)]


def test_questions_answered_not_sure_most_first(scope, history):
    unsure = history.walk(at(6))
    history.event(unsure, "unsure", at(6, 10, 1), "widget", answer="Not sure", to="check-wrong-src")
    history.event(unsure, "unsure", at(6, 10, 2), "check-wrong-src", answer="Not sure", to="widget-escalate")
    sure = history.walk(at(7))
    history.event(sure, "answered", at(7, 10, 1), "widget", answer="No", to="check-wrong-src")
    history.event(sure, "unsure", at(7, 10, 2), "check-wrong-src", answer="Not sure", to="widget-escalate")
    before = history.walk(at(20, month=2))
    history.event(before, "unsure", at(20, 10, 1, month=2), "widget", answer="Not sure", to="check-wrong-src")
    rows = [(row["node_slug"], row["unsure"], row["title"]) for row in insights_get(scope).unsure]
    assert rows == [
        ("check-wrong-src", 2, "Does the browser console show a 404 for the script?"),
        ("widget", 1, "Does the widget load with extensions turned off?"),
    ]


def test_top_resolutions(scope):
    rows = queries.top_resolutions(scope)
    assert [(row["node_slug"], row["walks"]) for row in rows] == [("ad-blocker", 1), ("wrong-src", 1)]


def test_feedback_per_resolution_lists_the_most_no_first(scope):
    rows = [(row["node_slug"], row["yes"], row["no"]) for row in queries.feedback_per_resolution(scope)]
    assert rows == [("ad-blocker", 0, 1), ("wrong-src", 1, 0)]
    assert [row["yes_rate"] for row in insights_get(scope).feedback] == [0.0, 100.0]


def test_feedback_per_resolution_counts_only_the_current_answers(scope):
    answer = Feedback.objects.get(node_slug="wrong-src")
    # An earlier answer of the same walk, replaced by the one above: kept, not counted.
    earlier = Feedback.objects.create(walk=answer.walk, guide=answer.guide, node_slug="wrong-src", helpful=False)
    Feedback.objects.filter(pk=earlier.pk).update(current=False, created_at=answer.created_at)
    rows = [(row["node_slug"], row["yes"], row["no"]) for row in queries.feedback_per_resolution(scope)]
    assert rows == [("ad-blocker", 0, 1), ("wrong-src", 1, 0)]


def test_searches_without_results_ignore_case(scope):
    assert [(row["query"], row["searches"]) for row in queries.searches_without_results(scope)] == [("webhooks", 2)]


def test_searches_whose_walk_escalated(scope):
    assert [(row["query"], row["searches"]) for row in queries.searches_escalated(scope)] == [("widget_blocked", 1)]


def test_top_referrers(scope):
    rows = [(row["referrer_host"], row["started"]) for row in queries.top_referrers(scope)]
    assert rows == [("docs.example.com", 1), ("help.example.com", 1)]


def test_the_range_is_inclusive_and_in_utc_days(scope):
    one_day = Scope(guide=None, start=date(2026, 3, 2), end=date(2026, 3, 2), now=NOW)
    assert totals(one_day)["started"] == 2
    before = Scope(guide=None, start=date(2026, 2, 1), end=date(2026, 2, 28), now=NOW)
    assert totals(before)["started"] == 1


def test_another_guide_has_none_of_these_walks(scope):
    other = Guide.objects.create(slug="other", title="Other", source_file="other.md")
    scoped = Scope(guide=other, start=START, end=END, now=NOW)
    assert totals(scoped)["started"] == 0
    assert queries.drop_off(scoped) == []
    assert queries.searches_escalated(scoped) == []


def test_the_guide_filter_keeps_its_walks(scope, history):
    scoped = Scope(guide=history.guide, start=START, end=END, now=NOW)
    assert totals(scoped)["started"] == 4
    assert [row["query"] for row in queries.searches_escalated(scoped)] == ["widget_blocked"]


def test_content_changes_in_the_range_oldest_first(scope, history, django_user_model):
    lead = django_user_model.objects.create_user("lead", is_staff=True)
    history.revision(at(6, 9), 3, note="rollback to #1", created_by=lead)
    history.revision(at(4, 16), 2, note="published from the admin", created_by=lead)
    history.revision(at(11), 4)  # the day after the range
    other = Guide.objects.create(slug="other", title="Other", source_file="other.md")
    history.revision(at(5), 1, guide=other, note="imported from content/")
    preview = Guide.objects.create(slug="other--draft", title="Preview", source_file="other.md", is_draft=True)
    history.revision(at(5), 1, guide=preview)
    rows = [(row["guide__slug"], row["number"], row["created_by__username"]) for row in queries.content_changes(scope)]
    assert rows == [("mini", 2, "lead"), ("other", 1, None), ("mini", 3, "lead")]
    scoped = Scope(guide=history.guide, start=START, end=END, now=NOW)
    assert [row["number"] for row in queries.content_changes(scoped)] == [2, 3]


def test_the_day_of_a_content_change_carries_it(scope, history):
    history.revision(at(4, 23, 59), 2)
    days = {row["day"]: row["changes"] for row in insights_get(scope).days}
    assert days[date(2026, 3, 4)] == ["mini #2"]
    assert days[date(2026, 3, 5)] == []


def test_a_change_compares_the_walks_solved_in_the_week_before_and_after_it(history):
    history.revision(at(4, 16), 2)
    scoped = Scope(guide=history.guide, start=START, end=END, now=NOW)
    (change,) = [row for row in insights_get(scoped).changes if row["number"] == 2]
    # Before: March 1-3 (the range starts on the 1st), two walks, one solved. After: March 5-10, two, none.
    assert {key: change[key] for key in change if key.startswith(("before_", "after_"))} == {
        "before_days": 3,
        "before_walks": 2,
        "before_solved_rate": 50.0,
        "after_days": 6,
        "after_walks": 2,
        "after_solved_rate": 0.0,
    }


def test_the_comparison_covers_a_week_on_each_side_when_the_range_does(history):
    history.revision(at(20), 2)
    scoped = Scope(guide=history.guide, start=date(2026, 3, 1), end=date(2026, 3, 31), now=NOW)
    (change,) = insights_get(scoped).changes
    assert (change["before_days"], change["after_days"]) == (7, 7)


def test_over_all_guides_a_change_is_not_compared(scope, history):
    history.revision(at(4, 16), 2)
    (change,) = insights_get(scope).changes
    assert change["before_walks"] is None


def test_feedback_comments_newest_first_without_empty_ones(scope, history):
    walk = history.walk(at(7))
    history.feedback(walk, "wrong-src", at(7, 9), helpful=False, comment="Still blank after the new src")
    history.feedback(walk, "ad-blocker", at(8, 9), helpful=True, comment="Allow-listing the CDN worked")
    history.feedback(walk, "ad-blocker", at(11, 9), helpful=True, comment="After the range")
    rows = [(row["node_slug"], row["helpful"], row["comment"]) for row in queries.feedback_comments(scope)]
    # The history's own two answers have no comment.
    assert rows == [
        ("ad-blocker", True, "Allow-listing the CDN worked"),
        ("wrong-src", False, "Still blank after the new src"),
    ]
    other = Guide.objects.create(slug="other", title="Other", source_file="other.md")
    assert queries.feedback_comments(Scope(guide=other, start=START, end=END, now=NOW)) == []
