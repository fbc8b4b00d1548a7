"""The command line: records out, one stderr line per bad file, exit status."""
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

GOOD = "QUYẾT ĐỊNH\nVề việc thử nghiệm\nĐiều 1. Nội dung thứ nhất.\nĐiều 2. Nội dung thứ hai.\n"


def run(*args):
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=ROOT)


def test_extract_folder_jsonl(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    r = run("extract", str(tmp_path))
    assert r.returncode == 0, r.stderr
    records = [json.loads(l) for l in r.stdout.splitlines()]
    assert len(records) == 2
    assert {rec["schema_version"] for rec in records} == {"1"}
    assert [s["label"] for s in records[0]["sections"]] == ["Điều 1", "Điều 2"]
    assert "wrote 2 record(s)" in r.stderr


def test_extract_json_to_file(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.json"
    r = run("extract", str(tmp_path / "a.txt"), "--format", "json", "-o", str(out))
    assert r.returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data[0]["metadata"]["doc_type"] == "Quyết định"


def test_bad_file_reported_and_others_go_on(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    r = run("extract", str(tmp_path))
    assert r.returncode == 1
    assert len(r.stdout.splitlines()) == 1
    errors = [l for l in r.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt" in e and "empty file" in e for e in errors)
    assert any("broken.pdf" in e and "PDF" in e for e in errors)


def test_records_of_a_file_name_that_is_not_utf8(tmp_path):
    try:
        with open(os.fsencode(tmp_path) + b"/Quy\xe6t \xf0inh.txt", "w", encoding="utf-8") as f:
            f.write(GOOD)
        open(os.fsencode(tmp_path) + b"/empty\xff.txt", "w").close()
    except OSError:
        pytest.skip("this file system takes UTF-8 names only")
    r = run("extract", str(tmp_path))
    assert r.returncode == 1 and "wrote 1 record(s), 1 failed" in r.stderr
    assert [os.path.basename(json.loads(l)["source"]["path"]) for l in r.stdout.splitlines()] == ["Quy\\xe6t \\xf0inh.txt"]
    assert "empty\\xff.txt: empty file" in r.stderr


def test_bad_usage_exit_2(tmp_path):
    assert run("extract").returncode == 2
    assert run("extract", str(tmp_path / "missing-folder-xyz"), "--format", "xml").returncode == 2
    assert run("no-such-command").returncode == 2


def test_evaluate_command_prints_totals():
    r = run("evaluate", str(ROOT / "annotations"), str(ROOT / "corpus"))
    assert r.returncode == 0, r.stderr
    assert "TOTAL" in r.stdout and "outline" in r.stdout
