#!/bin/sh
# Outputs must not change: seed scores, own-corpus evaluation and the records over real/text
# against the baselines recorded with the unchanged code (see bench/diff_records.py).
set -e
cd "$(dirname "$0")/.."
python -m extractor extract ../shared/corpus/seeds -o /tmp/perf_seed_new.jsonl
python3 ../shared/tools/score.py /tmp/perf_seed_new.jsonl ../shared/annotations/seeds > /tmp/perf_seed_new.txt
cmp /tmp/perf_seed_base.txt /tmp/perf_seed_new.txt && echo "seed scores identical"
python -m extractor evaluate annotations corpus > /tmp/perf_own_new.txt
cmp /tmp/perf_own_base.txt /tmp/perf_own_new.txt && echo "own-corpus evaluation identical"
python -m extractor extract ../shared/corpus/real/text -o /tmp/perf_real_new.jsonl
python bench/diff_records.py /tmp/perf_real_base.jsonl /tmp/perf_real_new.jsonl
