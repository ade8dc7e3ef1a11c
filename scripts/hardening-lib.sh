# Shared by the hardening checks (60-62): the build, a server on a free loopback port, the
# request mix. Sourced, not run.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CORPORA="${CORPORA:-$ROOT/../shared/corpora}"
BUILD="${BUILD:-$ROOT/build}"
INDEXER="$BUILD/indexer/article-indexer"
SERVER="$BUILD/server/article-server"
LOAD="$BUILD/tests/hardening/article-load"
DIGEST="$BUILD/tests/hardening/article-index-digest"

# Builds build/ with the tests (so the tools exist) unless they are there already.
ensure_built() {
  [ -d "$CORPORA/bbc-news" ] && [ -f "$CORPORA/scifact/queries.jsonl" ] ||
    { echo "no test corpora at $CORPORA (set CORPORA=/path/to/shared/corpora)"; return 1; }
  ensure_packages "${BUILD_PACKAGES[@]}" curl
  if [ ! -x "$LOAD" ] || [ ! -x "$SERVER" ] || [ ! -x "$DIGEST" ]; then
    configure_and_build "$BUILD" -DBUILD_TESTING=ON
  fi
}

# start_server DB LOG [options...]: starts article-server on a free port; sets SERVER_PID
# and SERVER_PORT. Fails after 30 s without the "serving" line.
start_server() {
  local db="$1" log="$2"
  shift 2
  rm -f "$log" "$log.out"  # never read the port of an earlier server from a stale log
  : >"$log.out"
  "$SERVER" --db "$db" --port 0 "$@" >"$log.out" 2>"$log" &
  SERVER_PID=$!
  SERVER_PORT=""
  local i
  for i in $(seq 1 300); do
    SERVER_PORT=$(grep -Eo 'http://127\.0\.0\.1:[0-9]+' "$log.out" 2>/dev/null | grep -Eo '[0-9]+$' || true)
    [ -n "$SERVER_PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "article-server did not start:"; cat "$log" "$log.out" | tail -20
  return 1
}

stop_server() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# get PATH: the body of GET PATH on the server (fails on a non-2xx answer).
get() { curl -sS --fail --max-time 10 "http://127.0.0.1:$SERVER_PORT$1"; }
# status PATH: the HTTP status of GET PATH.
status() { curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$SERVER_PORT$1"; }

# make_mix FILE [with-documents]: realistic requests, tab-separated for article-load:
# SciFact's query texts, BBC News titles (first words, with filters, sorts, pages),
# suggestions of title-word prefixes, and (optionally) documents and similar ones.
make_mix() {
  local mix="$1" with_documents="${2:-}"
  : >"$mix"
  head -n 400 "$CORPORA/scifact/queries.jsonl" | sed -E 's/.*"text": *"(([^"\\]|\\.)*)".*/\1/' |
    while IFS= read -r text; do printf 'search\t%s\t\n' "$text"; done >>"$mix"
  local extras=("" "&sort=newest" "&source=business" "&page=2" "&per_page=20" "&highlight=false" "&sort=oldest" "")
  local n=0 file title
  for file in "$CORPORA"/bbc-news/*/0[0-9]*.txt; do
    n=$((n + 1))
    [ $((n % 3)) -eq 0 ] || continue
    title=$(head -n 1 "$file" | tr -d '\r"')
    printf 'search\t%s\t%s\n' "$(echo "$title" | cut -d' ' -f1-3)" "${extras[$((n % 8))]}"
    printf 'suggest\t%s\n' "$(echo "$title" | cut -d' ' -f1 | cut -c1-4 | tr 'A-Z' 'a-z')"
    if [ -n "$with_documents" ]; then
      local id="${file#"$CORPORA"/bbc-news/}"
      printf 'document\t%s\n' "${id%.txt}"
      [ $((n % 6)) -eq 0 ] && printf 'similar\t%s\n' "${id%.txt}"
    fi
  done >>"$mix"
  printf 'search\t\t&sort=newest\nsearch\t\t&source=sport&year=2005\n' >>"$mix"
}
