"""Benchmark the main job: a folder into a fresh database.

usage: python bench/run.py [CORPUS] [--repeat N]

Runs `extract_folder` with --jobs 1 and --jobs 2 into fresh databases, then re-runs over
the unchanged folder, and (with --repeat N) over a folder of N distinct copies of the
corpus to show memory does not grow with the number of documents. Peak memory is the
maximum resident size of this process and its workers (ru_maxrss of self and children);
CPU is their user and system time per stored document.
"""
import argparse
import glob
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "real" / "text"


def run(folder: Path, db: Path, jobs: int) -> dict:
    """One run in a child process, so its peak memory is measured on its own."""
    code = ("import json, resource, sys, time; from extractor.bulk import extract_folder; "
            f"s = extract_folder({str(folder)!r}, {str(db)!r}, jobs={jobs}, progress=False); "
            "peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
            "cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) "
            "for f in ('ru_utime', 'ru_stime')); "
            "print(json.dumps({'summary': s.to_dict(), 'peak_mb': peak / 1024, 'cpu': cpu}))")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    samples = []                      # (seconds, writer MB, largest worker MB) while it runs
    while proc.poll() is None:
        samples.append((time.perf_counter() - started, _rss_mb(proc.pid),
                        max((_rss_mb(k) for k in _children(proc.pid)), default=0.0)))
        time.sleep(0.25)
    stdout = proc.stdout.read()
    if proc.returncode:
        raise SystemExit(f"the run failed ({proc.returncode})")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    result["memory"] = _memory_by_quarter(samples, result["wall"])
    s = result["summary"]
    result["docs_per_s"] = s["documents"] / s["seconds"] if s["seconds"] else 0.0
    # CPU of the writer and its workers per document (startup included): what the rate on
    # an otherwise idle machine is bound by, whatever else runs while measuring
    result["cpu_ms"] = 1000 * result["cpu"] / s["documents"] if s["documents"] else 0.0
    return result


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0.0


def _children(pid: int) -> list[int]:
    return [int(c) for task in glob.glob(f"/proc/{pid}/task/*/children") for c in open(task).read().split()]


def _memory_by_quarter(samples: list[tuple], wall: float) -> str:
    """The writer's and the largest worker's resident memory, highest in each quarter of
    the run: flat quarters show memory does not grow with the number of documents."""
    quarters = []
    for q in range(4):
        inside = [s for s in samples if q * wall / 4 <= s[0] < (q + 1) * wall / 4]
        if inside:
            quarters.append(f"{max(s[1] for s in inside):.0f}/{max(s[2] for s in inside):.0f}")
    return " ".join(quarters) + " MB (writer/worker, by quarter)"


def repeated(corpus: Path, n: int, into: Path) -> Path:
    """N copies of the corpus that are N sets of documents: identical bytes would be stored
    once (the copies table), so each copy of a text file ends in its own number of newlines,
    which the reading drops; other files are linked (and so stored once)."""
    for i in range(n):
        for f in corpus.rglob("*"):
            if not f.is_file():
                continue
            out = into / f"copy{i:02d}" / f.relative_to(corpus)
            out.parent.mkdir(parents=True, exist_ok=True)
            if f.suffix.lower() in (".txt", ".md", ".html", ".htm"):
                out.write_bytes(f.read_bytes() + b"\n" * (i + 1))
            else:
                out.symlink_to(f)
    return into


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=0, help="also run over N copies of the corpus")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        one = run(corpus, tmp / "j1.db", 1)
        two = run(corpus, tmp / "j2.db", 2)
        again = run(corpus, tmp / "j2.db", 2)
        print(f"corpus: {corpus} ({one['summary']['documents']} documents)")
        print(f"--jobs 1: {one['docs_per_s']:.0f} docs/s, {one['summary']['seconds']:.1f} s, peak {one['peak_mb']:.0f} MB, "
              f"CPU {one['cpu_ms']:.1f} ms/doc")
        print(f"--jobs 2: {two['docs_per_s']:.0f} docs/s, {two['summary']['seconds']:.1f} s, peak {two['peak_mb']:.0f} MB, "
              f"CPU {two['cpu_ms']:.1f} ms/doc  (speed-up {two['docs_per_s'] / max(one['docs_per_s'], 1e-9):.2f}x)")
        print(f"  memory over that run: {two['memory']}")
        print(f"re-run unchanged: {again['summary']['seconds']:.2f} s "
              f"({100 * again['summary']['seconds'] / max(two['summary']['seconds'], 1e-9):.1f}% of the first run), "
              f"{again['summary']['skipped']} skipped")
        if args.repeat:
            (tmp / "big").mkdir()
            many = run(repeated(corpus, args.repeat, tmp / "big"), tmp / "big.db", 2)
            print(f"{args.repeat}x corpus --jobs 2: {many['summary']['documents']} documents "
                  f"({many['summary']['copies']} copies of stored files), "
                  f"{many['docs_per_s']:.0f} docs/s, peak {many['peak_mb']:.0f} MB, CPU {many['cpu_ms']:.1f} ms/doc")
            print(f"  memory over that run: {many['memory']}")


if __name__ == "__main__":
    main()
