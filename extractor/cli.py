"""Command line: ``vnlegal extract``, ``vnlegal evaluate``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .bulk import iter_files
from .readers import ReadError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vnlegal")
def cli():
    """Extract structured records from Vietnamese legal and policy documents."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="jsonl",
              show_default=True, help="json: one array; jsonl: one record a line.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, '-' for stdout.")
@click.option("--db", type=click.Path(dir_okay=False), help="Store into this SQLite database instead.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None, help="Worker processes (default: cores).")
@click.option("--force", is_flag=True, help="Re-extract files already stored unchanged.")
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds allowed per document.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def extract(paths, fmt, output, db, jobs, force, timeout, quiet):
    """Extract records from files or folders (recursive), to JSON or into a database."""
    if db:
        from .bulk import extract_folder
        try:
            summary = extract_folder(paths, db, jobs=jobs, force=force, timeout=timeout, progress=not quiet)
        except KeyboardInterrupt as e:
            if getattr(e, "summary", None):
                click.echo(e.summary.line(), err=True)
            click.echo("interrupted: the documents stored so far stay; the same command continues from there",
                       err=True)
            sys.exit(130)
        click.echo(summary.line(), err=True)
        sys.exit(1 if summary.failed else 0)
    from .pipeline import parse
    files = iter_files(paths)
    if not files:
        raise click.UsageError("no input files found")
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    written = failed = 0
    try:
        if fmt == "json":
            out.write("[\n")
        for f in files:
            try:
                record = parse(f).to_dict()
            except ReadError as e:
                click.echo(f"error: {e}", err=True)
                failed += 1
                continue
            except Exception as e:  # keep the batch going; name the file and the reason
                click.echo(f"error: {f}: {type(e).__name__}: {e}", err=True)
                failed += 1
                continue
            line = json.dumps(record, ensure_ascii=False)
            if fmt == "json":
                out.write((",\n" if written else "") + line)
            else:
                out.write(line + "\n")
            written += 1
        if fmt == "json":
            out.write("\n]\n")
    finally:
        if out is not sys.stdout:
            out.close()
    click.echo(f"wrote {written} record(s), {failed} failed", err=True)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate(gold_dir, paths, as_json):
    """Score extraction of PATHS against the gold files in GOLD_DIR."""
    from .evaluate import evaluate_paths, format_report
    result = evaluate_paths(Path(gold_dir), iter_files(paths))
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else format_report(result))


@cli.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
def search(db, query, limit):
    """Full-text search over section text (with or without diacritics)."""
    from . import store
    for hit in store.search(store.open_db(db), query, limit=limit):
        where = hit["number"] or Path(hit["path"]).name
        click.echo(f"{where} | {hit['label_path'] or '-'} | {hit['snippet']}")


@cli.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("--agency", help="Agency name (part of it; diacritics optional).")
@click.option("--due-before", help="ISO date: only tasks due on or before it.")
@click.option("--role", type=click.Choice(["lead", "support"]))
@click.option("--json", "as_json", is_flag=True)
def tasks(db, agency, due_before, role, as_json):
    """Tasks per agency with their due dates."""
    from . import store
    rows = store.tasks(store.open_db(db), agency=agency, due_before=due_before, role=role)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        click.echo(f"{r['due'] or '-':10s} {r['role']:7s} {r['agency']} | {(r['task'] or '')[:100]} "
                   f"| {r['document_number'] or r['document_id']}")


@cli.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.argument("number")
@click.option("--province", help="The province of a local number several provinces share (15/KH-UBND).")
@click.option("--json", "as_json", is_flag=True)
def graph(db, number, province, as_json):
    """What a document cites and what cites it."""
    from . import store
    g = store.graph(store.open_db(db), number, province=province)
    if as_json:
        click.echo(json.dumps(g, ensure_ascii=False, indent=1))
        return
    doc = g["document"]
    where = f" ({doc['scope']})" if doc and doc["scope"] else ""
    click.echo(f"{number}: " + (f"stored as #{doc['id']}{where} {doc['title'] or ''}" if doc else "not in the database"))
    if g["others"]:
        click.echo(f"also numbered {number} (choose with --province): " + "; ".join(
            f"#{o['id']} {o['scope'] or '-'} {o['issued_date'] or ''}".rstrip() for o in g["others"]))
    click.echo(f"cites ({len(g['cites'])}):")
    for c in g["cites"]:
        click.echo(f"  {c['relation']:10s} {c['cited_number'] or c['cited_name']}"
                   + (f"  -> #{c['cited_id']}" if c["cited_id"] else ""))
    click.echo(f"cited by ({len(g['cited_by'])}):")
    for c in g["cited_by"]:
        click.echo(f"  {c['relation']:10s} {c['citing_number'] or '#' + str(c['citing_id'])} {c['citing_title'] or ''}")


@cli.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("-o", "--output", default="-", help="jsonl: file or '-'; csv: a folder (one CSV per table).")
def export(db, fmt, output):
    """Export the database as records (jsonl) or one CSV per table."""
    from . import store
    database = store.open_db(db)
    if fmt == "csv":
        if output == "-":
            raise click.UsageError("--format csv needs -o FOLDER")
        for path in store.export_csv(database, Path(output)):
            click.echo(str(path), err=True)
        return
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    try:
        for record in store.records(database):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


def main():
    try:
        cli(standalone_mode=False)
    except click.UsageError as e:
        e.show()
        sys.exit(2)
    except click.Abort:
        sys.exit(1)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    sys.exit(0)
