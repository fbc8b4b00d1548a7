"""Precision, recall and F1 of records against gold files (ANNOTATION.md).

Matching follows the acceptance scorer: outline paths and target numbers as multisets,
citations one per distinct document (by number, else by name), deadlines by (due,
recurrence), assignments by the sets of leads and of (lead, support) pairs.
"""
from __future__ import annotations

import difflib
import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Optional

import regex

RELATIONS = ["basis", "implements", "amends", "replaces", "repeals", "guides", "references"]
META_FIELDS = ["doc_type", "number", "issuer", "place", "issued_date", "title", "signer"]
_ABBR = [(r"\bubnd\b", "uy ban nhan dan"), (r"\bhdnd\b", "hoi dong nhan dan"),
         (r"\bmttq\b", "mat tran to quoc"), (r"\bkh&cn\b", "khoa hoc va cong nghe"),
         (r"\bkh ?va ?cn\b", "khoa hoc va cong nghe"), (r"\bkh&dt\b", "ke hoach va dau tu"),
         (r"\bvn\b", "viet nam"), (r"\bttg\b", "thu tuong")]
_BULLETS = ("", "-", "+", "•", "*")


def fold_key(s: Optional[str]) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFD", str(s)).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    s = regex.sub(r"\s*&\s*", "&", s)
    for pat, rep in _ABBR:
        s = regex.sub(pat, rep, s)
    s = regex.sub(r"[^\w&/]+", " ", s)
    return " ".join(s.split())


def number_key(n: Optional[str]) -> str:
    if not n:
        return ""
    n = unicodedata.normalize("NFC", n).upper().replace(" ", "")
    return n.replace("Đ", "D").replace("–", "-").strip(".;,")


def label_key(label: Optional[str]) -> str:
    label = unicodedata.normalize("NFC", (label or "").strip())
    label = regex.sub(r"[\s.:)\-–]+$", "", label)
    if label.startswith("(") and not label.endswith(")"):
        label += ")"
    return fold_key(label).replace(" ", "")


def prf(tp: int, npred: int, ngold: int) -> dict[str, Any]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else (1.0 if not npred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": npred, "gold": ngold, "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _multiset_tp(a, b) -> int:
    return sum((Counter(a) & Counter(b)).values())


# ----------------------------------------------------------------- outline
def outline_of(record: dict) -> list[str]:
    sections = record.get("sections") or []
    by_id = {s.get("id"): s for s in sections}
    paths = []
    for s in sections:
        if _unlabelled(s):
            continue
        chain, cur, seen = [], s, set()
        while cur is not None and cur.get("id") not in seen:
            seen.add(cur.get("id"))
            if not _unlabelled(cur):
                chain.append(label_key(cur.get("label")))
            cur = by_id.get(cur.get("parent"))
        paths.append(">".join(reversed(chain)))
    return paths


def _unlabelled(s: dict) -> bool:
    return s.get("kind") in ("bullet", "preamble", "closing") or (s.get("label") or "").strip() in _BULLETS


def gold_outline(gold: dict) -> list[str]:
    return [">".join(label_key(x) for x in p.split(" > ")) for p in gold.get("outline", [])]


# ----------------------------------------------------------------- citations
def _cite_key(c: dict) -> str:
    if c.get("number"):
        return "n:" + number_key(c["number"])
    return "t:" + fold_key(c.get("name") or c.get("title") or c.get("text") or "")


def distinct_citations(cites: list[dict]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for c in cites:
        k = _cite_key(c)
        if k in ("t:", "n:"):
            continue
        if k not in out:
            out[k] = dict(c)
            continue
        r0, r1 = out[k].get("relation"), c.get("relation")
        if r1 in RELATIONS and (r0 not in RELATIONS or RELATIONS.index(r1) < RELATIONS.index(r0)):
            out[k]["relation"] = r1
        for f in ("issued_date", "issuer", "doc_type"):
            if not out[k].get(f) and c.get(f):
                out[k][f] = c[f]
    return out


def _match_citations(pred: list[str], gold: list[str]) -> list[tuple[str, str]]:
    pairs, used = [], set()
    for g in gold:
        hit = g if g in pred and g not in used else None
        if hit is None and g.startswith("t:"):
            for p in pred:
                if p in used or not p.startswith("t:"):
                    continue
                a, b = g[2:], p[2:]
                if a and b and (a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85):
                    hit = p
                    break
        if hit:
            used.add(hit)
            pairs.append((g, hit))
    return pairs


def score_citations(record: dict, gold: dict) -> dict:
    pc = distinct_citations(record.get("citations") or [])
    gc = distinct_citations(gold.get("citations") or [])
    pairs = _match_citations(list(pc), list(gc))
    res = prf(len(pairs), len(pc), len(gc))
    attrs = Counter()
    for g, p in pairs:
        gd, pd = gc[g], pc[p]
        attrs["n"] += 1
        attrs["date"] += (gd.get("issued_date") or None) == (pd.get("issued_date") or None)
        attrs["type"] += fold_key(gd.get("doc_type")) == fold_key(pd.get("doc_type"))
        attrs["relation"] += gd.get("relation") == pd.get("relation")
        gi, pi = fold_key(gd.get("issuer")), fold_key(pd.get("issuer"))
        attrs["issuer"] += gi == pi or bool(gi and pi and (gi in pi or pi in gi))
    res["attr_counts"] = dict(attrs)
    res["missed"] = [g for g in gc if g not in {a for a, _ in pairs}]
    res["spurious"] = [p for p in pc if p not in {b for _, b in pairs}]
    return res


# ----------------------------------------------------------------- other entities
def score_deadlines(record: dict, gold: dict) -> dict:
    key = lambda d: (str(d.get("due") or ""), str(d.get("recurrence") or ""))  # noqa: E731
    p = {key(d) for d in record.get("deadlines") or []}
    g = {key(d) for d in gold.get("deadlines") or []}
    res = prf(len(p & g), len(p), len(g))
    res["missed"], res["spurious"] = sorted(map(str, g - p)), sorted(map(str, p - g))
    return res


def agency_key(name: str) -> str:
    k = fold_key(name)
    k = regex.sub(r"^(giao|de nghi|yeu cau)\s+", "", k)
    return regex.sub(r"\s+tinh(\s+\w+){0,4}$", "", k)


def _leads_and_pairs(assignments: list[dict]) -> tuple[set, set]:
    leads, pairs = set(), set()
    for a in assignments:
        ls = [agency_key(x) for x in a.get("lead") or [] if x]
        leads.update(ls)
        pairs.update((l, agency_key(s)) for l in ls for s in a.get("support") or [] if s)
    return leads, pairs


def score_assignments(record: dict, gold: dict) -> dict:
    pl, ps = _leads_and_pairs(record.get("assignments") or [])
    gl, gs = _leads_and_pairs(gold.get("assignments") or [])
    res = prf(len(pl & gl), len(pl), len(gl))
    res["support"] = prf(len(ps & gs), len(ps), len(gs))
    res["missed"], res["spurious"] = sorted(gl - pl), sorted(pl - gl)
    return res


def _num(x) -> Optional[float]:
    try:
        return round(float(x), 4)
    except (TypeError, ValueError):
        return None


def target_numbers(t: dict) -> tuple:
    if t.get("value") is not None:
        return (_num(t["value"]),)
    return (_num(t.get("min")), _num(t.get("max")))


def score_targets(record: dict, gold: dict) -> dict:
    pt, gt = record.get("targets") or [], gold.get("targets") or []
    res = prf(_multiset_tp(map(target_numbers, pt), map(target_numbers, gt)), len(pt), len(gt))
    with_year = lambda t: target_numbers(t) + (str(t.get("year") or ""),)  # noqa: E731
    res["with_year"] = prf(_multiset_tp(map(with_year, pt), map(with_year, gt)), len(pt), len(gt))
    gc, pc = Counter(map(target_numbers, gt)), Counter(map(target_numbers, pt))
    res["missed"] = sorted(map(str, (gc - pc).elements()))
    res["spurious"] = sorted(map(str, (pc - gc).elements()))
    return res


def _meta_equal(field: str, p, g) -> bool:
    if field == "signer":
        p = ((p or [{}])[0] or {}).get("name") if isinstance(p, list) else p
        g = ((g or [{}])[0] or {}).get("name") if isinstance(g, list) else g
    if field == "number":
        return number_key(p) == number_key(g)
    if field == "issued_date":
        return (p or None) == (g or None)
    if field == "title":
        a, b = fold_key(p), fold_key(g)
        return a == b or bool(a and b and difflib.SequenceMatcher(None, a, b).ratio() >= 0.9)
    return fold_key(p) == fold_key(g)


def score_metadata(record: dict, gold: dict) -> dict:
    pm, gm = record.get("metadata") or {}, gold.get("metadata") or {}
    out = {}
    for f in META_FIELDS:
        src = "signers" if f == "signer" else f
        out[f] = _meta_equal(f, pm.get(src), gm.get(src)) if gm.get(src) else None
    return out


def score_document(record: dict, gold: dict) -> dict:
    po, go = outline_of(record), gold_outline(gold)
    outline = prf(_multiset_tp(po, go), len(po), len(go))
    outline["missed"] = sorted((Counter(go) - Counter(po)).elements())[:30]
    outline["spurious"] = sorted((Counter(po) - Counter(go)).elements())[:30]
    return {
        "metadata": score_metadata(record, gold),
        "outline": outline,
        "bullets": {"pred": sum(1 for s in record.get("sections") or [] if s.get("kind") == "bullet"),
                    "gold": gold.get("bullets")},
        "citations": score_citations(record, gold),
        "deadlines": score_deadlines(record, gold),
        "assignments": score_assignments(record, gold),
        "targets": score_targets(record, gold),
    }


def totals(per_doc: dict[str, dict]) -> dict:
    tot: dict[str, Any] = {}
    docs = per_doc.values()
    for field in ("outline", "citations", "deadlines", "assignments", "targets"):
        tot[field] = prf(sum(d[field]["tp"] for d in docs), sum(d[field]["pred"] for d in docs),
                         sum(d[field]["gold"] for d in docs))
    tot["targets+year"] = prf(sum(d["targets"]["with_year"]["tp"] for d in docs),
                              tot["targets"]["pred"], tot["targets"]["gold"])
    tot["support"] = prf(sum(d["assignments"]["support"]["tp"] for d in docs),
                         sum(d["assignments"]["support"]["pred"] for d in docs),
                         sum(d["assignments"]["support"]["gold"] for d in docs))
    attrs = Counter()
    for d in docs:
        attrs.update(d["citations"].get("attr_counts", {}))
    tot["citation_attrs"] = {k: round(v / attrs["n"], 3) for k, v in attrs.items() if k != "n"} if attrs["n"] else {}
    tot["metadata"] = {}
    for f in META_FIELDS:
        vals = [d["metadata"][f] for d in docs if d["metadata"][f] is not None]
        tot["metadata"][f] = round(sum(vals) / len(vals), 3) if vals else None
    bullets = [(d["bullets"]["pred"], d["bullets"]["gold"]) for d in docs if d["bullets"]["gold"]]
    tot["bullets_rel_err"] = round(sum(abs(p - g) for p, g in bullets) / max(1, sum(g for _, g in bullets)), 3)
    tot["documents"] = len(per_doc)
    return tot


def evaluate_records(records: dict[str, dict], gold_dir: Path) -> dict:
    per_doc = {}
    for gf in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        name = gold.get("file") or gf.name[: -len(".gold.json")]
        if name not in records:
            continue
        per_doc[name] = score_document(records[name], gold)
    return {"total": totals(per_doc), "docs": per_doc}


def evaluate_paths(gold_dir: Path, files: list[Path]) -> dict:
    from .pipeline import parse
    records = {f.name: parse(f).to_dict() for f in files}
    return evaluate_records(records, gold_dir)


def format_report(result: dict) -> str:
    lines = []
    for name, d in result["docs"].items():
        lines.append(name)
        for f in ("outline", "citations", "deadlines", "assignments", "targets"):
            x = d[f]
            lines.append(f"  {f:12s} P {x['p']:.2f} R {x['r']:.2f} F1 {x['f1']:.2f}  ({x['tp']}/{x['pred']}/{x['gold']})")
        lines.append(f"  bullets      {d['bullets']['pred']} (gold {d['bullets']['gold']})")
        lines.append("  metadata     " + " ".join(
            f"{k}={'-' if v is None else 'ok' if v else 'X'}" for k, v in d["metadata"].items()))
    lines.append("TOTAL")
    for k, v in result["total"].items():
        if isinstance(v, dict) and "f1" in v:
            v = f"P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f} ({v['tp']}/{v['pred']}/{v['gold']})"
        lines.append(f"  {k:14s} {v}")
    return "\n".join(lines)
