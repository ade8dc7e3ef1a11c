#!/usr/bin/env bash
# The benchmark harness in quick mode: checks that every engine builds, runs and reports
# (indexing, in-process search, HTTP with wrk), not the timings. Bounded to 5 minutes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ensure_packages "${BUILD_PACKAGES[@]}" libsqlite3-dev wamerican wrk nginx-light xapian-omega curl
configure_and_build "$ROOT/build"

out="$(mktemp)"
work="$(mktemp -d)"
trap 'rm -rf "$out" "$work"' EXIT
BENCH_WORK="$work" timeout 300 "$ROOT/bench/run.sh" --quick --build "$ROOT/build" >"$out"
cat "$out"

# Every engine produced a figure: a failed run prints "failed", "?" or a zero latency.
patterns=(
  '^\| bbc-business \| article-indexer \| [0-9]+ '
  '^\| bbc-business \| SQLite FTS5 \| [0-9]+ '
  '^\| bbc-business \| Xapian omindex \| [0-9]+ '
  '^\| synthetic-1k \| article-indexer \| [0-9]+ '
  '^\| synthetic-1k \| SQLite FTS5 \| [0-9]+ '
  '^\| bbc-business \| article-search \(server default[^|]*\| [0-9.]*[1-9][0-9.]* \('
  '^\| bbc-business \| SQLite FTS5 bm25\(\) \+ snippet\(\) \| [0-9.]*[1-9][0-9.]* \('
  '^\| synthetic-1k \| 10 \| [0-9.]+ s \| [0-9]+ '
  '\| article-server /api/search \| 64 \| [0-9]+ '
  '\| nginx, static JSON file \| 64 \| [0-9]+ '
  '\| cpp-httplib, fixed JSON \| 64 \| [0-9]+ '
)
fail=0
for pattern in "${patterns[@]}"; do
  grep -Eq -- "$pattern" "$out" || { echo "40-bench-quick: no figure matching: $pattern" >&2; fail=1; }
done
exit "$fail"
