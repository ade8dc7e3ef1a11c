#!/usr/bin/env bash
# Search latency and throughput over 1, 2 and 4 shards, local and remote (xapian-tcpsrv on
# 127.0.0.1), on the same corpus and query mix. Prints a Markdown table.
#
#   bench/shards_bench.sh [--build DIR] [--reps N] [--passes N]
#
# Corpus: bbc-news (2,225 articles) from ../shared/corpora; queries: bench-queries' mix
# (300). Each configuration runs `--reps` times (default 3) with 1 thread and the median
# (by qps) is shown, then once with 2 threads. Remote shards are served one xapian-tcpsrv
# each; "1 remote" serves the unsharded database the same way.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
REPS=3
PASSES=2
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$2"; shift ;;
    --reps) REPS="$2"; shift ;;
    --passes) PASSES="$2"; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "shards_bench.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
for tool in "$BUILD/bench/bench-shards" "$BUILD/bench/bench-queries" "$BUILD/indexer/article-indexer"; do
  [ -x "$tool" ] || { echo "shards_bench.sh: $tool missing: build first" >&2; exit 1; }
done
command -v xapian-tcpsrv >/dev/null || { echo "shards_bench.sh: xapian-tcpsrv missing (apt-get install xapian-tools)" >&2; exit 1; }
CORPORA="${BENCH_CORPORA:-}"
for candidate in "$ROOT/../shared/corpora" "$ROOT/../../shared/corpora"; do
  [ -z "$CORPORA" ] && [ -d "$candidate/bbc-news" ] && CORPORA="$(cd "$candidate" && pwd)"
done
[ -n "$CORPORA" ] || { echo "shards_bench.sh: ../shared/corpora not found (set BENCH_CORPORA)" >&2; exit 1; }

RUN="$(mktemp -d "${TMPDIR:-/tmp}/bench-shards-XXXXXX")"
GROUPS_STARTED=()
cleanup() {
  # xapian-tcpsrv runs in its own process group (setsid): it signals its group on exit.
  for pgid in "${GROUPS_STARTED[@]}"; do kill -TERM -- "-$pgid" 2>/dev/null || true; done
  sleep 0.2
  for pgid in "${GROUPS_STARTED[@]}"; do kill -KILL -- "-$pgid" 2>/dev/null || true; done
  rm -rf "$RUN"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# serve DB STUB: starts xapian-tcpsrv for DB and appends its `remote` line to STUB.
serve() {
  local port
  port="$(free_port)"
  setsid xapian-tcpsrv --quiet --port "$port" --interface 127.0.0.1 "$1" >/dev/null 2>&1 &
  GROUPS_STARTED+=("$!")
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.05
  done
  echo "remote 127.0.0.1:$port" >>"$2"
}

CORPUS="$CORPORA/bbc-news"
"$BUILD/bench/bench-queries" "$CORPUS" >"$RUN/queries.tsv"
for n in 1 2 4; do
  if [ "$n" = 1 ]; then
    "$BUILD/indexer/article-indexer" --db "$RUN/db-1" "$CORPUS" >/dev/null
    serve "$RUN/db-1" "$RUN/remote-1.stub"
  else
    "$BUILD/indexer/article-indexer" --db "$RUN/db-$n" --shards "$n" "$CORPUS" >/dev/null
    for ((i = 0; i < n; i++)); do serve "$RUN/db-$n/shard-$i-of-$n" "$RUN/remote-$n.stub"; done
  fi
done

# median_of REPS THREADS DB: the run with the median qps.
median_of() {
  local reps="$1" threads="$2"
  shift 2
  for ((r = 0; r < reps; r++)); do
    "$BUILD/bench/bench-shards" "$RUN/queries.tsv" "$PASSES" "$threads" "$@"
  done | sort -t' ' -k12 -g | sed -n "$(((reps + 1) / 2))p"
}
field() { awk -v k="$1" '{for (i = 1; i < NF; i++) if ($i == k) print $(i + 1)}'; }

echo "| shards | where | p50 ms | p99 ms | qps, 1 thread | qps, 2 threads |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
for where in local remote; do
  for n in 1 2 4; do
    if [ "$where" = local ]; then db="$RUN/db-$n"; else db="$RUN/remote-$n.stub"; fi
    one="$(median_of "$REPS" 1 "$db")"
    two="$(median_of 1 2 "$db")"
    printf '| %s | %s | %s | %s | %s | %s |\n' "$n" "$where" "$(echo "$one" | field p50_ms)" \
      "$(echo "$one" | field p99_ms)" "$(echo "$one" | field qps)" "$(echo "$two" | field qps)"
  done
done
