#!/usr/bin/env bash
# Records what the server answers to the benchmark query mix, so a refactoring can show
# that behaviour did not change: run it before and after, then diff the two files.
#
#   bench/answers_snapshot.sh OUT [--build DIR]
#
# Indexes bbc-news and the bundled corpus (one database), starts article-server on a free
# loopback port and asks it, for each of the 300 queries of the mix (bench-queries, fixed
# seed): the search as is and with sort=newest, sort=oldest, partial=true,
# highlight=false; the top hit's document (with q) and its similar articles; a suggestion
# for the first word's prefix. Also /health and the index digest (every id and checksum).
# Each answer is one line, `TARGET<TAB>STATUS<TAB>BODY`, with `took_ms` (a timing) removed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: bench/answers_snapshot.sh OUT [--build DIR]}"
[ "${2:-}" = "--build" ] && BUILD="$(cd "${3:?--build needs a folder}" && pwd)"
source "$ROOT/scripts/hardening-lib.sh"
ensure_built
for tool in "$BUILD/bench/bench-queries" "$BUILD/bench/bench-targets"; do
  [ -x "$tool" ] || { echo "missing $tool: build first"; exit 1; }
done

WORK="$(mktemp -d)"
trap 'stop_server; rm -rf "$WORK"' EXIT
"$INDEXER" --db "$WORK/db" "$CORPORA/bbc-news" "$ROOT/corpus" >/dev/null 2>"$WORK/index.log"
"$BUILD/bench/bench-queries" "$CORPORA/bbc-news" >"$WORK/queries.tsv"
"$BUILD/bench/bench-targets" "$WORK/queries.tsv" >"$WORK/targets.txt"
start_server "$WORK/db" "$WORK/server.log" --searches 2

# answer TARGET: one line for the snapshot.
answer() {
  local body status
  body=$(curl -sS --max-time 10 -w '\n%{http_code}' "http://127.0.0.1:$SERVER_PORT$1")
  status="${body##*$'\n'}"
  body="${body%$'\n'*}"
  printf '%s\t%s\t%s\n' "$1" "$status" "$(jq -cS 'del(.took_ms)' <<<"$body" 2>/dev/null || echo "$body")"
}

{
  "$DIGEST" "$WORK/db"
  answer /health
  while IFS= read -r target; do
    for extra in "" "&sort=newest" "&sort=oldest" "&partial=true" "&highlight=false"; do
      answer "$target$extra"
    done
    q=$(sed -E 's/^[^?]*\?(.*&)?q=([^&]*).*/\2/' <<<"$target")
    top=$(curl -sS --max-time 10 "http://127.0.0.1:$SERVER_PORT$target" | jq -r '.hits[0].id // empty')
    if [ -n "$top" ]; then
      answer "/api/documents/$top?q=$q"
      answer "/api/similar/$top?limit=5"
    fi
    answer "/api/suggest?q=$(cut -c1-3 <<<"${q%%[+%]*}")"
  done <"$WORK/targets.txt"
} >"$OUT"
echo "$(wc -l <"$OUT") answers in $OUT"
