"""Command line: ``vnlegal extract``, ``vnlegal evaluate``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .readers import SUPPORTED, ReadError


def iter_files(paths) -> list[Path]:
    """Files named directly, and supported files found recursively in folders."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED))
        else:
            out.append(p)
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vnlegal")
def cli():
    """Extract structured records from Vietnamese legal and policy documents."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="jsonl",
              show_default=True, help="json: one array; jsonl: one record a line.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, '-' for stdout.")
def extract(paths, fmt, output):
    """Extract records from files or folders (recursive)."""
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
