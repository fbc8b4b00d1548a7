"""Acceptance floors of the foundation on the shared seeds and the project's own corpus."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.evaluate import evaluate_paths, evaluate_records
from extractor.pipeline import parse
from tests.conftest import ROOT, need_shared

META = ["doc_type", "number", "issuer", "place", "issued_date", "title", "signer"]


def _check_foundation(result):
    for name, d in result["docs"].items():
        assert d["outline"]["f1"] >= 0.97, (name, d["outline"])
        gold_b, pred_b = d["bullets"]["gold"], d["bullets"]["pred"]
        assert abs(pred_b - gold_b) <= max(0.05 * gold_b, 0), (name, pred_b, gold_b)
        for field in META:
            assert d["metadata"][field] in (True, None), (name, field)


def test_seed_foundation_floors():
    seeds, gold = need_shared("corpus", "seeds"), need_shared("annotations", "seeds")
    result = evaluate_paths(gold, sorted(seeds.glob("*.txt")))
    assert len(result["docs"]) == 5
    _check_foundation(result)


def test_project_corpus_floors():
    result = evaluate_paths(ROOT / "annotations", sorted((ROOT / "corpus").iterdir()))
    assert len(result["docs"]) == len(list((ROOT / "corpus").iterdir()))
    _check_foundation(result)


def test_evaluate_agrees_with_acceptance_scorer(tmp_path):
    """Our evaluator matches the way shared/tools/score.py matches."""
    seeds, gold = need_shared("corpus", "seeds"), need_shared("annotations", "seeds")
    scorer = need_shared("tools", "score.py")
    records = {f.name: parse(f).to_dict() for f in sorted(seeds.glob("*.txt"))}
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records.values()), encoding="utf-8")
    out = subprocess.run([sys.executable, str(scorer), str(pred), str(gold), "--json"],
                         capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)["total"]
    ours = evaluate_records(records, gold)["total"]
    for field in ("outline", "citations", "deadlines", "assignments", "targets", "support"):
        assert ours[field]["f1"] == pytest.approx(theirs[field]["f1"]), field
    assert ours["metadata"] == theirs["metadata"]
