#!/usr/bin/env python3
"""Which agencies are given the most tasks, and how many tasks carry a deadline.

usage: python scripts/agency_stats.py [DIR] [--top N]
Reads every file in DIR (default ../shared/corpus/real/text), segments it, runs the
deadline and assignment stages only (the figures do not depend on the other
extractors) and counts the lead agencies of the assignments.
"""
import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.assignments import extract_assignments  # noqa: E402
from extractor.deadlines import extract_deadlines  # noqa: E402
from extractor.pipeline import segment_raw  # noqa: E402
from extractor.readers import read  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "real" / "text"))
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    files = sorted(p for p in Path(args.dir).iterdir() if p.is_file())
    leads, n_asg, n_dl, n_dead, docs, failed = Counter(), 0, 0, 0, 0, 0
    t0 = time.time()
    for f in files:
        try:
            seg = segment_raw(read(str(f)))
            deadlines = extract_deadlines(seg)
            assignments = extract_assignments(seg, deadlines)
        except Exception as e:    # one bad file must not stop the count
            failed += 1
            print(f"skip {f.name}: {e}", file=sys.stderr)
            continue
        docs += 1
        n_dead += len(deadlines)
        for a in assignments:
            n_asg += 1
            n_dl += a.deadline is not None
            leads.update(set(a.lead))
    dt = time.time() - t0
    print(f"{docs} documents ({failed} failed) in {dt:.1f}s; {n_dead} deadlines; {n_asg} assignments, "
          f"{n_dl} with a deadline ({100 * n_dl / max(1, n_asg):.1f}%)")
    for name, n in leads.most_common(args.top):
        print(f"{n:6d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
