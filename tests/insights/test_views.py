"""/insights/ and /insights/export.csv: staff only, filters checked, a fixed number of queries."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wizard.models import Event, Walk

from .conftest import History

pytestmark = pytest.mark.django_db

RANGE = "start=2026-03-01&end=2026-03-10"


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user("lead", is_staff=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", ["/insights/", "/insights/export.csv"])
def test_anonymous_users_go_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.parametrize("url", ["/insights/", "/insights/export.csv"])
def test_users_who_are_not_staff_go_to_the_login(client, url):
    client.force_login(get_user_model().objects.create_user("agent"))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_page_shows_the_figures(staff_client, history):
    response = staff_client.get(f"/insights/?{RANGE}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<dt>Started</dt><dd>4</dd>" in page
    assert "(50.0% resolution rate)" in page
    assert 'role="img"' in page
    assert "<code>webhooks</code>" in page
    assert 'href="/guides/mini/widget/"' in page  # the drop-off question links to itself
    assert "noindex" in page


def test_the_page_defaults_to_the_last_30_days(staff_client, mini_guide):
    response = staff_client.get("/insights/")
    assert response.status_code == 200
    assert response.context["insights"].scope.end == timezone.localdate()
    assert len(response.context["insights"].days) == 30


def test_the_guide_filter(staff_client, history):
    response = staff_client.get(f"/insights/?guide=mini&{RANGE}")
    assert response.status_code == 200
    assert response.context["insights"].scope.guide == history.guide
    assert response.context["insights"].totals["started"] == 4


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=2026-02-30&end=2026-03-01", "Enter a valid date."),
        ("start=yesterday", "Enter a valid date."),
        ("start=2026-03-10&end=2026-03-01", "The start date must be on or before the end date."),
        ("start=2020-01-01&end=2026-03-01", "Choose at most 366 days."),
        ("start=1900-01-01&end=1900-01-02", "Choose a date between"),
        ("end=9999-12-31", "Choose a date between"),
        ("guide=no-such-guide", "Select a valid choice."),
    ],
)
def test_bad_filters_are_a_400_with_the_reason(staff_client, mini_guide, query, message):
    response = staff_client.get(f"/insights/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "insights" not in response.context or response.context.get("insights") is None


def test_bad_filters_on_the_export_are_a_400(staff_client, mini_guide):
    response = staff_client.get("/insights/export.csv?start=nope")
    assert response.status_code == 400
    assert "start: Enter a valid date." in response.content.decode()


def test_post_is_not_allowed(staff_client):
    assert staff_client.post("/insights/").status_code == 405


def test_the_csv_export(staff_client, history):
    response = staff_client.get(f"/insights/export.csv?guide=mini&{RANGE}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="insights-mini-20260301-20260310.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Insights", "mini", "2026-03-01", "2026-03-10"]
    assert ["started", "4", "100.0"] in rows
    # The view's clock is the real one: the walk on a question "ten minutes ago" in March is long abandoned.
    assert ["abandoned", "2", "50.0"] in rows
    assert ["2026-03-02", "2", "2", "1", "1", "0", ""] in rows
    assert ["mini", "ad-blocker", "An ad blocker stops the script", "0", "1", "0.0"] in rows


def test_content_changes_are_listed_with_a_link_to_their_diff(staff_client, history):
    lead = get_user_model().objects.get(username="lead")
    revision = history.revision(datetime(2026, 3, 4, 16, 30, tzinfo=UTC), 2, note="=clearer steps", created_by=lead)
    page = staff_client.get(f"/insights/?guide=mini&{RANGE}").content.decode()
    assert f'<a href="/admin/wizard/guide/{revision.guide_id}/revisions/2/compare/">mini #2</a>' in page
    assert "<td>Wed 4 Mar 2026, 16:30</td>" in page
    assert "<td>=clearer steps</td>" in page
    rows = list(csv.reader(io.StringIO(staff_client.get(f"/insights/export.csv?{RANGE}").content.decode())))
    assert ["2026-03-04T16:30:00+00:00", "mini", "2", "lead", "'=clearer steps", "", "", "", ""] in rows
    scoped = list(
        csv.reader(io.StringIO(staff_client.get(f"/insights/export.csv?guide=mini&{RANGE}").content.decode()))
    )
    assert ["2026-03-04T16:30:00+00:00", "mini", "2", "lead", "'=clearer steps", "2", "50.0", "2", "0.0"] in scoped
    assert "50.0% <span" in page  # the walks solved in the days before the change, next to it
    assert ["2026-03-04", "0", "0", "0", "0", "0", "mini #2"] in rows


def test_reader_comments_are_shown_escaped_and_exported_safely(staff_client, history):
    walk = history.walk(datetime(2026, 3, 7, tzinfo=UTC))
    history.feedback(walk, "wrong-src", datetime(2026, 3, 7, 9, tzinfo=UTC), helpful=False, comment="<b>no</b>\nline 2")
    history.feedback(walk, "ad-blocker", datetime(2026, 3, 8, 9, tzinfo=UTC), helpful=True, comment="=cmd()")
    page = staff_client.get(f"/insights/?guide=mini&{RANGE}").content.decode()
    assert '<td class="reader-comment">&lt;b&gt;no&lt;/b&gt;<br>line 2</td>' in page
    assert page.index("=cmd()") < page.index("&lt;b&gt;no")  # newest first
    assert f"/admin/wizard/feedback/?guide__id__exact={history.guide.pk}" in page
    rows = list(csv.reader(io.StringIO(staff_client.get(f"/insights/export.csv?{RANGE}").content.decode())))
    assert [
        "2026-03-08T09:00:00+00:00",
        "mini",
        "ad-blocker",
        "An ad blocker stops the script",
        "yes",
        "'=cmd()",
    ] in rows


def test_no_comment_in_range_says_so(staff_client, history):
    page = staff_client.get(f"/insights/?{RANGE}").content.decode()
    assert "No reader left a comment in this range." in page


def test_no_content_change_in_range_says_so(staff_client, history):
    page = staff_client.get(f"/insights/?{RANGE}").content.decode()
    assert "No guide was published, rolled back or imported with changes in this range." in page


def test_the_csv_neutralises_formulas_typed_into_search(staff_client, history):
    walk = history.walk(datetime(2026, 3, 3, tzinfo=UTC), source=Walk.Source.SEARCH, guide=None)
    history.event(walk, Event.Kind.SEARCH, datetime(2026, 3, 3, tzinfo=UTC), query="=HYPERLINK(1)", results=0)
    rows = list(csv.reader(io.StringIO(staff_client.get(f"/insights/export.csv?{RANGE}").content.decode())))
    queries = [row[0] for row in rows if len(row) == 3 and row[0].startswith(("'", "="))]
    assert queries == ["'=hyperlink(1)"]


def _add_walks(history: History, count: int) -> None:
    for number in range(count):
        walk = history.walk(datetime(2026, 3, 1 + number % 9, tzinfo=UTC), referrer_host=f"site{number}.example")
        history.event(walk, Event.Kind.RESOLUTION, datetime(2026, 3, 1 + number % 9, tzinfo=UTC), "wrong-src")
        history.finish(walk, "widget" if number % 2 else "wrong-src", datetime(2026, 3, 1, tzinfo=UTC))
        searcher = Walk.objects.create(id=uuid.uuid4(), source=Walk.Source.SEARCH)
        history.event(searcher, Event.Kind.SEARCH, datetime(2026, 3, 2, tzinfo=UTC), query=f"gap {number}", results=0)


def _queries(client, url: str) -> int:
    cache.clear()  # the figures of a guide and range are kept for a minute: count the queries that compute them
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", [f"/insights/?{RANGE}", f"/insights/?guide=mini&{RANGE}", f"/insights/export.csv?{RANGE}"]
)
def test_queries_do_not_grow_with_the_data(staff_client, history, django_assert_max_num_queries, url):
    few = _queries(staff_client, url)
    _add_walks(history, 12)
    cache.clear()
    with django_assert_max_num_queries(14):
        staff_client.get(url)
    assert _queries(staff_client, url) == few


def test_the_figures_of_a_guide_and_range_are_kept_for_a_minute(staff_client, history):
    url = f"/insights/?{RANGE}"
    first = staff_client.get(url)
    assert first.context["insights"].totals["started"] == 4
    assert "Figures as of " in first.content.decode()
    _add_walks(history, 3)
    # The CSV of the page just seen, and the page again: the same figures, without computing them again.
    with CaptureQueriesContext(connection) as captured:
        rows = list(csv.reader(io.StringIO(staff_client.get(f"/insights/export.csv?{RANGE}").content.decode())))
        again = staff_client.get(url)
    assert ["started", "4", "100.0"] in rows
    assert again.context["insights"].totals["started"] == 4
    assert not [query for query in captured if "wizard_walk" in query["sql"] or "wizard_event" in query["sql"]]
    # Another range or guide is computed on its own, and the kept figures expire.
    assert staff_client.get(f"/insights/?guide=mini&{RANGE}").context["insights"].totals["started"] == 7
    cache.clear()
    assert staff_client.get(url).context["insights"].totals["started"] == 7


def test_the_cache_can_be_turned_off(staff_client, history, settings):
    settings.INSIGHTS_CACHE_SECONDS = 0
    assert staff_client.get(f"/insights/?{RANGE}").context["insights"].totals["started"] == 4
    _add_walks(history, 1)
    assert staff_client.get(f"/insights/?{RANGE}").context["insights"].totals["started"] == 5
