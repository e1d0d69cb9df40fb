"""Charts drawn on the server as small SVG images: no JavaScript, no chart library, nothing for CSP to block.

Each chart is an `<svg role="img">` named by its own `<title>` and `<desc>` (through `aria-labelledby`), and the
page puts a table with the same numbers right after it, for screen readers and for anyone who wants exact
figures. Colours are presentation attributes, which `style-src 'self'` allows; they keep 4.5:1 contrast for text
and 3:1 for bars against white.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .report import Day, FunnelStep

TEXT = "#1d2329"
MUTED = "#4a5560"
ACCENT = "#0b5cad"
LIGHT = "#76828e"
GRID = "#c9d2db"
CHANGE = "#b3261e"
# A day's two bars, drawn in this order: the walks started, and those that reached a resolution in front.
BARS: tuple[tuple[Literal["started", "resolution"], str], ...] = (("started", LIGHT), ("resolution", ACCENT))


def funnel_svg(steps: Sequence[FunnelStep], *, chart_id: str = "funnel") -> SafeString:
    """One horizontal bar per step of the walk, as wide as its share of the walks started."""
    width, label_width, value_width, row = 720, 210, 130, 34
    bar_room = width - label_width - value_width
    top = steps[0].walks if steps else 0
    height = row * len(steps) + 8
    rows = []
    for index, step in enumerate(steps):
        y = 4 + index * row
        bar = round(bar_room * step.walks / top) if top else 0
        share = "" if step.share is None else f" ({step.share:g}%)"
        rows.append(
            format_html(
                '<text x="{}" y="{}" fill="{}" text-anchor="end" dominant-baseline="middle">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"></rect>'
                '<text x="{}" y="{}" fill="{}" dominant-baseline="middle">{}{}</text>',
                label_width - 8,
                y + row / 2 - 2,
                TEXT,
                step.label,
                label_width,
                y + 4,
                max(bar, 1) if step.walks else 0,
                row - 12,
                ACCENT,
                label_width + bar + 8,
                y + row / 2 - 2,
                TEXT,
                f"{step.walks:,}",
                share,
            )
        )
    first, last = (steps[0].walks, steps[-1].walks) if steps else (0, 0)
    return _svg(
        chart_id,
        width,
        height,
        "Funnel of the walk",
        f"Of {first:,} walks started, {last:,} ended with the reader saying it solved the problem. "
        "The table below gives every step.",
        SafeString("".join(rows)),
    )


def trend_svg(days: Sequence[Day], *, chart_id: str = "trend") -> SafeString:
    """Walks started per day (grey bars) with those that reached a resolution drawn over them (blue)."""
    width, height, left, right, top, bottom = 720, 220, 44, 8, 28, 28
    plot_width, plot_height = width - left - right, height - top - bottom
    peak = max((day["started"] for day in days), default=0)
    scale = plot_height / peak if peak else 0
    slot = plot_width / len(days) if days else plot_width
    bar = max(slot * 0.7, 1)
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>'
            '<text x="{}" y="{}" fill="{}" text-anchor="end" dominant-baseline="middle">{}</text>'
            '<text x="{}" y="{}" fill="{}" text-anchor="end" dominant-baseline="middle">0</text>',
            left,
            top + plot_height,
            width - right,
            top + plot_height,
            GRID,
            left - 6,
            top,
            MUTED,
            f"{peak:,}",
            left - 6,
            top + plot_height,
            MUTED,
        ),
        _legend(left, 12),
    ]
    for index, day in enumerate(days):
        x = round(left + index * slot + (slot - bar) / 2, 2)
        for key, colour in BARS:
            bar_height = round(day[key] * scale, 2)
            if bar_height:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                        x,
                        round(top + plot_height - bar_height, 2),
                        round(bar, 2),
                        bar_height,
                        colour,
                    )
                )
    # A dashed line through each day the content changed, so a lead can read the bars before and after an edit.
    changed = [(index, day) for index, day in enumerate(days) if day.get("changes")]
    for index, _ in changed:
        x = round(left + (index + 0.5) * slot, 2)
        parts.append(
            format_html(
                '<line class="content-change" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" '
                'stroke-dasharray="4 3"></line>',
                x,
                top,
                x,
                top + plot_height,
                CHANGE,
            )
        )
    if days:
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}">{}</text><text x="{}" y="{}" fill="{}" text-anchor="end">{}</text>',
                left,
                height - 8,
                MUTED,
                _day(days[0]["day"]),
                width - right,
                height - 8,
                MUTED,
                _day(days[-1]["day"]),
            )
        )
    started = sum(day["started"] for day in days)
    resolved = sum(day["resolution"] for day in days)
    description = (
        f"Over {len(days)} days, {started:,} walks started and {resolved:,} reached a resolution; "
        f"the busiest day had {peak:,} walks."
    )
    if changed:
        marks = "; ".join(f"{_day(day['day'])}: {', '.join(day['changes'])}" for _, day in changed)
        description += f" Dashed lines mark content changes ({marks})."
    description += " The table below gives every day."
    return _svg(chart_id, width, height, "Walks per day", description, SafeString("".join(parts)))


def _legend(x: int, y: int) -> SafeString:
    items = (("Walks started", LIGHT), ("Reached a resolution", ACCENT))
    swatches = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
        '<text x="{}" y="{}" fill="{}" dominant-baseline="middle">{}</text>',
        (
            (x + offset, y - 6, colour, x + offset + 18, y, TEXT, label)
            for offset, (label, colour) in zip((0, 140), items, strict=True)
        ),
    )
    change = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="4 3"></line>'
        '<text x="{}" y="{}" fill="{}" dominant-baseline="middle">Content changed</text>',
        x + 326,
        y - 6,
        x + 326,
        y + 6,
        CHANGE,
        x + 334,
        y,
        TEXT,
    )
    return swatches + change


def _day(day: date) -> str:
    return f"{day:%b} {day.day}"


def _svg(chart_id: str, width: int, height: int, title: str, description: str, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="insights-chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" font-size="13" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>{body}</svg>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        description=description,
        body=body,
    )
