"""CPU time per pipeline stage, in ms per document, on one core.

usage: python bench/stages.py [CORPUS] [--store] [--profile OUT.prof]

Reads every file once, then times normalise, segment and each extractor with
time.process_time (CPU time, so other load on the machine matters less); with --store
also to_dict, store.prepare (both in the worker of a bulk run), pickling the rows (what a
worker sends the writer) and store.store_rows into a fresh database (the writer). --profile writes a cProfile of the whole loop.
"""
import argparse
import cProfile
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "corpus" / "real" / "text"


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--store", action="store_true")
    ap.add_argument("--profile")
    args = ap.parse_args(argv)
    from extractor import pipeline, store
    from extractor.version import extractor_version
    from extractor.bulk import iter_files
    from extractor.citations import extract_citations
    from extractor.deadlines import extract_deadlines
    from extractor.assignments import extract_assignments
    from extractor.targets import extract_targets
    from extractor.normalise import normalise
    from extractor.readers import read
    from extractor.segment import segment
    from extractor.models import Document

    files = iter_files([args.corpus])
    times = defaultdict(float)
    clock = time.process_time
    tmp = tempfile.TemporaryDirectory()
    db = store.open_db(Path(tmp.name) / "t.db") if args.store else None
    prof = cProfile.Profile() if args.profile else None
    if prof:
        prof.enable()
    for f in files:
        t0 = clock(); raw = read(f)
        t1 = clock(); norm = normalise(raw)
        t2 = clock(); seg = segment(raw, norm)
        t3 = clock(); deadlines = extract_deadlines(seg)
        t4 = clock(); citations = extract_citations(seg)
        t5 = clock(); assignments = extract_assignments(seg, deadlines)
        t6 = clock(); targets = extract_targets(seg)
        t7 = clock()
        for name, a, b in (("read", t0, t1), ("normalise", t1, t2), ("segment", t2, t3), ("deadlines", t3, t4),
                           ("citations", t4, t5), ("assignments", t5, t6), ("targets", t6, t7)):
            times[name] += b - a
        if db is not None:
            doc = Document(source={"path": str(f), "sha256": raw.sha256, "format": raw.format, "pages": None,
                                   "ocr": False, "ocr_pages": [], "extractor_version": extractor_version()},
                           text=seg.text, metadata=seg.metadata, sections=seg.sections, citations=citations,
                           deadlines=deadlines, assignments=assignments, targets=targets)
            # what a bulk run does: the worker prepares the rows, they cross to the writer
            t8 = clock(); record = doc.to_dict()
            t9 = clock(); rows = store.prepare(record, folded=seg.norm.fold)
            t10 = clock(); rows = pickle.loads(pickle.dumps(rows))
            t11 = clock(); store.store_rows(db, rows, path=str(f), size=1, mtime=1.0)
            t12 = clock()
            times["to_dict"] += t9 - t8
            times["prepare"] += t10 - t9
            times["pickle"] += t11 - t10
            times["store"] += t12 - t11
    if prof:
        prof.disable()
        prof.dump_stats(args.profile)
    n = len(files)
    total = 0.0
    for name, t in times.items():
        print(f"{name:12s} {1000 * t / n:6.2f} ms/doc")
        total += t
    print(f"{'total':12s} {1000 * total / n:6.2f} ms/doc over {n} documents")


if __name__ == "__main__":
    main()
