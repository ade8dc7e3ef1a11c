#!/usr/bin/env bash
# Faults, on BBC News (../shared/corpora/bbc-news):
# 1. Reindex under load: while article-load searches, the corpus changes (articles edited,
#    added, deleted) and the indexer runs again and again, every other run --rebuild.
#    8 keep-alive connections. Zero failed requests, and after each run the new words are found, the deleted article
#    is gone and the edited one found by its new text.
# 2. Crash-safe indexing: article-indexer killed with SIGKILL at random moments of fresh,
#    --rebuild and incremental runs. After every kill the database opens and passes
#    xapian-check, a server started on it serves the revision and document count the
#    database has, and the next uninterrupted run leaves the same index as a clean run
#    (same document count, ids and content checksums).
#   FAULT_ROUNDS=20 KILL_POINTS=60 scripts/checks/62-faults.sh      # longer, by hand
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../hardening-lib.sh"
ensure_built

FAULT_ROUNDS="${FAULT_ROUNDS:-6}"
KILL_POINTS="${KILL_POINTS:-20}"
KILL_SEED="${KILL_SEED:-$$}"

work=$(mktemp -d /tmp/article-search-faults-XXXXXX)
LOAD_PID=""
cleanup() {
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# ---- 1. reindex under load -------------------------------------------------------------
reindex_under_load() {
  local corpus="$work/live" db="$work/live-db"
  cp -r "$CORPORA/bbc-news" "$corpus"
  "$INDEXER" --db "$db" "$corpus" 2>&1 | tail -n 1
  # The mix reads documents only from tech/, which the rounds leave alone.
  make_mix "$work/mix-all.tsv" with-documents
  grep -v -P '^(document|similar)\t(?!tech/)' "$work/mix-all.tsv" >"$work/mix.tsv"
  start_server "$db" "$work/live-server.log" --threads 8
  # The load runs until the rounds are done (SIGTERM), at most 15 minutes. 8 connections:
  # on 2 cores, 32 busy ones starve the indexer (a --rebuild took minutes instead of seconds).
  "$LOAD" --port "$SERVER_PORT" --mix "$work/mix.tsv" --connections 8 --seconds 900 \
    --warmup 0 >"$work/live-load.txt" 2>&1 &
  LOAD_PID=$!
  sleep 2
  local round
  for round in $(seq 1 "$FAULT_ROUNDS"); do
    kill -0 "$LOAD_PID" 2>/dev/null || fail "the load ended before round $round"
    local edited deleted added="business/hardening-$round"
    edited=$(printf 'business/%03d' "$round")
    deleted=$(printf 'business/%03d' $((100 + round)))
    printf '\nA late correction mentions zqxedited%s here.\n' "$round" >>"$corpus/$edited.txt"
    printf 'Hardening round %s\n\nA new article about zqxadded%s, added under load.\n' "$round" "$round" \
      >"$corpus/$added.txt"
    rm "$corpus/$deleted.txt"
    local mode=""
    [ $((round % 2)) -eq 0 ] && mode="--rebuild"
    "$INDEXER" --db "$db" --wait-lock 30 $mode "$corpus" 2>&1 | tail -n 1 | sed "s/^/round $round ${mode:-incremental}: /"
    get "/api/search?q=zqxadded$round" | grep -q "\"id\":\"$added\"" || fail "round $round: new article not found"
    get "/api/search?q=zqxedited$round" | grep -q "\"id\":\"$edited\"" || fail "round $round: edit not found"
    [ "$(status "/api/documents/$deleted")" = 404 ] || fail "round $round: deleted article still served"
    [ "$(status "/api/documents/$added")" = 200 ] || fail "round $round: added article not served"
  done
  sleep 2
  kill -TERM "$LOAD_PID"
  wait "$LOAD_PID" || { cat "$work/live-load.txt"; fail "requests failed during reindexing"; }
  LOAD_PID=""
  sed 's/^/  /' "$work/live-load.txt"
  stop_server
  echo "reindex under load: $FAULT_ROUNDS rounds (edit, add, delete; every other --rebuild), zero failed requests"
}

# ---- 2. crash-safe indexing ------------------------------------------------------------
# check_database DB: opens, passes xapian-check, and a server on it agrees with it.
check_database() {
  local db="$1" digest revision documents generation health
  if [ ! -e "$db/XAPIANDB" ]; then
    # Killed before the first commit: there is no database yet, and a server says so.
    if "$SERVER" --db "$db" --port 0 >/dev/null 2>"$work/refused.log"; then fail "a server started without a database"; fi
    grep -q "cannot open the database" "$work/refused.log" || fail "unclear message: $(cat "$work/refused.log")"
    echo "none"
    return 0
  fi
  digest=$("$DIGEST" --revision "$db") || fail "the database does not open after a kill"
  revision=$(echo "$digest" | sed -n 's/^revision //p')
  documents=$(echo "$digest" | sed -n 's/^documents //p')
  generation=$(awk '{print $2}' "$db/XAPIANDB")
  xapian-check "$db/$generation" >"$work/check.log" 2>&1 || { cat "$work/check.log"; fail "xapian-check failed"; }
  start_server "$db" "$work/kill-server.log" --threads 2
  health=$(get /health)
  stop_server
  echo "$health" | grep -q "\"documents\":$documents," || fail "server shows $health, database has $documents documents"
  echo "$health" | grep -q "\"revision\":$revision," || fail "server shows $health, database is at revision $revision"
  echo "$documents docs @ r$revision"
}

crash_safe_indexing() {
  local pristine="$CORPORA/bbc-news" corpus="$work/kill-corpus" db="$work/kill-db" ref="$work/ref-db"
  local started ended
  started=$(date +%s%N)
  "$INDEXER" --db "$ref" "$pristine" >/dev/null 2>&1
  ended=$(date +%s%N)
  local full_ms=$(((ended - started) / 1000000))
  "$DIGEST" "$ref" >"$work/ref.digest"
  echo "clean run: $(head -n 1 "$work/ref.digest"), ${full_ms} ms"
  RANDOM=$KILL_SEED
  local kills=0 finished=0 attempts=0 max_attempts=$((KILL_POINTS * 3)) mode pid delay_ms state
  # Kills land at a random moment of each run's expected span. A run that finishes first
  # shows the span was too long for this machine's speed: that mode's span shrinks.
  local -A span_ms=([fresh]=$full_ms [rebuild]=$full_ms [incremental]=$((full_ms / 4)))
  cp -r "$pristine" "$corpus"
  while [ "$kills" -lt "$KILL_POINTS" ] && [ "$attempts" -lt "$max_attempts" ]; do
    attempts=$((attempts + 1))
    local args=()
    case $((attempts % 3)) in
      0) mode=fresh; rm -rf "$db" ;;
      1) mode=rebuild; args=(--rebuild) ;;
      2) mode=incremental  # the corpus has moved on: edits, deletions
         find "$corpus/business" -name '0[0-4]*.txt' -exec sh -c 'echo "edited before a kill" >>"$1"' _ {} \;
         rm -f "$corpus"/sport/0[0-4]*.txt ;;
    esac
    [ "$mode" != fresh ] && [ ! -e "$db/XAPIANDB" ] && { mode=fresh; args=(); }
    delay_ms=$((RANDOM % (span_ms[$mode] + 1) + 10))
    "$INDEXER" --db "$db" "${args[@]}" "$corpus" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    if kill -KILL "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      kills=$((kills + 1))
      if ! state=$(check_database "$db"); then echo "$state"; exit 1; fi
      printf 'kill %2d: %-11s at %5d ms: %s\n' "$kills" "$mode" "$delay_ms" "$state"
    else
      wait "$pid" || fail "an uninterrupted $mode run failed"
      finished=$((finished + 1))
      span_ms[$mode]=$((span_ms[$mode] * 2 / 3))
    fi
    # The next uninterrupted run over the original corpus leaves the clean run's index.
    rm -rf "$corpus" && cp -r "$pristine" "$corpus"
    "$INDEXER" --db "$db" "$corpus" >/dev/null 2>"$work/recover.log" || { cat "$work/recover.log"; fail "the run after a kill failed"; }
    "$DIGEST" "$db" >"$work/db.digest"
    diff -q "$work/ref.digest" "$work/db.digest" >/dev/null ||
      { diff "$work/ref.digest" "$work/db.digest" | head; fail "the index after kill $kills differs from a clean run"; }
  done
  [ "$kills" -ge "$KILL_POINTS" ] || fail "only $kills kill points landed in $attempts runs"
  echo "crash-safe indexing: $kills kill points survived, $finished runs finished before their kill (seed $KILL_SEED)"
}

# FAULT_PARTS picks parts by hand, e.g. FAULT_PARTS=kill.
case " ${FAULT_PARTS:-reindex kill} " in *" reindex "*) reindex_under_load ;; esac
case " ${FAULT_PARTS:-reindex kill} " in *" kill "*) crash_safe_indexing ;; esac
