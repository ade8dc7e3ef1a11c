#!/usr/bin/env bash
# Extraction gate: main_text over the saved article pages of ../shared/corpora/html-articles,
# scored the way the scrapinghub article-extraction-benchmark scores it (4-token shingles,
# bench/extraction/shingle_score.h); fails when F1 falls below 0.94 (docs/extraction.md has
# the current figures). A few seconds. Uses build/ from scripts/test.sh, or builds it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

BENCH="$ROOT/build/bench/extraction/bench-extraction"
PAGES="${ARTICLE_SEARCH_CORPORA:-$ROOT/../shared/corpora}/html-articles"
if [ ! -x "$BENCH" ]; then
  echo "35-extraction: building $ROOT/build"
  configure_and_build "$ROOT/build" -DBUILD_TESTING=ON
fi
timeout 300 "$BENCH" --pages "$PAGES/html" --truth "$PAGES/ground-truth.json" --min-f1 0.94 --worst 5
