"""Unit and comparator accuracy of matched targets, and year disagreements.

Targets are matched per document by their numbers (value, or min and max), as score.py
matches them, in order; among matched pairs the unit (folded, "m2" = "m²") and the
comparator are compared.

usage: python scripts/target_attrs.py PRED.jsonl GOLD_DIR
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

from extractor.evaluate import fold_key, target_numbers


def unit_key(u):
    return fold_key((u or "").replace("²", "2"))


def main(pred_path, gold_dir):
    records = {Path(json.loads(l)["source"]["path"]).name: json.loads(l) for l in open(pred_path, encoding="utf-8")}
    n = unit_ok = cmp_ok = year_ok = 0
    for gf in sorted(Path(gold_dir).glob("*.gold.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        rec = records.get(gold["file"])
        if rec is None:
            continue
        pool = defaultdict(list)
        for t in rec["targets"]:
            pool[target_numbers(t)].append(t)
        for g in gold["targets"]:
            cands = pool.get(target_numbers(g))
            if not cands:
                continue
            p = cands.pop(0)
            n += 1
            unit_ok += unit_key(p["unit"]) == unit_key(g["unit"])
            cmp_ok += p["comparator"] == g["comparator"]
            year_ok += str(p.get("year") or "") == str(g.get("year") or "")
            for field, a, b in (("unit", g["unit"], p["unit"]), ("comparator", g["comparator"], p["comparator"]),
                                ("year", g.get("year"), p.get("year"))):
                if (unit_key(a) != unit_key(b)) if field == "unit" else (str(a or "") != str(b or "")):
                    print(f"{gold['file'][:12]} {str(target_numbers(g)):18s} {field:10s} gold={a!r} pred={b!r}")
    if n:
        print(f"matched {n}: unit {unit_ok / n:.3f}, comparator {cmp_ok / n:.3f}, year {year_ok / n:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
