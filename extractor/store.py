"""The SQLite database: schema, migrations, storing records, the citation graph, queries.

Built on sqlite-utils. Every entity row keeps its document, section, span and page.
One document is stored in one transaction, so a crash never leaves half a document.
"""
from __future__ import annotations

import datetime as _dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

import regex
import sqlite_utils

from . import lexicon
from .normalise import fold

SCHEMA_VERSION = 8

TABLES: dict[str, dict[str, Any]] = {
    "documents": dict(columns={
        "id": int, "path": str, "sha256": str, "size": int, "mtime": float, "format": str, "pages": int,
        "ocr": int, "extractor_version": str, "extracted_at": str, "doc_type": str, "number": str,
        "number_key": str, "issuer": str, "place": str, "issued_date": str, "title": str, "title_fold": str,
        "name_key": str, "effective_date": str, "effective_text": str, "signers": str, "recipients": str,
        "text": str, "number_source": str, "scope": str}, pk="id"),
    "sections": dict(columns={
        "id": int, "document_id": int, "sid": str, "parent_id": int, "label": str, "kind": str, "title": str,
        "start": int, "end": int, "page": int, "body": str, "body_fold": str}, pk="id"),
    "citations": dict(columns={
        "id": int, "document_id": int, "section_id": int, "text": str, "doc_type": str, "number": str,
        "number_key": str, "name": str, "name_key": str, "issued_date": str, "issuer": str, "title": str,
        "relation": str, "pinpoint": str, "start": int, "end": int, "page": int, "cited_document_id": int,
        "scope": str}, pk="id"),
    "deadlines": dict(columns={
        "id": int, "document_id": int, "section_id": int, "idx": int, "text": str, "due": str,
        "recurrence": str, "within_days": int, "working_days": int, "start": int, "end": int, "page": int},
        pk="id"),
    "assignments": dict(columns={
        "id": int, "document_id": int, "section_id": int, "task": str, "deadline_id": int,
        "start": int, "end": int, "page": int}, pk="id"),
    "agencies": dict(columns={"id": int, "name": str, "name_key": str, "kind": str, "level": str,
                              "aliases": str}, pk="id"),
    "assignment_agencies": dict(columns={"assignment_id": int, "agency_id": int, "role": str},
                                pk=("assignment_id", "agency_id", "role")),
    "targets": dict(columns={
        "id": int, "document_id": int, "section_id": int, "text": str, "indicator": str, "value": float,
        "min": float, "max": float, "unit": str, "comparator": str, "year": str, "period": str,
        "baseline": str, "value_normalized": float, "min_normalized": float, "max_normalized": float,
        "unit_base": str, "start": int, "end": int, "page": int}, pk="id"),
    "tables": dict(columns={"id": int, "document_id": int, "section_id": int, "page": int, "rows": str,
                            "start": int, "end": int, "kind": str, "cells": str}, pk="id"),
    "errors": dict(columns={"id": int, "path": str, "stage": str, "message": str, "at": str}, pk="id"),
    "copies": dict(columns={"path": str, "sha256": str, "size": int, "mtime": float, "seen_at": str}, pk="path"),
}
CHILD_TABLES = ["sections", "citations", "deadlines", "assignments", "targets", "tables"]
FOREIGN_KEYS = {
    "sections": [("document_id", "documents", "id")],
    "citations": [("document_id", "documents", "id")],
    "deadlines": [("document_id", "documents", "id")],
    "assignments": [("document_id", "documents", "id")],
    "targets": [("document_id", "documents", "id")],
    "tables": [("document_id", "documents", "id")],
}
INDEXES = [
    ("documents", ["path"], True), ("documents", ["number_key"], False), ("documents", ["sha256"], False),
    ("sections", ["document_id"], False), ("citations", ["document_id"], False),
    ("citations", ["number_key"], False), ("citations", ["cited_document_id"], False),
    ("citations", ["name_key"], False), ("documents", ["name_key"], False),
    ("deadlines", ["document_id"], False), ("assignments", ["document_id"], False),
    ("targets", ["document_id"], False), ("tables", ["document_id"], False),
    ("agencies", ["name_key"], True), ("assignment_agencies", ["agency_id"], False),
]

VIEWS = {
    "citation_graph": """
        SELECT c.id AS citation_id, c.relation, src.id AS citing_id, src.number AS citing_number,
               src.title AS citing_title, c.number AS cited_number, c.name AS cited_name,
               c.cited_document_id AS cited_id, dst.title AS cited_title, c.pinpoint, c.text
        FROM citations c JOIN documents src ON src.id = c.document_id
        LEFT JOIN documents dst ON dst.id = c.cited_document_id""",
    "cites": """SELECT citing_id, citing_number, relation, cited_number, cited_name, cited_id, cited_title
                FROM citation_graph""",
    "cited_by": """SELECT cited_id, cited_number, relation, citing_id, citing_number, citing_title
                   FROM citation_graph WHERE cited_id IS NOT NULL""",
    "tasks": """
        SELECT ag.name AS agency, aa.role, a.task, d.due, d.recurrence, doc.number AS document_number,
               doc.title AS document_title, doc.id AS document_id, a.id AS assignment_id, a.page
        FROM assignments a JOIN assignment_agencies aa ON aa.assignment_id = a.id
        JOIN agencies ag ON ag.id = aa.agency_id JOIN documents doc ON doc.id = a.document_id
        LEFT JOIN deadlines d ON d.id = a.deadline_id""",
    "targets_by_indicator": """
        SELECT t.indicator, t.year, t.value, t.min, t.max, t.unit, t.comparator, t.period,
               doc.issuer, doc.number AS document_number, doc.id AS document_id
        FROM targets t JOIN documents doc ON doc.id = t.document_id ORDER BY t.indicator, t.year""",
}
RELATIONS = ["basis", "implements", "amends", "replaces", "repeals", "guides", "references"]


# ----------------------------------------------------------------- opening and migrating
def open_db(path) -> sqlite_utils.Database:
    """Open (and create or migrate) a vnlegal database."""
    db = sqlite_utils.Database(str(path))
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db


def schema_version(db: sqlite_utils.Database) -> int:
    if "_meta" not in db.table_names():
        return 0
    row = db.execute("SELECT value FROM _meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the schema to SCHEMA_VERSION, one step at a time."""
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"database schema {version} is newer than this vnlegal ({SCHEMA_VERSION})")
    steps = {1: _create_v1, 2: _index_without_insert_triggers, 3: _tables_kind_and_number_source,
             4: _agencies_from_lexicon, 5: _deadline_working_days,
             6: _errors_one_per_file, 7: _citation_scopes, 8: _copies}
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with db.conn:
            steps[target](db)
            db["_meta"].upsert({"key": "schema_version", "value": str(target)}, pk="key")


def _create_v1(db: sqlite_utils.Database) -> None:
    for name, spec in TABLES.items():
        db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=FOREIGN_KEYS.get(name), if_not_exists=True)
    for table, cols, unique in INDEXES:
        db[table].create_index(cols, unique=unique, if_not_exists=True)
    # full-text search: printed and diacritic-folded text, kept in step by triggers
    # only the folded text is indexed: a query is folded too, so it matches with or without diacritics
    db["sections"].enable_fts(["body_fold"], create_triggers=True, replace=True)
    db["documents"].enable_fts(["title_fold"], create_triggers=True, replace=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)
    for rel in RELATIONS:
        db.create_view(f"cites_{rel}", f"SELECT * FROM citation_graph WHERE relation = '{rel}'", replace=True)


def _index_without_insert_triggers(db: sqlite_utils.Database) -> None:
    """Version 2: storing a document writes its full-text rows itself (see store_rows);
    the delete and update triggers stay, so replacing or touching rows keeps the index in step."""
    db.execute("DROP TRIGGER IF EXISTS [sections_ai]")
    db.execute("DROP TRIGGER IF EXISTS [documents_ai]")


def _tables_kind_and_number_source(db: sqlite_utils.Database) -> None:
    """Version 3: a table's kind (tasks, targets, layout) and cell spans; where a document's
    number comes from (the text, or the file name when the printed one is blank)."""
    for table, column in (("tables", "kind"), ("tables", "cells"), ("documents", "number_source")):
        if column not in db[table].columns_dict:
            db[table].add_column(column, str)


def _agencies_from_lexicon(db: sqlite_utils.Database) -> None:
    """Version 4: agencies the lexicon knows take its level and aliases (see _agency_row)."""
    for id_, name, key in db.execute("SELECT id, name, name_key FROM agencies").fetchall():
        row = _agency_row(name, key)
        db.execute("UPDATE agencies SET kind = ?, level = ?, aliases = ? WHERE id = ?",
                   [row["kind"], row["level"], row["aliases"], id_])


def _deadline_working_days(db: sqlite_utils.Database) -> None:
    """Version 5: whether a deadline's within_days are working days (null for rows stored before)."""
    if "working_days" not in db["deadlines"].columns_dict:
        db["deadlines"].add_column("working_days", int)


def _errors_one_per_file(db: sqlite_utils.Database) -> None:
    """Version 6: errors holds the latest failure of each file not stored since (a failing file
    added a row at every run, and a row stayed after the file was stored): older rows of a
    file and rows older than its stored document go, and errors are indexed by path."""
    db.execute("DELETE FROM errors WHERE id NOT IN (SELECT max(id) FROM errors GROUP BY path)")
    db.execute("DELETE FROM errors WHERE EXISTS (SELECT 1 FROM documents d WHERE d.path = errors.path "
               "AND d.extracted_at >= errors.at)")
    db["errors"].create_index(["path"], if_not_exists=True)


def _citation_scopes(db: sqlite_utils.Database) -> None:
    """Version 7: the province of local documents and of the documents citations name
    (`scope`), and every citation resolved again (see _choose and _choose_by_name)."""
    for table in ("documents", "citations"):
        if "scope" not in db[table].columns_dict:
            db[table].add_column("scope", str)
    scopes = {}
    for id_, number, issuer, place in db.execute("SELECT id, number, issuer, place FROM documents").fetchall():
        scopes[id_] = document_scope(number, issuer, place)
    db.conn.executemany("UPDATE documents SET scope = ? WHERE id = ?", [(v, k) for k, v in scopes.items()])
    db.conn.executemany("UPDATE citations SET scope = ? WHERE id = ?", [
        (cited_scope(number, issuer, scopes.get(doc)), id_)
        for id_, doc, number, issuer in db.execute("SELECT id, document_id, number, issuer FROM citations").fetchall()])
    for (key,) in db.execute("SELECT DISTINCT number_key FROM citations WHERE number_key IS NOT NULL").fetchall():
        _resolve_number(db, key)
    for (key,) in db.execute("SELECT DISTINCT name_key FROM citations WHERE number_key IS NULL "
                             "AND name_key IS NOT NULL").fetchall():
        _resolve_name(db, key)


def _copies(db: sqlite_utils.Database) -> None:
    """Version 8: files whose bytes are a stored document's, kept once (`copies`), and every
    file of each document (`document_files`)."""
    db["copies"].create(TABLES["copies"]["columns"], pk="path", if_not_exists=True)
    db["copies"].create_index(["sha256"], if_not_exists=True)
    db.create_view("document_files", """
        SELECT id AS document_id, path, 'stored' AS role FROM documents
        UNION ALL SELECT d.id, c.path, 'copy' FROM copies c JOIN documents d ON d.sha256 = c.sha256""",
                   replace=True)


# ----------------------------------------------------------------- keys
_SPACES = regex.compile(r"\s+")
_NOT_WORD = regex.compile(r"[^\w ]+")


def number_key(number: Optional[str]) -> Optional[str]:
    if not number:
        return None
    return _SPACES.sub("", number).upper().replace("Đ", "D").replace("–", "-").strip(".;,")


def name_key(doc_type: Optional[str], name: Optional[str]) -> Optional[str]:
    """'Luật Đất đai' and a Luật titled 'ĐẤT ĐAI' share the key 'luat dat dai'."""
    if not name:
        return None
    key = " ".join(_NOT_WORD.sub(" ", fold(name)).split())
    t = " ".join(fold(doc_type or "").split())
    if t and not key.startswith(t):
        key = f"{t} {key}"
    return key


# ----------------------------------------------------------------- storing
def is_current(db: sqlite_utils.Database, path: str, size: int, mtime: float, version: str) -> bool:
    """Already stored from this very file: same path, size, mtime and extractor version."""
    row = db.execute("SELECT size, mtime, extractor_version FROM documents WHERE path = ?", [path]).fetchone()
    return bool(row) and row[0] == size and abs((row[1] or 0) - mtime) < 1e-6 and row[2] == version


def same_content(db: sqlite_utils.Database, path: str, sha256: str, version: str) -> bool:
    row = db.execute("SELECT sha256, extractor_version FROM documents WHERE path = ?", [path]).fetchone()
    return bool(row) and row[0] == sha256 and row[1] == version


def stored_content(db: sqlite_utils.Database, sha256: str, version: str) -> Optional[int]:
    """The document stored, by this extractor version, from a file with these bytes."""
    row = db.execute("SELECT min(id) FROM documents WHERE sha256 = ? AND extractor_version = ?",
                     [sha256, version]).fetchone()
    return row[0] if row else None


def current_copy(db: sqlite_utils.Database, path: str, size: int, mtime: float, version: str) -> Optional[str]:
    """The sha256 of a file recorded as a copy, unchanged, whose document is still stored by
    this version; else None."""
    row = db.execute("SELECT sha256, size, mtime FROM copies WHERE path = ?", [path]).fetchone()
    if row and row[1] == size and abs((row[2] or 0) - mtime) < 1e-6 and stored_content(db, row[0], version):
        return row[0]
    return None


def record_copy(db: sqlite_utils.Database, path: str, sha256: str, size: int, mtime: float) -> None:
    with db.conn:
        db.conn.execute("INSERT OR REPLACE INTO copies (path, sha256, size, mtime, seen_at) VALUES (?, ?, ?, ?, ?)",
                        [path, sha256, size, mtime, _now()])


def touch(db: sqlite_utils.Database, path: str, size: int, mtime: float) -> None:
    with db.conn:
        db.execute("UPDATE documents SET size = ?, mtime = ? WHERE path = ?", [size, mtime, path])


def store_record(db: sqlite_utils.Database, record: dict, *, path: str, size: int = 0,
                 mtime: float = 0.0) -> int:
    """Store one record (OUTPUT.md shape) in one transaction, replacing an older version."""
    return store_rows(db, prepare(record), path=path, size=size, mtime=mtime)


def store_rows(db: sqlite_utils.Database, rows: dict, *, path: str, size: int = 0, mtime: float = 0.0) -> int:
    """Store the rows `prepare` made of one record, in one transaction.

    Rows go in with plain INSERT statements: sqlite-utils' insert helpers commit on their
    own, which would split the document across transactions."""
    with db.conn:
        old_number, old_name = _delete_document(db, path)
        db.conn.execute("DELETE FROM errors WHERE path = ?", [path])     # an earlier run's failure of it
        db.conn.execute("DELETE FROM copies WHERE path = ?", [path])     # a copy once, its own document now
        doc_id = _insert(db, "documents", {**rows["document"], "path": path, "size": size, "mtime": mtime,
                                           "extracted_at": _now()})
        # the full-text rows are written here rather than by insert triggers: through a
        # trigger FTS5 indexed the sections row by row (its pending terms are flushed at
        # each statement savepoint), three times slower than this one batch
        db.conn.execute("INSERT INTO documents_fts (rowid, title_fold) VALUES (?, ?)",
                        [doc_id, rows["document"]["title_fold"]])
        section_ids = _insert_sections(db, doc_id, rows["sections"], rows["document"]["text"])
        _insert_entities(db, doc_id, rows, section_ids)
        _resolve_older(db, doc_id, rows["document"])
        # the citations of its old number or name may name another document of them now
        if old_number and old_number != rows["document"]["number_key"]:
            _resolve_number(db, old_number)
        if old_name and old_name != rows["document"]["name_key"]:
            _resolve_name(db, old_name)
    return doc_id


# ----------------------------------------------------------------- rows of a record
# Everything that needs no database is done by `prepare`, in the worker processes of a
# bulk run, so the one writer process only inserts. Sections are referred to by their
# position in the record; the writer turns positions into row ids.
SECTION_COLUMNS = ["id", "document_id", "sid", "parent_id", "label", "kind", "title", "start", "end", "page",
                   "body", "body_fold"]
CITATION_COLUMNS = ["document_id", "section_id", "text", "doc_type", "number", "number_key", "name", "name_key",
                    "issued_date", "issuer", "title", "relation", "pinpoint", "start", "end", "page", "scope"]
DEADLINE_COLUMNS = ["id", "document_id", "section_id", "idx", "text", "due", "recurrence", "within_days", "start",
                    "end", "page", "working_days"]
ASSIGNMENT_COLUMNS = ["id", "document_id", "section_id", "task", "deadline_id", "start", "end", "page"]
TARGET_COLUMNS = ["document_id", "section_id", "text", "indicator", "value", "min", "max", "unit", "comparator",
                  "year", "period", "value_normalized", "min_normalized", "max_normalized", "unit_base", "start",
                  "end", "page", "baseline"]
TABLE_COLUMNS = ["document_id", "section_id", "page", "rows", "start", "end", "kind", "cells"]


def prepare(record: dict, folded: Optional[str] = None) -> dict:
    """The rows of one record (OUTPUT.md shape), without database ids; folded is
    fold(record["text"]) when the caller has it already."""
    text = record.get("text") or ""
    if folded is None:
        folded = fold(text)                  # once per document; section bodies are slices of it
    sections = record.get("sections") or []
    position = {s["id"]: i for i, s in enumerate(sections)}
    at = lambda item: position.get(item.get("section"))  # noqa: E731
    document = _document_row(record)
    return {
        "document": document,
        "sections": _section_rows(sections, position, folded),
        "citations": [(at(c), c.get("text"), c.get("doc_type"), c.get("number"), number_key(c.get("number")),
                       c.get("name"), name_key(c.get("doc_type"), c.get("name")), c.get("issued_date"),
                       c.get("issuer"), c.get("title"), c.get("relation"), c.get("pinpoint"), c.get("start"),
                       c.get("end"), c.get("page"), cited_scope(c.get("number"), c.get("issuer"), document["scope"]))
                      for c in record.get("citations") or []],
        "deadlines": [(at(d), d.get("text"), d.get("due"), d.get("recurrence"), d.get("within_days"),
                       d.get("start"), d.get("end"), d.get("page"), _flag(d.get("working_days")))
                      for d in record.get("deadlines") or []],
        "assignments": [(at(a), a.get("task"), a.get("deadline"), a.get("start"), a.get("end"), a.get("page"),
                         _agency_links(a)) for a in record.get("assignments") or []],
        "targets": [(at(t), *(t.get(k) for k in TARGET_COLUMNS[2:-1]),
                     json.dumps(t["baseline"], ensure_ascii=False) if t.get("baseline") else None)
                    for t in record.get("targets") or []],
        "tables": [(at(t), t.get("page"), json.dumps(t.get("rows") or [], ensure_ascii=False), t.get("start"),
                    t.get("end"), t.get("kind"), json.dumps(t.get("cells") or []))
                   for t in record.get("tables") or []],
        "pages": (record.get("source") or {}).get("pages") or 0,
    }


def _document_row(record: dict) -> dict:
    m, src = record.get("metadata") or {}, record.get("source") or {}
    eff = m.get("effective") or {}
    return {
        "sha256": src.get("sha256"), "format": src.get("format"), "pages": src.get("pages"),
        "ocr": int(bool(src.get("ocr"))), "extractor_version": src.get("extractor_version"),
        "doc_type": m.get("doc_type"), "number": m.get("number"), "number_key": number_key(m.get("number")),
        "issuer": m.get("issuer"), "place": m.get("place"), "issued_date": m.get("issued_date"),
        "title": m.get("title"), "title_fold": fold(m.get("title") or ""),
        "name_key": name_key(m.get("doc_type"), m.get("title")),
        "effective_date": eff.get("date"), "effective_text": eff.get("text"),
        "signers": json.dumps(m.get("signers") or [], ensure_ascii=False),
        "recipients": json.dumps(m.get("recipients") or [], ensure_ascii=False),
        "text": record.get("text") or "", "number_source": m.get("number_source"),
        "scope": document_scope(m.get("number"), m.get("issuer"), m.get("place")),
    }


def document_scope(number: Optional[str], issuer: Optional[str], place: Optional[str]) -> Optional[str]:
    """The province a document belongs to, when it is a local one: named by its issuer
    ("Ủy ban nhân dân tỉnh Hà Nam"), else by its place ("Hà Nam, ngày …") if its number or
    issuer is local. None for central documents."""
    named = _province_named(issuer)
    if named or not _is_local(number, issuer):
        return named
    known = lexicon.province(place or "")
    return known[0] if known else None


def cited_scope(number: Optional[str], issuer: Optional[str], citing_scope: Optional[str]) -> Optional[str]:
    """The province of the document a citation names: the one its issuer names, else the
    citing document's own when the cited one is local ("Kế hoạch số 15/KH-UBND của Ủy ban
    nhân dân tỉnh" in a Hà Nam plan is Hà Nam's)."""
    return _province_named(issuer) or (citing_scope if _is_local(number, issuer) else None)


def _province_named(issuer: Optional[str]) -> Optional[str]:
    named = lexicon.provinces_in(fold(issuer)) if issuer else []
    return named[0] if named else None


def _is_local(number: Optional[str], issuer: Optional[str]) -> bool:
    codes, heads = _local_markers()
    if number and not codes.isdisjoint(_CODE_SPLIT.split(number_key(number) or "")):
        return True
    return bool(issuer) and fold(issuer).startswith(heads)


_CODE_SPLIT = regex.compile(r"[/\-]")


@lru_cache(maxsize=None)
def _local_markers() -> tuple[frozenset, tuple[str, ...]]:
    data = lexicon.load("issuer_codes.json")
    return frozenset(data["local_codes"]), tuple(data["local_issuer_heads"])


def _section_rows(sections: list[dict], position: dict, folded: str) -> list[tuple]:
    """Each section with the end of its own text and that text folded; the writer cuts the
    printed body from the document text (not sent twice from the worker)."""
    firsts = _first_child_starts(sections)
    rows = []
    for s in sections:
        own_end = min(s["end"], firsts.get(s["id"], s["end"]))
        rows.append((s["id"], position.get(s.get("parent")), s.get("label"), s.get("kind"), s.get("title"),
                     s["start"], s["end"], s.get("page"), own_end, folded[s["start"]:own_end]))
    return rows


def _first_child_starts(sections: list[dict]) -> dict[str, int]:
    """A section's own text runs to its first child: indexing it once avoids storing the
    same words at every level of the tree."""
    out: dict[str, int] = {}
    for s in sections:
        p = s.get("parent")
        if p is not None and p not in out:
            out[p] = s["start"]
    return out


def _flag(value: Optional[bool]) -> Optional[int]:
    return None if value is None else int(value)


def _agency_links(a: dict) -> list[tuple[str, str, str]]:
    """(role, name, name_key) of a task's agencies, lead first."""
    links = [("lead", n) for n in a.get("lead") or []] + [("support", n) for n in a.get("support") or []]
    return [(role, name, agency_key(name)) for role, name in links if name]


def agency_key(name: str) -> str:
    return " ".join(fold(name).split())


# ----------------------------------------------------------------- inserting rows
def _insert(db, table: str, row: dict) -> int:
    cols = list(row)
    sql = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * len(cols))})"
    return db.conn.execute(sql, [row[c] for c in cols]).lastrowid


def _insert_tuples(db, table: str, columns: list[str], rows: list, ignore: bool = False) -> None:
    if not rows:
        return
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    sql = (f"{verb} INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    db.conn.executemany(sql, rows)


def _next_id(db, table: str) -> int:
    """The id SQLite would give the next row (max + 1): rows inserted in one batch get
    consecutive ids from it, as they would one by one."""
    return db.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]").fetchone()[0]


def record_error(db: sqlite_utils.Database, path: str, stage: str, message: str) -> None:
    """The file's failure, replacing the one an earlier run recorded (a file that fails is
    no copy of a stored document either)."""
    with db.conn:
        db.conn.execute("DELETE FROM errors WHERE path = ?", [path])
        db.conn.execute("DELETE FROM copies WHERE path = ?", [path])
        _insert(db, "errors", {"path": path, "stage": stage, "message": message, "at": _now()})


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _delete_document(db: sqlite_utils.Database, path: str) -> tuple[Optional[str], Optional[str]]:
    """Delete the document stored from path; its number and name keys, whose citations need
    resolving again."""
    row = db.execute("SELECT id, number_key, name_key FROM documents WHERE path = ?", [path]).fetchone()
    if not row:
        return None, None
    doc_id = row[0]
    db.execute("DELETE FROM assignment_agencies WHERE assignment_id IN "
               "(SELECT id FROM assignments WHERE document_id = ?)", [doc_id])
    for table in CHILD_TABLES:
        db.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
    db.execute("UPDATE citations SET cited_document_id = NULL WHERE cited_document_id = ?", [doc_id])
    db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
    return row[1], row[2]


def _insert_sections(db, doc_id: int, rows: list[tuple], text: str) -> list[int]:
    """Insert the sections and index their folded bodies; the row id of each position."""
    first = _next_id(db, "sections")
    ids = [first + i for i in range(len(rows))]
    _insert_tuples(db, "sections", SECTION_COLUMNS, [
        (ids[i], doc_id, sid, ids[parent] if parent is not None else None, label, kind, title, start, end, page,
         text[start:own_end], body_fold)
        for i, (sid, parent, label, kind, title, start, end, page, own_end, body_fold) in enumerate(rows)])
    db.conn.executemany("INSERT INTO sections_fts (rowid, body_fold) VALUES (?, ?)",
                        [(ids[i], row[-1]) for i, row in enumerate(rows)])
    return ids


def _insert_entities(db, doc_id: int, rows: dict, section_ids: list[int]) -> None:
    sec = lambda i: section_ids[i] if i is not None else None  # noqa: E731
    cited = _cited_ids(db, doc_id, rows["citations"], rows["document"]["issued_date"])
    _insert_tuples(db, "citations", CITATION_COLUMNS + ["cited_document_id"],
                   [(doc_id, sec(r[0]), *r[1:], to) for r, to in zip(rows["citations"], cited)])
    first = _next_id(db, "deadlines")
    deadline_ids = [first + i for i in range(len(rows["deadlines"]))]
    _insert_tuples(db, "deadlines", DEADLINE_COLUMNS, [(deadline_ids[i], doc_id, sec(r[0]), i, *r[1:])
                                                       for i, r in enumerate(rows["deadlines"])])
    first = _next_id(db, "assignments")
    assignments, links = [], []
    for i, (section, task, k, start, end, page, agencies) in enumerate(rows["assignments"]):
        aid = first + i
        deadline = deadline_ids[k] if isinstance(k, int) and 0 <= k < len(deadline_ids) else None
        assignments.append((aid, doc_id, sec(section), task, deadline, start, end, page))
        links.append((aid, agencies))
    _insert_tuples(db, "assignments", ASSIGNMENT_COLUMNS, assignments)
    for aid, agencies in links:
        _insert_tuples(db, "assignment_agencies", ["assignment_id", "agency_id", "role"],
                       [(aid, _agency_id(db, name, key), role) for role, name, key in agencies], ignore=True)
    _insert_tuples(db, "targets", TARGET_COLUMNS, [(doc_id, sec(r[0]), *r[1:]) for r in rows["targets"]])
    _insert_tuples(db, "tables", TABLE_COLUMNS, [(doc_id, sec(r[0]), *r[1:]) for r in rows["tables"]])


@lru_cache(maxsize=None)
def _agency_rules() -> tuple[list, list]:
    """(kind, pattern) and (level, pattern) pairs of the lexicon, over folded agency names."""
    data = lexicon.load("agencies.json")
    return ([(kind, regex.compile(p)) for kind, p in data["kind_rules"]],
            [(level, regex.compile(p)) for level, p in data["level_rules"]])


@lru_cache(maxsize=None)
def _known_agencies() -> dict[str, dict]:
    """The lexicon's agencies by the key of their canonical name."""
    return {agency_key(a["name"]): a for a in lexicon.load("agencies.json")["agencies"]}


def _agency_row(name: str, key: str) -> dict:
    """A known agency takes its kind, level and aliases from the lexicon (its curated kind when
    the name patterns say only 'other'); any other is classified by the patterns."""
    kinds, levels = _agency_rules()
    kind = next((k for k, pat in kinds if pat.search(key)), "other")
    level = next((lv for lv, pat in levels if pat.search(key)), None)
    known = _known_agencies().get(key)
    if known:
        kind = known["kind"] if kind == "other" else kind
        level = known.get("level") or level
    aliases = json.dumps(known["aliases"] if known else [], ensure_ascii=False)
    return {"name": name, "name_key": key, "kind": kind, "level": level, "aliases": aliases}


def _agency_id(db, name: str, key: str) -> int:
    row = db.execute("SELECT id FROM agencies WHERE name_key = ?", [key]).fetchone()
    if row:
        return row[0]
    return _insert(db, "agencies", _agency_row(name, key))


def _cited_ids(db, doc_id: int, citations: list[tuple], citing_date: Optional[str]) -> list[Optional[int]]:
    """The stored document each citation names: by number (see _choose), else by type + name
    and a year that does not disagree, the first stored one winning. Found before the rows
    go in, because an UPDATE afterwards rewrote every citation row of the document."""
    numbers = sorted({c[4] for c in citations if c[4]})
    names = sorted({c[6] for c in citations if not c[4] and c[6]})
    by_number: dict[str, list[tuple]] = {}
    if numbers:
        for id_, key, scope, issued in db.execute(
                "SELECT id, number_key, scope, issued_date FROM documents WHERE number_key IN "
                "(SELECT value FROM json_each(?)) AND id != ? ORDER BY id", [json.dumps(numbers), doc_id]):
            by_number.setdefault(key, []).append((id_, scope, issued))
    by_name: dict[str, list[tuple[int, Optional[str]]]] = {}
    if names:
        for id_, key, issued in db.execute(
                "SELECT id, name_key, issued_date FROM documents WHERE name_key IN "
                "(SELECT value FROM json_each(?)) AND id != ? ORDER BY id", [json.dumps(names), doc_id]):
            by_name.setdefault(key, []).append((id_, issued))
    return [_choose(by_number.get(c[4]) or [], c[4], c[-1], c[7], citing_date) if c[4]
            else _choose_by_name(by_name.get(c[6]) or [], c[7], citing_date) for c in citations]


def _choose(candidates: list[tuple], key: str, scope: Optional[str], issued: Optional[str],
            citing_date: Optional[str]) -> Optional[int]:
    """The stored document (id, scope, issued_date) a numbered citation names. A number is
    not unique: every province issues its own 15/KH-UBND and 27/2023/NQ-HĐND, and a number
    without a year comes back every year. Candidates of another province are not it, nor,
    for a number without a year, those of another year than the citation gives or issued
    after the citing document (a number's own year outweighs a date misprinted beside it);
    of the rest, the first stored wins when they agree on the date (copies of one document),
    and when they do not, the citation is left unresolved rather than linked at random."""
    dated = _NUMBER_YEAR.search(key) is not None
    fit = [c for c in candidates if not (scope and c[1] and scope != c[1])
           and (dated or (_same_year(c[2], issued) and not (citing_date and c[2] and c[2][:4] > citing_date[:4])))]
    if len({c[2] for c in fit if c[2]}) > 1:
        return None
    return fit[0][0] if fit else None


_NUMBER_YEAR = regex.compile(r"/(?:19|20)\d\d/")     # 27/2023/NQ-HĐND, not 15/KH-UBND


def _choose_by_name(candidates: list[tuple[int, Optional[str]]], issued: Optional[str],
                    citing_date: Optional[str]) -> Optional[int]:
    """The stored document (id, issued_date) a citation by name names ("Luật Đất đai"): a
    law keeps its name through its versions, so of those of the year the citation gives (if
    it gives one) and not issued after the citing document, the latest, the one in force
    when the citing document was written; copies of it: the first stored."""
    fit = [c for c in candidates if _same_year(c[1], issued) and not (citing_date and c[1] and c[1] > citing_date)]
    return max(fit, key=lambda c: (c[1] or "", -c[0]))[0] if fit else None


def _same_year(a: Optional[str], b: Optional[str]) -> bool:
    return a is None or b is None or a[:4] == b[:4]


def _resolve_older(db, doc_id: int, document: dict) -> None:
    """Link the citations stored earlier that name this document. A numbered citation is
    chosen again among all the documents of its number (this one may settle it, or make
    it ambiguous), so the links do not depend on the order documents are stored in."""
    if document["number_key"]:
        _resolve_number(db, document["number_key"])
    if document["name_key"]:
        _resolve_name(db, document["name_key"])


def _resolve_number(db, key: str) -> None:
    candidates = db.execute("SELECT id, scope, issued_date FROM documents WHERE number_key = ? ORDER BY id",
                            [key]).fetchall()
    _relink(db, "c.number_key = ?", key,
            lambda citing, scope, issued, citing_date: _choose(
                [c for c in candidates if c[0] != citing], key, scope, issued, citing_date))


def _resolve_name(db, key: str) -> None:
    candidates = db.execute("SELECT id, issued_date FROM documents WHERE name_key = ? ORDER BY id", [key]).fetchall()
    _relink(db, "c.name_key = ? AND c.number_key IS NULL", key,
            lambda citing, scope, issued, citing_date: _choose_by_name(
                [c for c in candidates if c[0] != citing], issued, citing_date))


def _relink(db, where: str, key: str, choose) -> None:
    """Choose again the document of each citation matching where; update the ones that change."""
    changed = []
    for id_, citing, scope, issued, citing_date, linked in db.execute(
            "SELECT c.id, c.document_id, c.scope, c.issued_date, d.issued_date, c.cited_document_id "
            f"FROM citations c JOIN documents d ON d.id = c.document_id WHERE {where}", [key]):
        chosen = choose(citing, scope, issued, citing_date)
        if chosen != linked:
            changed.append((chosen, id_))
    db.conn.executemany("UPDATE citations SET cited_document_id = ? WHERE id = ?", changed)


# ----------------------------------------------------------------- queries
def search(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[dict]:
    """Document titles, then sections, matching a phrase, with or without diacritics, best
    first. A hit's `kind` is "title" or "section"; a title hit has no section id."""
    folded = " ".join(_NOT_WORD.sub(" ", fold(query)).split())
    if not folded or limit <= 0:
        return []
    phrase = '"' + folded.replace('"', "") + '"'
    titles = [{"kind": "title", "id": None, "document_id": id_, "number": number, "document_title": title,
               "path": path, "label_path": "title", "snippet": _printed_snippet(title, title_fold, folded) or title}
              for id_, number, title, title_fold, path in db.execute(
                  "SELECT d.id, d.number, d.title, d.title_fold, d.path FROM documents_fts "
                  "JOIN documents d ON d.id = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
                  [f"title_fold : {phrase}", limit]).fetchall()]
    sql = """SELECT s.id, s.document_id, d.number, d.title AS document_title, d.path,
                    snippet(sections_fts, 0, '[', ']', '…', 12) AS snippet, s.body, s.body_fold
             FROM sections_fts JOIN sections s ON s.rowid = sections_fts.rowid
             JOIN documents d ON d.id = s.document_id
             WHERE sections_fts MATCH ? ORDER BY rank LIMIT ?"""
    sections = []
    for id_, doc_id, number, title, path, snippet, body, body_fold in db.execute(
            sql, [f"body_fold : {phrase}", limit - len(titles)]).fetchall():
        sections.append({"kind": "section", "id": id_, "document_id": doc_id, "number": number,
                         "document_title": title, "path": path, "label_path": label_path(db, id_),
                         "snippet": _printed_snippet(body, body_fold, folded) or snippet})
    return titles + sections


def _printed_snippet(text: str, text_fold: str, folded: str) -> Optional[str]:
    """The snippet in printed spelling: find the folded phrase, cut the same span."""
    at = text_fold.find(folded)
    if at < 0:
        return None
    a, b = max(0, at - 60), min(len(text), at + len(folded) + 60)
    return ("…" if a else "") + text[a:at] + "[" + text[at:at + len(folded)] + "]" + text[at + len(folded):b] + \
        ("…" if b < len(text) else "")


def label_path(db, section_id: int) -> str:
    labels = []
    while section_id is not None:
        row = db.execute("SELECT label, parent_id, kind FROM sections WHERE id = ?", [section_id]).fetchone()
        if not row:
            break
        if row[0] and row[2] not in ("bullet",):
            labels.append(row[0])
        section_id = row[1]
    return " > ".join(reversed(labels))


def tasks(db: sqlite_utils.Database, agency: Optional[str] = None, due_before: Optional[str] = None,
          role: Optional[str] = None) -> list[dict]:
    where, params = [], []
    if agency:
        where.append("agency_id IN (SELECT id FROM agencies WHERE name_key LIKE ?)")
        params.append(f"%{' '.join(fold(agency).split())}%")
    if due_before:
        where.append("due IS NOT NULL AND due NOT LIKE '--%' AND due <= ?")
        params.append(due_before)
    if role:
        where.append("role = ?")
        params.append(role)
    sql = ("SELECT t.* FROM (SELECT tasks.*, aa.agency_id FROM tasks JOIN assignment_agencies aa "
           "ON aa.assignment_id = tasks.assignment_id AND aa.role = tasks.role "
           "JOIN agencies ag ON ag.id = aa.agency_id AND ag.name = tasks.agency) t")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY due IS NULL, due, agency"
    return [dict(r) for r in db.query(sql, params)]


def graph(db: sqlite_utils.Database, number: str, province: Optional[str] = None) -> dict[str, Any]:
    """Both directions around a document number: what it cites and what cites it. A number
    several provinces (or years) share names several documents: the first stored (of the
    province given) is shown, and `others` lists the rest."""
    key = number_key(number)
    scope = (lexicon.province(province) or (province,))[0] if province else None
    docs = [dict(zip(("id", "number", "title", "scope", "issued_date"), r)) for r in db.execute(
        "SELECT id, number, title, scope, issued_date FROM documents WHERE number_key = ? "
        "AND (? IS NULL OR scope = ?) ORDER BY id", [key, scope, scope])]
    doc = docs[0] if docs else None
    scope = doc["scope"] if doc else scope
    cites = [dict(r) for r in db.query(
        "SELECT relation, cited_number, cited_name, cited_id, cited_title FROM citation_graph "
        "WHERE citing_id = ? ORDER BY relation", [doc["id"]])] if doc else []
    # besides the citations linked to it, those of its number that found no document, unless
    # they name another province
    cited_by = [dict(r) for r in db.query(
        "SELECT DISTINCT relation, citing_id, citing_number, citing_title FROM citation_graph "
        "WHERE cited_id = ? OR (cited_id IS NULL AND citation_id IN (SELECT id FROM citations "
        "WHERE number_key = ? AND (scope IS NULL OR ? IS NULL OR scope = ?))) ORDER BY relation",
        [doc["id"] if doc else -1, key, scope, scope])]
    return {"document": doc, "others": docs[1:], "cites": cites, "cited_by": cited_by}


# ----------------------------------------------------------------- export
def records(db: sqlite_utils.Database) -> Iterable[dict]:
    """Rebuild the OUTPUT.md record of every stored document."""
    for doc in db.query("SELECT * FROM documents ORDER BY path"):
        yield _record(db, doc)


def _record(db, doc: dict) -> dict:
    did = doc["id"]
    secs = list(db.query("SELECT * FROM sections WHERE document_id = ? ORDER BY id", [did]))
    sid = {s["id"]: s["sid"] for s in secs}
    dl = list(db.query("SELECT * FROM deadlines WHERE document_id = ? ORDER BY idx", [did]))
    dl_index = {d["id"]: d["idx"] for d in dl}
    span = lambda r: {"section": sid.get(r["section_id"]), "start": r["start"], "end": r["end"], "page": r["page"]}  # noqa: E731
    assignments = []
    for a in db.query("SELECT * FROM assignments WHERE document_id = ? ORDER BY id", [did]):
        roles = db.execute("SELECT aa.role, ag.name FROM assignment_agencies aa JOIN agencies ag "
                           "ON ag.id = aa.agency_id WHERE aa.assignment_id = ?", [a["id"]]).fetchall()
        assignments.append({"task": a["task"], "lead": [n for r, n in roles if r == "lead"],
                            "support": [n for r, n in roles if r == "support"],
                            "deadline": dl_index.get(a["deadline_id"]), **span(a)})
    return {
        "schema_version": "1",
        "source": {"path": doc["path"], "sha256": doc["sha256"], "format": doc["format"], "pages": doc["pages"],
                   "ocr": bool(doc["ocr"]), "extractor_version": doc["extractor_version"]},
        "text": doc["text"],
        "metadata": {"doc_type": doc["doc_type"], "number": doc["number"], "number_source": doc["number_source"],
                     "issuer": doc["issuer"],
                     "place": doc["place"], "issued_date": doc["issued_date"], "title": doc["title"],
                     "signers": json.loads(doc["signers"] or "[]"),
                     "effective": {"date": doc["effective_date"], "text": doc["effective_text"]}
                     if doc["effective_text"] else None,
                     "recipients": json.loads(doc["recipients"] or "[]")},
        "sections": [{"id": s["sid"], "parent": sid.get(s["parent_id"]), "label": s["label"], "kind": s["kind"],
                      "title": s["title"], "start": s["start"], "end": s["end"], "page": s["page"]} for s in secs],
        "citations": [{k: c[k] for k in ("text", "doc_type", "number", "issued_date", "issuer", "title", "name",
                                         "relation", "pinpoint")} | span(c)
                      | {"cited_document_id": c["cited_document_id"]}
                      for c in db.query("SELECT * FROM citations WHERE document_id = ? ORDER BY id", [did])],
        "deadlines": [{"text": d["text"], "due": d["due"], "recurrence": d["recurrence"],
                       "within_days": d["within_days"],
                       "working_days": None if d["working_days"] is None else bool(d["working_days"])} | span(d)
                      for d in dl],
        "assignments": assignments,
        "targets": [{k: t[k] for k in ("text", "indicator", "value", "min", "max", "unit", "comparator", "year",
                                       "period", "value_normalized", "min_normalized", "max_normalized",
                                       "unit_base")}
                    | {"baseline": json.loads(t["baseline"]) if t["baseline"] else None} | span(t)
                    for t in db.query("SELECT * FROM targets WHERE document_id = ? ORDER BY id", [did])],
        "tables": [{"rows": json.loads(t["rows"]), "kind": t["kind"], "cells": json.loads(t["cells"] or "[]"), **span(t)}
                   for t in db.query("SELECT * FROM tables WHERE document_id = ? ORDER BY id", [did])],
    }


def export_csv(db: sqlite_utils.Database, folder: Path) -> list[Path]:
    """One CSV per table."""
    import csv
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        out = folder / f"{name}.csv"
        cols = [c.name for c in db[name].columns]
        with out.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(cols)
            for row in db.execute(f"SELECT * FROM [{name}]"):
                w.writerow(row)
        written.append(out)
    return written
