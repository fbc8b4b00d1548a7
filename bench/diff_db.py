"""Compare two vnlegal databases table by table, and their full-text search answers.

usage: python bench/diff_db.py BASE.db NEW.db

Rows are compared in id order (build both with --jobs 1 so ids line up); the time of
extraction and the extractor version (a digest of the code) are left out. Searches run a fixed list of phrases, with and without
diacritics, through extractor.search. Exits 1 on any difference.
"""
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TABLES = ["documents", "sections", "citations", "deadlines", "assignments", "assignment_agencies", "agencies",
          "targets", "tables", "errors"]
SKIP = {"extracted_at", "at", "extractor_version"}   # the version carries a digest of the code
QUERIES = ["công nghiệp hỗ trợ", "cong nghiep ho tro", "thanh toán không dùng tiền mặt", "ủy ban nhân dân tỉnh",
           "chuyển đổi số", "sap xep don vi hanh chinh", "Sở Tài chính", "phòng, chống", "kinh tế - xã hội", "ngân sách"]


def rows(con, table):
    cols = [r[1] for r in con.execute(f"PRAGMA table_info([{table}])") if r[1] not in SKIP]
    order = "id" if "id" in cols else ", ".join(cols)
    return cols, con.execute(f"SELECT {', '.join(f'[{c}]' for c in cols)} FROM [{table}] ORDER BY {order}").fetchall()


def main(base, new):
    from extractor import store
    a, b = sqlite3.connect(base), sqlite3.connect(new)
    bad = 0
    for t in TABLES:
        ca, ra = rows(a, t)
        cb, rb = rows(b, t)
        if ca != cb:
            print(f"{t}: columns differ {ca} vs {cb}")
            bad += 1
            continue
        diffs = [(i, x, y) for i, (x, y) in enumerate(zip(ra, rb)) if x != y]
        if len(ra) != len(rb) or diffs:
            bad += 1
            print(f"{t}: {len(ra)} vs {len(rb)} rows, {len(diffs)} differing")
            for i, x, y in diffs[:5]:
                for c, u, v in zip(ca, x, y):
                    if u != v:
                        print(f"  row {i} {c}: {str(u)[:80]!r} -> {str(v)[:80]!r}")
        else:
            print(f"{t}: {len(ra)} rows identical")
    da, db_ = store.open_db(base), store.open_db(new)
    for q in QUERIES:
        for limit in (20, 1000):
            x, y = store.search(da, q, limit=limit), store.search(db_, q, limit=limit)
            if x != y:
                bad += 1
                print(f"search {q!r} limit {limit}: {len(x)} vs {len(y)} hits, differ")
    print("searches compared" if not bad else f"{bad} difference(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
