#!/usr/bin/env bash
# Sustained load: the real article-server over BBC News and SciFact, driven by article-load
# with a realistic mix (SciFact queries, BBC titles with filters/sorts/pages, suggestions,
# documents, similar) at 64 keep-alive connections. Fails on any error or non-2xx answer,
# or when the server's RSS grows (last-quarter median > first-quarter median + 10% + 8 MB).
#   LOAD_SECONDS=600 LOAD_CONNECTIONS=128 LOAD_DB=/tmp/load-db scripts/checks/61-load.sh  # by hand
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../hardening-lib.sh"
ensure_built

LOAD_SECONDS="${LOAD_SECONDS:-60}"
LOAD_WARMUP="${LOAD_WARMUP:-10}"
LOAD_CONNECTIONS="${LOAD_CONNECTIONS:-64}"
LOAD_THREADS="${LOAD_THREADS:-64}"  # httplib serves a keep-alive connection per worker

work=$(mktemp -d /tmp/article-search-load-XXXXXX)
trap 'stop_server; rm -rf "$work"' EXIT

db="${LOAD_DB:-$work/db}"  # LOAD_DB: keep the index between runs by hand
"$INDEXER" --db "$db" "$CORPORA/bbc-news" "$CORPORA/scifact/corpus.jsonl" 2>&1 | tail -n 1
make_mix "$work/mix.tsv" with-documents
start_server "$db" "$work/server.log" --threads "$LOAD_THREADS"
echo "load: $LOAD_CONNECTIONS connections, ${LOAD_WARMUP}s warm-up + ${LOAD_SECONDS}s, server pid $SERVER_PID, $LOAD_THREADS threads"
"$LOAD" --port "$SERVER_PORT" --mix "$work/mix.tsv" --connections "$LOAD_CONNECTIONS" \
  --seconds "$LOAD_SECONDS" --warmup "$LOAD_WARMUP" --pid "$SERVER_PID"
kill -0 "$SERVER_PID" || { echo "the server died under load"; exit 1; }
[ "$(status /health)" = 200 ] || { echo "unhealthy after the load"; exit 1; }
