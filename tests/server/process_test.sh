#!/usr/bin/env bash
# The article-server process: it prints its URL, answers the --health-check probe, logs one
# line per request, and on SIGTERM finishes and exits 0. Every wait is bounded.
# Usage: process_test.sh ARTICLE_SERVER ARTICLE_INDEXER CORPUS_DIR
set -euo pipefail
server=$1 indexer=$2 corpus=$3
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$indexer" --db "$work/db" "$corpus" >/dev/null 2>&1
"$server" --db "$work/db" --port 0 --threads 2 >"$work/out" 2>"$work/err" &
pid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/out")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "no URL printed"; cat "$work/err"; exit 1; }

"$server" --health-check "$port" || { echo "health probe failed"; exit 1; }
"$server" --health-check "http://127.0.0.1:$port" || { echo "health probe by URL failed"; exit 1; }

kill -TERM "$pid"
status=0
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
wait "$pid" || status=$?
pid=
[ "$status" -eq 0 ] || { echo "exit status $status after SIGTERM"; cat "$work/err"; exit 1; }
grep -q '^GET /health 200 [0-9.]*ms$' "$work/err" || { echo "no request log line"; cat "$work/err"; exit 1; }
grep -q 'article-server: stopped' "$work/err" || { echo "no clean stop"; cat "$work/err"; exit 1; }
if "$server" --health-check "$port" 2>/dev/null; then echo "probe succeeded after stop"; exit 1; fi
echo "ok"
