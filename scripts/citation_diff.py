"""Show citation attribute disagreements between records and gold files.

usage: python scripts/citation_diff.py PRED.jsonl GOLD_DIR
"""
import json
import sys
from pathlib import Path

from extractor.evaluate import distinct_citations, fold_key, _match_citations


def main(pred_path, gold_dir):
    records = {Path(json.loads(l)["source"]["path"]).name: json.loads(l) for l in open(pred_path, encoding="utf-8")}
    for gf in sorted(Path(gold_dir).glob("*.gold.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        rec = records.get(gold["file"])
        if rec is None:
            continue
        pc, gc = distinct_citations(rec["citations"]), distinct_citations(gold["citations"])
        for g, p in _match_citations(list(pc), list(gc)):
            for field in ("doc_type", "issued_date", "issuer", "relation"):
                a, b = gc[g].get(field), pc[p].get(field)
                same = fold_key(a) == fold_key(b) or (field == "issuer" and a and b and (
                    fold_key(a) in fold_key(b) or fold_key(b) in fold_key(a)))
                if not same:
                    print(f"{gold['file'][:12]} {g[:40]:40s} {field:11s} gold={a!r} pred={b!r}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
