"""Vietnamese numbers: '1.000' = 1000, '1,2' = 1.2, '01' = 1, ranges '500-600', number words."""
from __future__ import annotations

from typing import Optional

import regex

# A dot followed by exactly three digits groups thousands; a comma marks decimals.
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER = regex.compile(NUMBER)
_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
          "trăm": 100, "nghìn": 1000, "vạn": 10000}


def parse_number(text: str) -> Optional[float]:
    """'1.000' → 1000, '1,2' → 1.2, '2.200.000' → 2200000, '01' → 1, 'ba' → 3."""
    t = text.strip()
    if t.lower() in _WORDS:
        return float(_WORDS[t.lower()])
    if not _NUMBER.fullmatch(t):
        return None
    return float(t.replace(".", "").replace(",", "."))


def as_number(value: Optional[float]):
    """Integers stay integers in the record (19, not 19.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
