#!/usr/bin/env bash
# Grouping gate: the indexer's copies and stories scored by bench-grouping on bbc-news with
# made copies (300 originals, seeded) and the seed corpus (docs/grouping.md has the method
# and the current figures). Fails when a figure falls below its gate or the five seed
# reports are not one story. About 30 s. Uses build/ from scripts/test.sh, or builds it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

BENCH="$ROOT/build/bench/grouping/bench-grouping"
CORPORA="${ARTICLE_SEARCH_CORPORA:-$ROOT/../shared/corpora}"
if [ ! -x "$BENCH" ]; then
  echo "36-grouping: building $ROOT/build"
  configure_and_build "$ROOT/build" -DBUILD_TESTING=ON
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timeout 600 "$BENCH" --corpus "$CORPORA/bbc-news" --seeds "$ROOT/corpus" --work "$work/grouping" \
  --min-copy-precision 0.99 --min-copy-recall 0.99 \
  --min-story-precision 0.50 --min-story-recall 0.99 --seeds-one-story yes
