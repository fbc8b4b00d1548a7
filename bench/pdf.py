"""Benchmark PDF reading: text-layer pages per second in one process, OCR pages separately.

usage: python bench/pdf.py [FOLDER ...]   (default: ../shared/corpus/real/pdf and ../shared/corpus/generated)

Every PDF is read once to warm up imports, then timed: text-layer pages (read by pypdfium2 and
laid out) and OCR pages (no usable text layer, Tesseract `vie` with one thread) are counted
apart, by the page methods the reader reports. The page mix (pages with ruled tables, with
running headers dropped) is printed with the rates. Reading only, and reading plus the whole
pipeline (segmenting and extraction), are both given.
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
    text = {"pages": 0, "read": 0.0, "parse": 0.0, "tables": 0}
    ocr = {"pages": 0, "read": 0.0, "files": 0}
    for path in files:
        started = time.perf_counter()
        raw = read(path)
        took = time.perf_counter() - started
        n_ocr = sum(p.method == "ocr" for p in raw.pages)
        if n_ocr:
            # a file with scanned pages: its time is OCR time (the text pages in it are a rounding error)
            ocr["pages"] += n_ocr
            ocr["read"] += took
            ocr["files"] += 1
            continue
        started = time.perf_counter()
        build(raw)
        text["parse"] += time.perf_counter() - started
        text["pages"] += len(raw.pages)
        text["read"] += took
        text["tables"] += len({t.page for t in raw.tables})
    print(f"{len(files)} PDF files")
    print(f"text-layer pages: {text['pages']} ({text['tables']} with ruled tables) in "
          f"{len(files) - ocr['files']} files")
    print(f"  reading: {text['pages'] / text['read']:.0f} pages/s per process ({text['read']:.1f} s)")
    print(f"  reading + pipeline: {text['pages'] / (text['read'] + text['parse']):.0f} pages/s per process")
    if ocr["pages"]:
        print(f"OCR pages: {ocr['pages']} in {ocr['files']} files: {ocr['read'] / ocr['pages']:.1f} s/page "
              f"({ocr['pages'] / ocr['read'] * 60:.0f} pages/min per process)")


if __name__ == "__main__":
    main(sys.argv[1:] or [str(p) for p in DEFAULT])
