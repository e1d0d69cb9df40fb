"""The SVG charts: named for assistive technology, drawn to scale, and escaped."""

from __future__ import annotations

import re
from datetime import date

from wizard.insights.charts import funnel_svg, trend_svg
from wizard.insights.report import FunnelStep

STEPS = [FunnelStep("Started a walk", 200, 100.0), FunnelStep("Answered <b>", 50, 25.0)]


def bar_widths(svg: str) -> list[float]:
    return [float(width) for width in re.findall(r'<rect x="\d+" y="[\d.]+" width="([\d.]+)"', svg)]


def trend_bar_heights(svg: str) -> list[float]:
    """Heights of the day bars (the two legend swatches are 12 x 12 and come first)."""
    heights = re.findall(r'height="([\d.]+)" fill="#(?:76828e|0b5cad)"></rect>', svg)
    assert heights[:2] == ["12", "12"]
    return [float(height) for height in heights[2:]]


def test_the_funnel_is_an_image_named_by_its_title_and_description():
    svg = funnel_svg(STEPS, chart_id="f")
    assert '<svg class="insights-chart" role="img" aria-labelledby="f-title f-desc"' in svg
    assert '<title id="f-title">Funnel of the walk</title>' in svg
    assert "Of 200 walks started, 50 ended" in svg


def test_funnel_bars_are_proportional():
    widths = bar_widths(funnel_svg(STEPS))
    assert widths[0] == 4 * widths[1]


def test_funnel_labels_are_escaped():
    svg = funnel_svg(STEPS)
    assert "Answered &lt;b&gt;" in svg
    assert "<b>" not in svg


def test_an_empty_funnel_draws_no_bars():
    assert bar_widths(funnel_svg([FunnelStep("Started a walk", 0, None)])) == [0.0]


def test_the_trend_draws_the_peak_day_full_height():
    days = [
        {"day": date(2026, 3, 1), "started": 10, "resolution": 5},
        {"day": date(2026, 3, 2), "started": 0, "resolution": 0},
        {"day": date(2026, 3, 3), "started": 20, "resolution": 20},
    ]
    svg = trend_svg(days)
    assert trend_bar_heights(svg) == [82.0, 41.0, 164.0, 164.0]
    assert "Over 3 days, 30 walks started and 25 reached a resolution" in svg
    assert "Mar 1" in svg and "Mar 3" in svg


def test_a_trend_without_walks_has_no_bars():
    svg = trend_svg([{"day": date(2026, 3, 1), "started": 0, "resolution": 0}])
    assert trend_bar_heights(svg) == []
    assert "the busiest day had 0 walks" in svg


def test_a_content_change_is_a_dashed_line_on_its_day_and_named_in_the_description():
    days = [
        {"day": date(2026, 3, 1), "started": 10, "resolution": 5, "changes": []},
        {"day": date(2026, 3, 2), "started": 10, "resolution": 8, "changes": ["mini #2", "mini #3"]},
    ]
    svg = trend_svg(days)
    lines = re.findall(r'<line class="content-change" x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"', svg)
    # The plot is 668 wide from x=44: the second of two days is centred at 44 + 1.5 * 334.
    assert lines == [("545.0", "545.0")]
    assert "Dashed lines mark content changes (Mar 2: mini #2, mini #3)." in svg


def test_a_trend_without_content_changes_draws_no_change_line():
    svg = trend_svg([{"day": date(2026, 3, 1), "started": 3, "resolution": 1, "changes": []}])
    assert 'class="content-change"' not in svg
    assert "Dashed lines" not in svg
