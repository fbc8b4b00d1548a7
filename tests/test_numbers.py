"""Vietnamese number parsing."""
import pytest

from extractor.numbers import as_number, parse_number

CASES = [
    ("1.000", 1000), ("1,2", 1.2), ("01", 1), ("2.200.000", 2200000), ("6.518", 6518), ("372,6", 372.6),
    ("0,5", 0.5), ("15", 15), ("100", 100), ("1.000.000.000", 1e9), ("12,75", 12.75), ("05", 5),
    ("24,0", 24.0), ("7.500", 7500), ("3.000", 3000), ("ba", 3), ("mười", 10), ("một", 1), ("vạn", 10000),
    ("Hai", 2), ("2020", 2020), ("999", 999), ("1.234,5", 1234.5),
]


@pytest.mark.parametrize("text,value", CASES)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "12a", "1..0", "-", "1,2,3"])
def test_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("value,shown", [(19.0, 19), (1.2, 1.2), (None, None), (1000.0, 1000)])
def test_integers_stay_integers(value, shown):
    assert as_number(value) == shown and type(as_number(value)) is type(shown)
