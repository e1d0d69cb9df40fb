"""Staff insights: the page, and the same figures as CSV. Anyone else is sent to the admin login."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from . import charts
from .forms import InsightsFilterForm
from .queries import ABANDONED_AFTER, Scope
from .report import CHANGE_WINDOW_DAYS, insights_cached, insights_rows


def _scope(form: InsightsFilterForm) -> Scope:
    data = form.cleaned_data
    return Scope(guide=data["guide"], start=data["start"], end=data["end"], now=timezone.now())


@require_safe
@staff_member_required
def index(request: HttpRequest) -> HttpResponse:
    form = InsightsFilterForm(request.GET)
    context: dict[str, Any] = {
        "form": form,
        "abandoned_minutes": int(ABANDONED_AFTER.total_seconds() // 60),
        "change_window_days": CHANGE_WINDOW_DAYS,
    }
    if not form.is_valid():
        # The page still renders, with the form's errors next to the fields, and says the request was bad.
        return render(request, "insights/index.html", context, status=400)
    insights = insights_cached(_scope(form))
    context.update(
        insights=insights,
        funnel_svg=charts.funnel_svg(insights.funnel),
        trend_svg=charts.trend_svg(insights.days),
        export_query=urlencode({key: form.data[key] for key in ("guide", "start", "end")}),
    )
    return render(request, "insights/index.html", context)


@require_safe
@staff_member_required
def export(request: HttpRequest) -> HttpResponse:
    form = InsightsFilterForm(request.GET)
    if not form.is_valid():
        errors = "\n".join(f"{field}: {' '.join(map(str, messages))}" for field, messages in form.errors.items())
        return HttpResponse(f"Bad filters.\n{errors}\n", status=400, content_type="text/plain; charset=utf-8")
    scope = _scope(form)
    name = f"insights-{scope.guide.slug if scope.guide else 'all'}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    for row in insights_rows(insights_cached(scope)):
        writer.writerow([_cell(value) for value in row])
    return response


def _cell(value: object) -> object:
    """Search queries are typed by anyone: a leading = + - @ would run as a formula in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
