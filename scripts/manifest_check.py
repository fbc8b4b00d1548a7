"""Agreement of extracted records with MANIFEST.tsv over ../shared/corpus/real (or a subfolder).

For every file the manifest lists under the given folders, the file is parsed and compared
with the manifest's doc_number, doc_type and date where the manifest gives one. Manifest
numbers of PDFs and Word files are taken from file names ("QĐ 01.2025", "ND-146-2025-…"),
so the number such a name gives is read by `manifest_number`, and it agrees when the record's
number starts with that figure (leading zeros ignored) and has the same year, if both give one.

usage: python scripts/manifest_check.py [FOLDER ...]   (default: pdf docx)
Prints one line a file (ok / DIFF / ERROR, the manifest and record values) and the totals.
"""
import csv
import sys
import time
import unicodedata
from pathlib import Path

import regex

import extractor
from extractor.readers import ReadError

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"


def fold(s):
    s = unicodedata.normalize("NFD", s or "").replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


def figures(s):
    return [str(int(x)) for x in regex.findall(r"\d+", s or "")]


def manifest_number(stem):
    """(number, year or None) named by a file-name stem, or None when it names none.

    A catalogue id in brackets and a leading date are dropped; then a figure right after a
    leading type code ("NQso11", "QD-1696", "ND-146-2025"), else the first figure followed by a
    year that is not the day or month of a date ("35.2024"), else a leading figure ("505").
    A bare year ("Hienphap1959") is no number."""
    s = regex.sub(r"^\(\d+\)-|^\d{4}\.\d{2}\.\d{2}-", "", fold(stem))
    year = r"[.\-/ _](\d{4})(?!\d)"
    m = regex.match(rf"[a-z]{{1,5}}[\- _]?(?:so)?(\d{{1,5}})[a-z]?(?:{year})?", s)
    if m is None:
        m = regex.search(rf"(?<![\d.]|\d[.\-])(\d{{1,4}})[a-z]?{year}", s)
    if m is None:
        m = regex.match(r"(\d+)(?!\d)()", s)
    if m is None or (len(m.group(1)) == 4 and m.group(1)[:2] in ("19", "20")):
        return None
    y = m.group(2) if m.lastindex and m.lastindex >= 2 and m.group(2) else None
    return str(int(m.group(1))), (y if y and 1900 <= int(y) <= 2100 else None)


def number_agrees(manifest, rec):
    want = manifest_number(manifest)
    if want is None:
        return None
    got = figures(rec["metadata"].get("number"))
    if not got or got[0] != want[0]:
        return False
    years = [g for g in got[1:] if len(g) == 4]
    return want[1] is None or not years or years[0] == want[1]


def main(folders):
    rows = list(csv.DictReader(open(REAL / "MANIFEST.tsv", encoding="utf-8"), delimiter="\t"))
    rows = [r for r in rows if r["relpath"].split("/")[0] in folders]
    totals = {"number": [0, 0], "doc_type": [0, 0], "date": [0, 0]}
    errors = 0
    for r in rows:
        path = REAL / r["relpath"]
        t = time.perf_counter()
        try:
            rec = extractor.parse(path).to_dict()
        except ReadError as e:
            errors += 1
            print(f"ERROR {r['relpath']}: {e.reason}")
            continue
        meta, marks = rec["metadata"], []
        checks = {"number": number_agrees(r["doc_number"], rec) if r["doc_number"] else None,
                  "doc_type": (fold(r["doc_type"]) == fold(meta["doc_type"])) if r["doc_type"] else None,
                  "date": (r["date"] == meta["issued_date"]) if r["date"] else None}
        for k, v in checks.items():
            if v is not None:
                totals[k][0] += bool(v)
                totals[k][1] += 1
                marks.append(f"{k}={'ok' if v else 'X'}")
        ocr = len(rec["source"].get("ocr_pages") or [])
        status = "DIFF " if any(v is False for v in checks.values()) else "ok   "
        print(f"{status}{r['relpath']}: manifest {r['doc_number']!r} {r['doc_type']!r} {r['date']!r} | "
              f"record {meta['number']!r} {meta['doc_type']!r} {meta['issued_date']!r} | "
              f"{' '.join(marks)} pages {rec['source'].get('pages')} ocr {ocr} {time.perf_counter() - t:.1f}s")
    print(f"files {len(rows)}, errors {errors}; " + "; ".join(
        f"{k} {a}/{n} ({100 * a / n:.0f}%)" for k, (a, n) in totals.items() if n))


if __name__ == "__main__":
    main(sys.argv[1:] or ["pdf", "docx"])
