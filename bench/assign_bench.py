"""Time extract_assignments alone and check its output against a saved reference.

usage: python bench/assign_bench.py [--save REF.pkl | --check REF.pkl] [--repeat N] [--profile OUT.prof] [PATH ...]

Reads, normalises, segments and extracts deadlines for every file once (not timed), then
times extract_assignments over all of them (CPU time, best of --repeat). --save writes the
assignments of every document (as dicts) to REF.pkl; --check compares against it and
prints the first differences. Default paths: ../shared/corpus/real/text, ../shared/corpus/seeds,
corpus/ and ../shared/corpus/generated (text-like files only, so no PDF reading is needed).
"""
import argparse
import cProfile
import pickle
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULTS = [ROOT.parent / "shared" / "corpus" / "real" / "text", ROOT.parent / "shared" / "corpus" / "real" / "docx",
            ROOT.parent / "shared" / "corpus" / "seeds",
            ROOT / "corpus", ROOT.parent / "shared" / "corpus" / "generated"]


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--save")
    ap.add_argument("--check")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--profile")
    args = ap.parse_args(argv)
    from extractor.bulk import iter_files
    from extractor.deadlines import extract_deadlines
    from extractor.assignments import extract_assignments
    from extractor.normalise import normalise
    from extractor.readers import read
    from extractor.segment import segment

    paths = args.paths or [str(p) for p in DEFAULTS]
    files = [f for f in iter_files(paths) if Path(f).suffix.lower() in (".txt", ".md", ".html", ".htm", ".docx")]
    inputs = []
    for f in files:
        raw = read(f)
        seg = segment(raw, normalise(raw))
        inputs.append((str(Path(f).resolve()), seg, extract_deadlines(seg)))
    n = len(inputs)
    real = [i for i, (f, _, _) in enumerate(inputs) if "/real/text/" in f]
    best = None
    results = {}
    prof = cProfile.Profile() if args.profile else None
    for _ in range(args.repeat):
        t_all = t_real = 0.0
        if prof:
            prof.enable()
        for i, (f, seg, dls) in enumerate(inputs):
            t0 = time.process_time()
            out = extract_assignments(seg, dls)
            dt = time.process_time() - t0
            t_all += dt
            if "/real/text/" in f:
                t_real += dt
            results[f] = [asdict(a) for a in out]
        if prof:
            prof.disable()
        best = min(best or (t_all, t_real), (t_all, t_real))
    print(f"assignments  {1000 * best[1] / max(1, len(real)):6.2f} ms/doc over {len(real)} real/text documents"
          f" ({1000 * best[0] / n:.2f} ms/doc over all {n})")
    if prof:
        prof.dump_stats(args.profile)
    if args.save:
        with open(args.save, "wb") as fh:
            pickle.dump(results, fh)
        print(f"saved {sum(map(len, results.values()))} assignments to {args.save}")
    if args.check:
        with open(args.check, "rb") as fh:
            ref = {str(Path(k).resolve()): v for k, v in pickle.load(fh).items()}
        if args.paths:      # a subset of the reference's documents
            ref = {k: v for k, v in ref.items() if k in results}
        bad = 0
        for f in sorted(set(ref) | set(results)):
            if ref.get(f) != results.get(f):
                bad += 1
                if bad <= 5:
                    a, b = ref.get(f) or [], results.get(f) or []
                    print(f"DIFF {f}: {len(a)} vs {len(b)} assignments")
                    for x, y in zip(a, b):
                        if x != y:
                            print("  ref:", x)
                            print("  new:", y)
                            break
        print("identical" if not bad else f"{bad} document(s) differ")
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
