"""vnlegal: structured records from Vietnamese legal and policy documents."""
from __future__ import annotations

__version__ = "0.1.0"

from .models import Document  # noqa: E402
from .readers import ReadError  # noqa: E402


def parse(source, *, text: bool = False) -> Document:
    """Parse a file (PDF, DOCX, TXT/MD, HTML) or a string of text into a ``Document``."""
    from .pipeline import parse as _parse
    return _parse(source, text=text)


def extract_folder(paths, db, *, jobs=None, force=False, timeout=120.0, progress=False):
    """Extract every supported file under paths into the SQLite database db; returns a Summary."""
    from .bulk import extract_folder as _extract_folder
    return _extract_folder(paths, db, jobs=jobs, force=force, timeout=timeout, progress=progress)


def open_db(path):
    """Open (creating or migrating) a vnlegal database: a sqlite_utils.Database."""
    from .store import open_db as _open_db
    return _open_db(path)


def search(db, query, limit=20):
    from .store import search as _search
    return _search(db, query, limit)


def tasks(db, agency=None, due_before=None, role=None):
    from .store import tasks as _tasks
    return _tasks(db, agency=agency, due_before=due_before, role=role)


def graph(db, number, province=None):
    from .store import graph as _graph
    return _graph(db, number, province=province)


__all__ = ["parse", "Document", "ReadError", "extract_folder", "open_db", "search", "tasks", "graph",
           "__version__"]
