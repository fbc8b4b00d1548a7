"""Compare two JSONL record files record by record and field by field.

usage: python bench/diff_records.py BASE.jsonl NEW.jsonl [--max N]

Records are paired by source.path; source.extractor_version is not compared. Prints every difference as a path into the record
(e.g. `citations[3].relation`) with both values, and exits 1 when there is any.
"""
import argparse
import json
import sys


def load(path):
    records = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                records[rec["source"]["path"]] = rec
    return records


def differences(a, b, where=""):
    """Yield (path, a, b) for every leaf where the two values differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                yield f"{where}.{key}", a.get(key, "<missing>"), b.get(key, "<missing>")
            else:
                yield from differences(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            if i >= len(a) or i >= len(b):
                yield f"{where}[{i}]", a[i] if i < len(a) else "<missing>", b[i] if i < len(b) else "<missing>"
            else:
                yield from differences(a[i], b[i], f"{where}[{i}]")
    elif a != b or type(a) is not type(b):
        yield where, a, b


def short(value, width=100):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[:width] + "…"


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("--max", type=int, default=50, help="differences shown per record")
    args = ap.parse_args(argv)
    base, new = load(args.base), load(args.new)
    total = 0
    for path in sorted(set(base) | set(new)):
        if path not in new or path not in base:
            print(f"{path}: only in {'base' if path in base else 'new'}")
            total += 1
            continue
        # the extractor version carries a digest of the code, so it differs whenever the code does
        diffs = [d for d in differences(base[path], new[path]) if d[0] != ".source.extractor_version"]
        if diffs:
            print(f"{path}: {len(diffs)} difference(s)")
            for where, a, b in diffs[:args.max]:
                print(f"  {where}: {short(a)} -> {short(b)}")
        total += len(diffs)
    print(f"{len(base)} vs {len(new)} records, {total} difference(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
