"""Bulk runs: a folder of documents into one database.

Workers parse in parallel processes; the main process is the only writer and stores each
document in its own transaction, so an interrupted run loses nothing that was finished
and the next run continues where it stopped (stored files are skipped).
"""
from __future__ import annotations

import gc
import hashlib
import os
import signal
import sys
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .version import extractor_version
from .readers import SUPPORTED, ReadError, path_text


@dataclass
class Summary:
    documents: int = 0
    skipped: int = 0
    copies: int = 0         # new files whose bytes are a stored document's: recorded, not extracted again
    failed: int = 0
    pages: int = 0
    entities: dict = field(default_factory=lambda: {"sections": 0, "citations": 0, "deadlines": 0,
                                                   "assignments": 0, "targets": 0})
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        ents = ", ".join(f"{v} {k}" for k, v in self.entities.items())
        rate = self.documents / self.seconds if self.seconds else 0.0
        copies = f"{self.copies} copies of stored files, " if self.copies else ""
        return (f"{self.documents} document(s) stored, {self.skipped} unchanged, {copies}{self.failed} failed; "
                f"{self.pages} page(s); {ents}; {self.seconds:.1f} s ({rate:.0f} docs/s)")


def iter_files(paths: Iterable) -> list[Path]:
    """Files named directly, and supported files found recursively in folders."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = []
            for folder, dirs, names in os.walk(p, followlinks=True):   # linked folders count too
                # but not a link back to a folder the walk is inside: it would list it again and again
                here = os.path.realpath(folder)
                dirs[:] = [d for d in dirs if not _encloses(os.path.realpath(os.path.join(folder, d)), here)]
                found.extend(Path(folder) / n for n in names if Path(n).suffix.lower() in SUPPORTED)
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


def _encloses(outer: str, inner: str) -> bool:
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


# ----------------------------------------------------------------- worker side
class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def _init_worker() -> None:
    # one OCR thread per process, so parallel runs do not oversubscribe the cores
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the stages' modules and compiled patterns live as long as the worker: once loaded, they
    # are moved out of the collector's view so no full collection walks them again; and as a
    # document makes hundreds of thousands of short-lived objects, the young generation is
    # collected less often (a little memory for the time of many small collections)
    from . import assignments, citations, deadlines, pipeline, readers, store, tables, targets  # noqa: F401
    gc.freeze()
    gc.set_threshold(20000, *gc.get_threshold()[1:])


def parse_file(path: str, timeout: float = 0) -> tuple[str, Optional[dict], Optional[str], Optional[str]]:
    """(path, rows, error stage, error message): never raises, so one bad file cannot stop a run.

    The rows are the record already turned into database rows (store.prepare), so the
    writer process, the one that cannot run in parallel, only inserts them."""
    from .pipeline import extract, segment_raw
    from .readers import read
    from .store import prepare
    use_alarm = timeout > 0 and hasattr(signal, "SIGALRM")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        seg = segment_raw(read(Path(path)))          # what pipeline.parse does with a path
        # the folded text the extractors used is the one the store indexes: fold it once
        return path, prepare(extract(seg).to_dict(), folded=seg.norm.fold), None, None
    except ReadError as e:
        return path, None, "read", e.reason
    except _Timeout:
        return path, None, "timeout", f"stopped after {timeout:g} s"
    except Exception as e:  # a bug on one document must not end the batch
        return path, None, "extract", f"{type(e).__name__}: {e}"
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


# ----------------------------------------------------------------- main side
def extract_folder(paths, db, *, jobs: Optional[int] = None, force: bool = False, timeout: float = 120.0,
                   progress: bool = True) -> Summary:
    """Extract every supported file under paths into the database db (path or Database)."""
    from . import store
    database = db if hasattr(db, "execute") else store.open_db(db)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    started = time.perf_counter()
    summary = Summary()
    copies: list[tuple[str, str]] = []
    todo = _pending(database, iter_files(paths), force, summary, copies)
    jobs = jobs or os.cpu_count() or 1
    try:
        with _Progress(len(todo), progress) as bar:
            _run(database, todo, jobs, timeout, summary, bar)
            # a file taken as a copy of one whose bytes changed in this very run is a
            # document of its own now
            version = extractor_version()
            orphans = [path for path, sha in copies if store.stored_content(database, sha, version) is None]
            summary.copies -= len(orphans)
            _run(database, orphans, jobs, timeout, summary, bar)
    except KeyboardInterrupt as e:
        # what is stored stays (the document being stored was rolled back); the caller may
        # report how far the run got
        e.summary = summary
        raise
    finally:
        summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _run(db, todo: list[str], jobs: int, timeout: float, summary: Summary, bar) -> None:
    for path, rows, stage, message in _results(todo, jobs, timeout):
        _store_result(db, path, rows, stage, message, summary)
        bar.advance()


def _pending(db, files: list[Path], force: bool, summary: Summary, copies: list) -> list[str]:
    """Files that need extracting. Stored files left unchanged are counted as skipped without
    parsing; a new file whose bytes are a stored document's, or those of a file queued
    before it, is recorded as a copy of it (table copies, and (path, sha256) in copies) and
    not extracted again: the same document downloaded twice would otherwise be counted twice."""
    from . import store
    todo = []
    known = {row[0] for row in db.execute("SELECT path FROM documents")}
    version = extractor_version()
    queued: set[str] = set()        # the sha256 of the new files queued in this run
    for f in files:
        path, key = str(f), path_text(f)        # the name to open, the name stored
        try:
            st = f.stat()
        except OSError:
            todo.append(path)                   # reading it will say what is wrong
            continue
        if key in known:
            if not force and _unchanged(db, f, key, st, version):
                summary.skipped += 1
            else:
                todo.append(path)
            continue
        sha = _copy_of_stored(db, f, key, st, version, force, queued)
        if sha:
            copies.append((path, sha))
            summary.copies += 1
        else:
            todo.append(path)
    return todo


def _copy_of_stored(db, f: Path, key: str, st: os.stat_result, version: str, force: bool,
                    queued: set) -> Optional[str]:
    """For a file not stored under its own name: the sha256 of the stored document (or the
    file queued before it) that has its bytes, after recording it as a copy; else None,
    and it joins the queued."""
    from . import store
    sha = None if force else store.current_copy(db, key, st.st_size, st.st_mtime, version)
    if sha:
        return sha
    sha = _sha256(f)
    if sha and (sha in queued or store.stored_content(db, sha, version) is not None):
        store.record_copy(db, key, sha, st.st_size, st.st_mtime)
        return sha
    queued.add(sha or key)
    return None


def _unchanged(db, f: Path, key: str, st: os.stat_result, version: str) -> bool:
    """A stored file whose size and mtime, or failing those its bytes, are as stored."""
    from . import store
    if store.is_current(db, key, st.st_size, st.st_mtime, version):
        return True
    if store.same_content(db, key, _sha256(f), version):
        store.touch(db, key, st.st_size, st.st_mtime)
        return True
    return False


def _sha256(path: Path) -> Optional[str]:
    """The file's digest; None when it cannot be read (reading it will say why)."""
    h = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _results(todo: list[str], jobs: int, timeout: float):
    if jobs <= 1 or len(todo) <= 1:
        for path in todo:
            yield parse_file(path, timeout)
        return
    # largest first: a big file started near the end would keep one core busy while the others idle
    queue = deque(sorted(todo, key=_size, reverse=True))
    while queue:
        # a bounded window of work in flight keeps memory flat however many files there are
        lost, _ = yield from _pooled(queue, jobs, jobs * 4, timeout)
        # a worker died (killed, out of memory, a crash in a C library) or hung where the time
        # limit cannot reach, and took the pool with it: the files it had in flight run again
        # one at a time, so a file that kills or hangs its worker again is known and recorded,
        # and the others are stored
        suspects = deque(lost)
        while suspects:
            lost, hung = yield from _pooled(suspects, 1, 1, timeout)
            for path in lost:
                yield ((path, None, "timeout", f"stopped after {timeout:g} s: the worker did not answer and was killed")
                       if hung else (path, None, "crash", "the worker process died while extracting this file"))


def _pooled(queue: deque, jobs: int, window: int, timeout: float):
    """Yield the results of the files of queue (taken from it as they are submitted) from a
    new pool of jobs workers. Return (the files in flight if the pool broke, else [];
    whether it broke because the watchdog killed a hung worker)."""
    hung = False
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker)
    try:
        pending: dict = {}
        watch = _Watchdog(timeout)
        while queue or pending:
            while queue and len(pending) < window:
                try:
                    fut = pool.submit(parse_file, queue[0], timeout)
                except BrokenProcessPool:
                    return list(pending.values()), hung
                pending[fut] = queue.popleft()
            done, _ = wait(pending, timeout=watch.tick, return_when=FIRST_COMPLETED)
            for fut in done:
                path = pending.pop(fut)
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    return [path, *pending.values()], hung
                yield result
            if watch.overdue(pending):
                hung = True
                _kill_workers(pool)
        return [], hung
    except BaseException:
        # Ctrl-C, or the caller stopped early: the files in flight are not waited for (a
        # scanned PDF being OCR'd could hold the exit for minutes); nothing of them is stored
        _kill_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _Watchdog:
    """The time limit inside a worker is an alarm signal, which code stuck in a C library
    (a PDF renderer's loop, say) never sees. A file in a worker's hands for more than twice
    the limit (once for the file queued before it, once for its own) and a second is hung."""

    def __init__(self, timeout: float):
        self.limit = 2 * timeout + 1 if timeout > 0 else None
        self.tick = 1.0 if self.limit else None
        self.since: dict = {}

    def overdue(self, pending: dict) -> bool:
        if self.limit is None:
            return False
        now = time.monotonic()
        self.since = {f: self.since.get(f, now) for f in pending if f.running()}
        return any(now - t > self.limit for t in self.since.values())


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    # the executor has no public way to stop a worker that is busy; killing its processes
    # breaks the pool, which the caller handles as for a crash
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.kill()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _store_result(db, path: str, rows, stage, message, summary: Summary) -> None:
    from . import store
    key = path_text(path)
    if rows is None:
        store.record_error(db, key, stage or "extract", message or "unknown error")
        summary.failed += 1
        return
    try:
        st = os.stat(path)
        store.store_rows(db, rows, path=key, size=st.st_size, mtime=st.st_mtime)
    except Exception as e:  # keep the run going; the document's transaction was rolled back
        store.record_error(db, key, "store", f"{type(e).__name__}: {e}")
        summary.failed += 1
        return
    summary.documents += 1
    summary.pages += rows["pages"]
    for key in summary.entities:
        summary.entities[key] += len(rows[key])


class _Progress:
    """A rich progress bar with counts, rate and ETA on a terminal; silent otherwise."""

    def __init__(self, total: int, wanted: bool):
        self.total = total
        self.bar = None
        if wanted and sys.stderr.isatty() and total:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            from rich.text import Text

            class Rate(ProgressColumn):
                def render(self, task):
                    return Text(f"{task.speed or 0:.0f} docs/s")

            self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), Rate(),
                                TimeElapsedColumn(), TimeRemainingColumn(), console=Console(stderr=True))

    def __enter__(self):
        if self.bar:
            self.bar.start()
            self.task = self.bar.add_task("extract", total=self.total)
        return self

    def advance(self) -> None:
        if self.bar:
            self.bar.advance(self.task)

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()
        return False
