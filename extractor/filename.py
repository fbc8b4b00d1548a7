"""A document number the file name gives when the printed one is left blank.

Signed copies published before the number is filled in print "Số: /2025/QĐ-UBND", while the
file the office publishes is named after the number it was given ("QD_01.2025.pdf",
"QD-2170-2026-….pdf", "CV-3686-UBND-XD-….pdf"). The figure is taken only where the name ties
it to the printed template: next to the template's code, or before its year (or the year of
the printed date), so a figure that merely appears in a name is never taken.
"""
from __future__ import annotations

import unicodedata
from pathlib import PurePath
from typing import Optional

import regex

# the printed template of a blank number: "/2025/QĐ-UBND", "/QĐ-UBND", "/UBND-XD"
_TEMPLATE = regex.compile(r"^/(?:(?P<year>(?:19|20)\d\d)/)?(?P<code>\p{L}[\p{L}\d.\-]*)$")
_SEP = r"[_\-. ]"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def number_from_name(path: str, template: Optional[str], issued_year: Optional[str] = None,
                     type_codes: tuple[str, ...] = ()) -> Optional[str]:
    """'01/2025/QĐ-UBND' from 'VanBanGoc_QD_01.2025.pdf' and the template '/2025/QĐ-UBND'."""
    # figures written by hand on a scan come out of OCR as a few stray marks: '^Ổ/2024/TT-BCT'
    t = _TEMPLATE.match(regex.sub(r"^[^\d/]{1,4}(?=/)", "", regex.sub(r"\s+", "", template or "")))
    if not t or path.startswith("<"):
        return None
    stem = _fold(PurePath(path).stem)
    year, code = t.group("year"), t.group("code")
    # 'qd' of 'QĐ-UBND', 'ubnd' of 'UBND-XD', and the codes of the document's type ('cv' of a letter)
    head = "(?:" + "|".join(regex.escape(_fold(c)) for c in (code.split("-")[0], *type_codes)) + ")"
    # before the year; the figure after a day is a month ('15-5-2026'), unless it cannot be one
    patterns = [rf"(?<![\d.]|\d{_SEP}(?=(?:0?\d|1[0-2]){_SEP}))(\d{{1,5}}){_SEP}{y}(?!\d)"
                for y in filter(None, (year, issued_year))]
    other_years = set(regex.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", stem)) - {year, issued_year}
    if not other_years or not (year or issued_year):     # a name dated another year is another document's
        patterns += [rf"(?<![\d.])(\d{{1,5}}){_SEP}{head}(?![a-z])",          # '1696-qd-ubnd', '3686-ubnd-xd'
                     rf"(?:^|{_SEP}){head}{_SEP}?(?:so)?(\d{{1,5}})(?!\d)"]    # 'tt-37-bgtvt', 'nqso11'
    for pattern in patterns:
        m = regex.search(pattern, stem)
        if m and int(m.group(1)) > 0:
            return f"{m.group(1)}/{year}/{code}" if year else f"{m.group(1)}/{code}"
    return None
