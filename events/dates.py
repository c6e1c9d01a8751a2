"""Dates with a precision: truncate, span and render them.

Imports no models, so it can be used (and tested) without a database.
"""

import calendar
import datetime

from django.core.validators import MaxValueValidator, MinValueValidator

DAY = "day"
MONTH = "month"
YEAR = "year"
DECADE = "decade"
PRECISIONS = (DAY, MONTH, YEAR, DECADE)
# Whole decades on either side, so that every date's period is a date too.
EARLIEST = datetime.date(10, 1, 1)
LATEST = datetime.date(9989, 12, 31)
RANGE_VALIDATORS = [
    MinValueValidator(EARLIEST, "Dates start in the year 10."),
    MaxValueValidator(LATEST, "Dates end in the year 9989."),
]


def in_range(value):
    """Tell whether `value` lies where every precision's period is a valid date."""
    return EARLIEST <= value <= LATEST


def truncate(value, precision):
    """Return the first day of the period of `precision` that contains `value`."""
    if precision == DAY:
        return value
    if precision == MONTH:
        return value.replace(day=1)
    if precision == YEAR:
        return value.replace(month=1, day=1)
    if precision == DECADE:
        return datetime.date(value.year - value.year % 10, 1, 1)
    raise ValueError(f"Unknown precision: {precision!r}")


def period_end(value, precision):
    """Return the last day of the period of `precision` that contains `value`."""
    if precision == DAY:
        return value
    if precision == MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision == YEAR:
        return value.replace(month=12, day=31)
    if precision == DECADE:
        return datetime.date(value.year - value.year % 10 + 9, 12, 31)
    raise ValueError(f"Unknown precision: {precision!r}")


def span(start, start_precision, end=None, end_precision=""):
    """Return the first and last days a date, or a range of dates, may cover at their precisions."""
    if end is None:
        return truncate(start, start_precision), period_end(start, start_precision)
    return truncate(start, start_precision), period_end(end, end_precision)


def format_date(value, precision):
    """Render `value` as far as `precision` allows: "16 March 1921", "March 1921", "1921", "1920s"."""
    if precision == DAY:
        return f"{value.day} {calendar.month_name[value.month]} {value.year}"
    if precision == MONTH:
        return f"{calendar.month_name[value.month]} {value.year}"
    if precision == YEAR:
        return str(value.year)
    if precision == DECADE:
        return f"{value.year - value.year % 10}s"
    raise ValueError(f"Unknown precision: {precision!r}")


def format_range(start, start_precision, end=None, end_precision=None):
    """Render a date or a range of dates by precision: "1919–1923", "16 March – 13 October 1921"."""
    first = format_date(start, start_precision)
    if end is None:
        return first
    last = format_date(end, end_precision or start_precision)
    if first == last:
        return first
    if start_precision in (YEAR, DECADE) and end_precision in (YEAR, DECADE):
        return f"{first}–{last}"
    if start_precision == end_precision and start.year == end.year:
        # "16 March – 13 October 1921" reads better than repeating the year.
        first = first.removesuffix(f" {start.year}")
    return f"{first} – {last}"
