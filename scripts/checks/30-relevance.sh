#!/usr/bin/env bash
# Relevance gate: runs the evaluation (article-search and SQLite FTS5 on SciFact test,
# Cranfield and TIME; about two minutes on two cores) and fails if article-search's
# nDCG@10 falls below Lucene's published BM25 figure on SciFact (0.679), or below the
# figures the shipped defaults (IneB2) reach on Cranfield (0.3851) and TIME (0.7611), less
# a small margin. It also scores misspelled variants of the queries (one seeded typo in one
# word of 5+ letters each) and fails if, with typo tolerance on, they keep less than 0.95 of
# the clean queries' nDCG@10 on any collection (measured: 0.981 to 0.984; the issue's
# target is 0.9). The scores are deterministic for a given Xapian. Needs build/ from scripts/test.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

EVAL="$ROOT/build/bench/relevance/article-eval"
CORPORA="${ARTICLE_SEARCH_CORPORA:-$ROOT/../shared/corpora}"
if [ ! -x "$EVAL" ]; then
  echo "30-relevance: $EVAL is missing; scripts/test.sh builds it" >&2
  exit 1
fi
timeout 900 "$EVAL" --corpora "$CORPORA" \
  --min-ndcg10 scifact-test=0.679 --min-ndcg10 cranfield=0.380 --min-ndcg10 time=0.750 \
  --min-typo-ratio 0.95
