import datetime

import pytest

from events import dates

D = datetime.date


@pytest.mark.parametrize(
    ("precision", "first", "last"),
    [
        ("day", D(1921, 3, 16), D(1921, 3, 16)),
        ("month", D(1921, 3, 1), D(1921, 3, 31)),
        ("year", D(1921, 1, 1), D(1921, 12, 31)),
        ("decade", D(1920, 1, 1), D(1929, 12, 31)),
    ],
)
def test_a_date_spans_the_period_of_its_precision(precision, first, last):
    assert dates.truncate(D(1921, 3, 16), precision) == first
    assert dates.period_end(D(1921, 3, 16), precision) == last


def test_period_end_knows_leap_years():
    assert dates.period_end(D(1924, 2, 10), "month") == D(1924, 2, 29)
    assert dates.period_end(D(1923, 2, 10), "month") == D(1923, 2, 28)


@pytest.mark.parametrize(
    ("precision", "text"),
    [("day", "16 March 1921"), ("month", "March 1921"), ("year", "1921"), ("decade", "1920s")],
)
def test_a_date_renders_by_its_precision(precision, text):
    assert dates.format_date(D(1921, 3, 16), precision) == text


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((D(1921, 3, 16), "day"), "16 March 1921"),
        ((D(1919, 1, 1), "year", D(1923, 1, 1), "year"), "1919–1923"),
        ((D(1919, 5, 19), "day", D(1923, 7, 24), "day"), "19 May 1919 – 24 July 1923"),
        ((D(1921, 3, 16), "day", D(1921, 10, 13), "day"), "16 March – 13 October 1921"),
        ((D(1945, 1, 1), "year", D(1945, 1, 1), "year"), "1945"),
        ((D(1930, 1, 1), "decade", D(1945, 1, 1), "year"), "1930s–1945"),
    ],
)
def test_a_range_renders_by_its_precisions(args, text):
    assert dates.format_range(*args) == text


def test_an_unknown_precision_is_refused():
    with pytest.raises(ValueError, match="century"):
        dates.truncate(D(1921, 1, 1), "century")
