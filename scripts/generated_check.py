"""Score the rendered copies of two seeds (../shared/corpus/generated) against their seed's gold.

Each generated file is extracted, its record renamed to the seed's file name, and scored
with shared/tools/score.py next to the plain-text seed itself; the table shows the F1 of
every field and the gap to the plain-text seed (acceptance: within 0.03).

usage: python scripts/generated_check.py [SHARED_DIR]
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import extractor

FIELDS = ("outline", "citations", "deadlines", "assignments", "targets")


def score(record, seed_name, shared):
    record = dict(record, source=dict(record["source"], path=seed_name))
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        gold = Path(tmp) / "gold"
        gold.mkdir()
        (gold / f"{seed_name}.gold.json").write_bytes(
            (shared / "annotations/seeds" / f"{seed_name}.gold.json").read_bytes())
        out = subprocess.run([sys.executable, str(shared / "tools/score.py"), str(pred), str(gold), "--json"],
                             capture_output=True, text=True, check=True).stdout
    doc = json.loads(out)["docs"][seed_name]
    return {f: doc[f]["f1"] for f in FIELDS}, doc


def main(shared="../shared"):
    shared = Path(shared)
    seeds = {p.name[:3]: p for p in (shared / "corpus/seeds").glob("*.txt")}
    rows = []
    for gen in sorted((shared / "corpus/generated").glob("gen_*")):
        if gen.suffix not in (".pdf", ".docx", ".html"):
            continue
        seed = seeds[gen.name[4:7]]
        base, _ = score(extractor.parse(seed).to_dict(), seed.name, shared)
        rec = extractor.parse(gen).to_dict()
        got, doc = score(rec, seed.name, shared)
        gaps = {f: round(base[f] - got[f], 3) for f in FIELDS}
        pages = sorted({s["page"] for s in rec["sections"] if s["page"] is not None})
        rows.append((gen.name, got, gaps, rec["source"].get("ocr_pages"), len(pages), doc))
        print(f"{gen.name:36s} " + " ".join(f"{f[:5]} {got[f]:.2f} ({-gaps[f]:+.2f})" for f in FIELDS)
              + f"  pages {len(pages)} ocr {len(rec['source'].get('ocr_pages') or [])}"
              + ("" if max(gaps.values()) <= 0.03 else "  <-- gap"))
        meta = {k: v for k, v in doc["metadata"].items() if v is False}
        if meta:
            print(f"{'':36s} metadata wrong: {', '.join(meta)}")
    return rows


if __name__ == "__main__":
    main(*sys.argv[1:])
