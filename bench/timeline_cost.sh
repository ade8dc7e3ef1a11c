#!/usr/bin/env bash
# What timeline=auto costs a search: the median time of the query mix on bbc-news with and
# without it, in-process (bench-search, run_search) and over HTTP (article-server on
# 127.0.0.1, bench-http over one keep-alive connection), and the ratios.
#
#   bench/timeline_cost.sh [--build DIR] [PASSES]     (PASSES of the 300 queries, default 3)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
if [ "${1:-}" = --build ]; then BUILD="$2"; shift 2; fi
PASSES="${1:-3}"
BIN="$BUILD/bench"
CORPUS="${BENCH_CORPORA:-$ROOT/../shared/corpora}/bbc-news"
[ -d "$CORPUS" ] || { echo "timeline_cost.sh: $CORPUS not found (set BENCH_CORPORA)" >&2; exit 1; }
source "$ROOT/bench/lib.sh"
bench_dir timeline-cost

"$BUILD/indexer/article-indexer" --db "$RUN/db" "$CORPUS" >"$RUN/log.txt" 2>&1
"$BIN/bench-queries" "$CORPUS" >"$RUN/queries.tsv"
"$BIN/bench-targets" "$RUN/queries.tsv" >"$RUN/plain.txt"
"$BIN/bench-targets" "$RUN/queries.tsv" timeline >"$RUN/timeline.txt"

p50() { awk '{for (i = 1; i < NF; i++) if ($i == "p50_ms") print $(i + 1)}' <<<"$1"; }
row() {  # row WHERE PLAIN_SUMMARY TIMELINE_SUMMARY
  local without with
  without="$(p50 "$2")" with="$(p50 "$3")"
  awk -v w="$1" -v a="$without" -v b="$with" \
    'BEGIN {printf "| %s | %.3f | %.3f | %.2f× |\n", w, a, b, b / a}'
}

in_plain="$("$BIN/bench-search" "$RUN/db" "$RUN/queries.tsv" "$PASSES")"
in_timeline="$("$BIN/bench-search" "$RUN/db" "$RUN/queries.tsv" "$PASSES" timeline)"

start_server "$RUN/db"
port="$PORT"
"$BIN/bench-http" "$port" "$RUN/plain.txt" 1 >/dev/null  # warm the caches
http_plain="$("$BIN/bench-http" "$port" "$RUN/plain.txt" "$PASSES")"
http_timeline="$("$BIN/bench-http" "$port" "$RUN/timeline.txt" "$PASSES")"

echo "| bbc-news, $PASSES × 300 queries | p50 without (ms) | p50 with timeline=auto (ms) | ratio |"
echo "| --- | ---: | ---: | ---: |"
row "in-process (run_search)" "$in_plain" "$in_timeline"
row "HTTP, one keep-alive connection" "$http_plain" "$http_timeline"
