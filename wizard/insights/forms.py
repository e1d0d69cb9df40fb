"""The filters of the insights page: a guide (or all) and a date range, read from the query string."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.http import QueryDict
from django.utils import timezone

from ..models import Guide

DEFAULT_DAYS = 30
# A year of days is already a dense chart; longer ranges belong in the CSV export of several runs.
MAX_DAYS = 366
# Walk records began with this app; the bounds also keep "the day after the end" inside Python's dates.
EARLIEST = date(2000, 1, 1)


class InsightsFilterForm(forms.Form):
    guide = forms.ModelChoiceField(
        queryset=Guide.objects.order_by("position", "title"),
        to_field_name="slug",
        required=False,
        empty_label="All guides",
    )
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, query: QueryDict, *, today: date | None = None, **kwargs: Any) -> None:
        """Always bound: missing fields take the defaults (all guides, the last 30 days), given ones are checked."""
        today = today or timezone.localdate()
        defaults = {
            "guide": "",
            "start": (today - timedelta(days=DEFAULT_DAYS - 1)).isoformat(),
            "end": today.isoformat(),
        }
        super().__init__({key: query.get(key, default) for key, default in defaults.items()}, **kwargs)
        self.today = today
        self.helper = FormHelper(self)
        self.helper.form_method = "get"
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                Div(Field("guide"), css_class="col-sm-5"),
                Div(Field("start"), css_class="col-sm-3"),
                Div(Field("end"), css_class="col-sm-3"),
                css_class="row g-2",
            ),
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        latest = self.today + timedelta(days=MAX_DAYS)
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value and not EARLIEST <= value <= latest:
                self.add_error(name, f"Choose a date between {EARLIEST:%Y-%m-%d} and {latest:%Y-%m-%d}.")
                cleaned.pop(name, None)
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError("The start date must be on or before the end date.")
            if (end - start).days + 1 > MAX_DAYS:
                raise forms.ValidationError(f"Choose at most {MAX_DAYS} days.")
        return cleaned
