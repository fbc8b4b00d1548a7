#!/bin/sh
# Outputs must not change: seed scores, own-corpus evaluation and the records over real/text
# against the baselines recorded with the unchanged code (see bench/diff_records.py).
# OUT sets the prefix of this run's files, so checks in several worktrees do not collide.
set -e
cd "$(dirname "$0")/.."
OUT="${OUT:-/tmp/perf}"
python -m extractor extract ../shared/corpus/seeds -o "${OUT}_seed_new.jsonl"
python3 ../shared/tools/score.py "${OUT}_seed_new.jsonl" ../shared/annotations/seeds > "${OUT}_seed_new.txt"
cmp /tmp/perf_seed_base.txt "${OUT}_seed_new.txt" && echo "seed scores identical"
python -m extractor evaluate annotations corpus > "${OUT}_own_new.txt"
cmp /tmp/perf_own_base.txt "${OUT}_own_new.txt" && echo "own-corpus evaluation identical"
python -m extractor extract ../shared/corpus/real/text -o "${OUT}_real_new.jsonl"
python bench/diff_records.py /tmp/perf_real_base.jsonl "${OUT}_real_new.jsonl"
