"""Benchmark PDF reading: text-layer pages per second in one process, OCR pages separately.

usage: python bench/pdf.py [FOLDER ...]   (default: ../shared/corpus/real/pdf and ../shared/corpus/generated)

The first PDF is read once to warm up imports, then every file is timed and put in a group by
the page methods the reader reports: text layer (no page OCR'd: pypdfium2 text laid out, ruled
tables found), scanned (every page OCR'd by Tesseract `vie`, one thread) and mixed (a text
layer with some image pages, such as a scanned cover). The page mix (OCR'd pages, pages with
ruled tables) is printed with the rates of reading alone and of reading plus the pipeline.
"""
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT = [SHARED / "real" / "pdf", SHARED / "generated"]


def main(folders):
    from extractor.pipeline import build
    from extractor.readers import read
    files = sorted(p for f in map(Path, folders) for p in f.glob("*.pdf"))
    read(files[0])                                  # imports and first-use caches
    groups = {kind: {"files": 0, "pages": 0, "ocr": 0, "read": 0.0, "parse": 0.0, "tables": 0}
              for kind in ("text layer", "mixed", "scanned")}
    for path in files:
        started = time.perf_counter()
        raw = read(path)
        took = time.perf_counter() - started
        n_ocr = sum(p.method == "ocr" for p in raw.pages)
        kind = "text layer" if not n_ocr else "scanned" if n_ocr == len(raw.pages) else "mixed"
        g = groups[kind]
        started = time.perf_counter()
        build(raw)
        g["parse"] += time.perf_counter() - started
        g["files"] += 1
        g["pages"] += len(raw.pages)
        g["ocr"] += n_ocr
        g["read"] += took
        g["tables"] += len({t.page for t in raw.tables})
    print(f"{len(files)} PDF files")
    for kind, g in groups.items():
        if not g["files"]:
            continue
        print(f"{kind}: {g['files']} files, {g['pages']} pages ({g['ocr']} OCR'd, {g['tables']} with ruled tables)")
        print(f"  reading {g['pages'] / g['read']:.1f} pages/s per process ({g['read']:.1f} s); "
              f"with the pipeline {g['pages'] / (g['read'] + g['parse']):.1f} pages/s")
        if g["ocr"] and kind == "scanned":
            print(f"  OCR: {g['read'] / g['ocr']:.1f} s a page")


if __name__ == "__main__":
    main(sys.argv[1:] or [str(p) for p in DEFAULT])
