#!/usr/bin/env bash
# Benchmarks the project against its peers in the same run and prints one table.
#
#   bench/run.sh [--quick|--full|--growth|--million|--size|--http] [--build DIR]
#
# --quick (CI): a 510-article slice of bbc-news and 1,000 synthetic articles, one run
#   each, 2-second HTTP runs: checks that the harness works, not timings (~1-2 minutes).
# --full (by hand): bbc-news, SciFact, synthetic 1k and 10k articles, median of 3 runs
#   (1 at 10k), 10-second HTTP runs (~20 minutes on 2 idle cores). BENCH_100K=1 adds
#   100k synthetic articles (about an hour more), BENCH_1M=1 also 1M.
# --growth (by hand): only synthetic 10k and 100k (and 1M with BENCH_1M=1), indexing and
#   in-process search, no omindex, plus a table of how each cost grows (~20 min). At 100k
#   and 1M also an incremental run of 1% edits and HTTP over 2,000 distinct queries.
# --million (by hand): synthetic 100k then 1M, as --growth with BENCH_1M=1 without 10k.
# --http (by hand): bbc-news indexed once, then HTTP over 2,000 distinct queries against
#   the in-process rate of the same queries, 10-second wrk runs (~2 minutes).
# --size (by hand): only indexing, one run each, of bbc-news, SciFact and synthetic 10k
#   (BENCH_100K=1: also 100k), for the index-size table (~5 minutes; 100k ~10 more).
# Every mode prints the index size against FTS5's and the size of each Xapian table.
# 1M articles take 2-2.5 hours to index here (estimated from the 100k run of 2026-12-04)
#   and ~60 GB of free disk (6 GB of corpus, FTS5's 10 GB, the project's index and, while
#   a fresh build merges, its writer threads' shards); the
#   step is skipped, with a note, when the disk has less room than the 100k step predicts.
#
# Indexing: article-indexer vs SQLite FTS5 (bench-fts5, C API) vs Xapian omindex, each in
# a child process (bench-run: wall time, peak RSS from wait4). Search: bench-search
# (search_core in-process) vs bench-fts5 search over the same query mix. HTTP: wrk at 1
# and 64 keep-alive connections against article-server, nginx serving a static JSON file
# and bench-fixed-server (cpp-httplib, fixed JSON). Everything listens on 127.0.0.1 only.
# Generated corpora are cached in $BENCH_WORK (default /tmp/article-search-bench).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE=quick
BUILD="$ROOT/build"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --full) MODE=full ;;
    --growth) MODE=growth ;;
    --million) MODE=million ;;
    --http) MODE=http ;;
    --size) MODE=size ;;
    --build) BUILD="$2"; shift ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

# The peers, the word list the generator draws from and the load tool, installed when
# missing as the README's commands install theirs (python3-xapian: --size's floor).
source "$ROOT/scripts/lib.sh"
ensure_packages libsqlite3-dev wamerican wrk nginx-light xapian-omega curl python3-xapian

BIN="$BUILD/bench"
for tool in bench-run bench-fts5 bench-generate bench-queries bench-search bench-targets bench-fixed-server; do
  [ -x "$BIN/$tool" ] || { echo "bench/run.sh: $BIN/$tool missing: build first (cmake --build $BUILD)" >&2; exit 1; }
done
INDEXER="$BUILD/indexer/article-indexer"
SERVER="$BUILD/server/article-server"
# ../shared next to the checkout (or next to the worktrees' parent).
CORPORA="${BENCH_CORPORA:-}"
for candidate in "$ROOT/../shared/corpora" "$ROOT/../../shared/corpora"; do
  [ -z "$CORPORA" ] && [ -d "$candidate/bbc-news" ] && CORPORA="$(cd "$candidate" && pwd)"
done
[ -n "$CORPORA" ] || { echo "bench/run.sh: ../shared/corpora not found (set BENCH_CORPORA)" >&2; exit 1; }
WORK="${BENCH_WORK:-/tmp/article-search-bench}"
RUN="$(mktemp -d "${TMPDIR:-/tmp}/bench-run-XXXXXX")"
chmod 755 "$RUN"  # nginx workers may run as another user
LOG="$RUN/log.txt"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT

if [ "$MODE" = quick ] || [ "$MODE" = size ]; then
  RUNS=1; BIG_RUNS=1; HTTP_SECONDS=2; QUERY_PASSES=1; TIMEOUT=600
else
  RUNS=3; BIG_RUNS=1; HTTP_SECONDS=10; QUERY_PASSES=3; TIMEOUT=7200
fi
CORES="$(nproc)"
say() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# field VALUE_NAME LINE: the number after a name in "name value name value" output.
field() { awk -v k="$1" '{for (i = 1; i < NF; i++) if ($i == k) {print $(i + 1); exit}}' <<<"$2"; }
calc() { awk "BEGIN {printf \"$1\", $2}"; }

# A synthetic corpus of N articles, generated once (deterministic seed). The generator's
# version is in .complete: a corpus of an older generator is made again.
GENERATOR_VERSION=2
synthetic() {
  local n="$1" dir="$WORK/synthetic-$1"
  if [ "$(cat "$dir/.complete" 2>/dev/null)" != "$GENERATOR_VERSION" ]; then
    say "generating $n synthetic articles in $dir"
    rm -rf "$dir"
    "$BIN/bench-generate" "$dir" "$n" 42 6000
    echo "$GENERATOR_VERSION" >"$dir/.complete"
  fi
  echo "$dir"
}

# A 510-article slice of bbc-news (one topic folder), as a corpus folder of its own.
bbc_slice() {
  local dir="$WORK/bbc-business"
  if [ ! -d "$dir/business" ]; then
    mkdir -p "$dir"
    cp -r "$CORPORA/bbc-news/business" "$dir/"
  fi
  echo "$dir"
}

count_articles() {
  case "$1" in
    *.jsonl) grep -c . "$1" ;;
    *) find "$1" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l ;;
  esac
}
corpus_bytes() { du -sb --apparent-size "$1" | cut -f1; }

INDEX_ROWS=""
SEARCH_ROWS=""
HTTP_ROWS=""
# Per corpus label, the project's and FTS5's figures for the growth table:
# "articles index_s index_cpu_s search_p50 search_mean".
declare -A GROWTH_OURS GROWTH_FTS5

# index_engine NAME RUNS DB COMMAND...: prints "s_med s_min s_max rss_kb size_bytes".
index_engine() {
  local runs="$2" db="$3"
  shift 3
  local out
  out="$("$BIN/bench-run" "$runs" "$TIMEOUT" "$db" -- "$@" 2>>"$LOG")" || { echo "fail"; return 0; }
  echo "$(field s_med "$out") $(field s_min "$out") $(field s_max "$out") $(field rss_kb_med "$out") $(du -sb "$db" | cut -f1) $(field cpu_s_med "$out")"
}

# index_row LABEL ENGINE ARTICLES BYTES RESULT [FTS5_RATE]
index_row() {
  local label="$1" engine="$2" n="$3" bytes="$4" result="$5" peer_rate="${6:-}"
  if [ "$result" = fail ]; then
    INDEX_ROWS+="| $label | $engine | failed (see log) | | | | | | |"$'\n'
    return
  fi
  read -r s s_min s_max rss size cpu <<<"$result"
  local rate ratio=""
  rate="$(calc %.0f "$n / $s")"
  [ -n "$peer_rate" ] && ratio="$(calc %.2f "$rate / $peer_rate")×"
  INDEX_ROWS+="| $label | $engine | $rate ($(calc %.0f "$n / $s_max")–$(calc %.0f "$n / $s_min")) | $(calc %.2f "$bytes / 1e6 / $s") | $(calc %.0f "$rss / 1024") MB | $(calc %.1f "$size / 1e6") MB | $ratio | $(calc %.1f "$s") s | $(calc %.0f "$n / $cpu") |"$'\n'
}

# size_row LABEL OURS_DB FTS5_DB: the index sizes side by side, the ratio, and the bytes
# of each Xapian table of the project's database (its current generation).
SIZE_ROWS=""
size_row() {
  local label="$1" db="$2" fts="$3" ours fts_size gen tables="" table bytes
  [ -d "$db" ] && [ -f "$fts" ] || return 0
  ours="$(du -sb "$db" | cut -f1)"
  fts_size="$(du -sb "$fts" | cut -f1)"
  gen="$(awk '$1 == "glass" {print $2; exit}' "$db/XAPIANDB" 2>/dev/null)"
  for table in postlist position termlist docdata spelling; do
    bytes="$(stat -c %s "$db/$gen/$table.glass" 2>/dev/null || echo 0)"
    tables+=" $(calc %.2f "$bytes / 1e6") |"
  done
  SIZE_ROWS+="| $label | $(calc %.1f "$ours / 1e6") MB | $(calc %.1f "$fts_size / 1e6") MB | $(calc %.2f "$ours / $fts_size")× |$tables"$'\n'
}

# bench_floor LABEL CORPUS: the smallest Xapian database of the corpus's text with phrase
# search (bench/index_floor.py: one field, stemmed as Xapian does by default, positions,
# no stored data, compacted), beside FTS5's database with the text in it.
FLOOR_ROWS=""
bench_floor() {
  local label="$1" corpus="$2" out floor fts_size
  [ -f "$RUN/fts-$label.db" ] || return 0
  /usr/bin/python3 -c 'import xapian' 2>/dev/null || { say "python3-xapian missing: floor skipped"; return 0; }
  out="$(/usr/bin/python3 "$ROOT/bench/index_floor.py" "$corpus" "$RUN/floor-$label" 2>>"$LOG")" || return 0
  floor="$(field total_bytes "$out")"
  fts_size="$(du -sb "$RUN/fts-$label.db" | cut -f1)"
  rm -rf "$RUN/floor-$label"
  FLOOR_ROWS+="| $label | $(calc %.1f "$floor / 1e6") MB | $(calc %.1f "$fts_size / 1e6") MB | $(calc %.2f "$floor / $fts_size")× | $(calc %.2f "$(field position_bytes "$out") / 1e6") |"$'\n'
}

floor_section() {
  [ -n "$FLOOR_ROWS" ] || return 0
  printf '## Xapian floor (the text alone: stemmed terms, positions, no stored text or fields; compacted)\n'
  printf '| corpus | Xapian floor | SQLite FTS5 (with the text) | floor vs FTS5 | of it, positions (MB) |\n|---|---|---|---|---|\n'
  printf '%s\n' "$FLOOR_ROWS"
}

# bench_index LABEL CORPUS RUNS WITH_OMINDEX: indexes with every engine; leaves the
# project's database in $RUN/db-LABEL and FTS5's in $RUN/fts-LABEL.db for the searches.
bench_index() {
  local label="$1" corpus="$2" runs="$3" omindex="$4"
  local n bytes ours fts omega fts_rate
  n="$(count_articles "$corpus")"
  bytes="$(corpus_bytes "$corpus")"
  say "indexing $label ($n articles, $((bytes / 1000000)) MB), $runs run(s) per engine"
  fts="$(index_engine fts5 "$runs" "$RUN/fts-$label.db" "$BIN/bench-fts5" index "$RUN/fts-$label.db" "$corpus")"
  ours="$(index_engine ours "$runs" "$RUN/db-$label" "$INDEXER" --db "$RUN/db-$label" "$corpus")"
  fts_rate=""
  [ "$fts" != fail ] && fts_rate="$(calc %.0f "$n / $(cut -d' ' -f1 <<<"$fts")")"
  index_row "$label" "article-indexer" "$n" "$bytes" "$ours" "$fts_rate"
  [ "$ours" != fail ] && GROWTH_OURS[$label]="$n $(cut -d' ' -f1 <<<"$ours") $(cut -d' ' -f6 <<<"$ours")"
  [ "$fts" != fail ] && GROWTH_FTS5[$label]="$n $(cut -d' ' -f1 <<<"$fts") $(cut -d' ' -f6 <<<"$fts")"
  index_row "$label" "SQLite FTS5" "$n" "$bytes" "$fts"
  size_row "$label" "$RUN/db-$label" "$RUN/fts-$label.db"
  if [ "$omindex" = yes ] && [ -d "$corpus" ] && command -v omindex >/dev/null; then
    omega="$(index_engine omindex "$runs" "$RUN/omega-$label" omindex --db "$RUN/omega-$label" --url / "$corpus")"
    index_row "$label" "Xapian omindex" "$n" "$bytes" "$omega" "$fts_rate"
    rm -rf "$RUN/omega-$label"
  fi
}

# bench_search LABEL CORPUS: latency of the query mix in-process, ours vs FTS5.
bench_search() {
  local label="$1" corpus="$2"
  local queries="$RUN/queries-$label.tsv"
  "$BIN/bench-queries" "$corpus" >"$queries"
  say "searching $label ($(wc -l <"$queries") queries × $QUERY_PASSES pass(es), $RUNS run(s))"
  local engine args
  for engine in ours ours-and fts5; do
    case "$engine" in
      ours) args=("$BIN/bench-search" "$RUN/db-$label" "$queries" "$QUERY_PASSES") ;;
      ours-and) args=("$BIN/bench-search" "$RUN/db-$label" "$queries" "$QUERY_PASSES" all-words) ;;
      fts5) args=("$BIN/bench-fts5" search "$RUN/fts-$label.db" "$queries" "$QUERY_PASSES") ;;
    esac
    local p50s=() p95s=() p99s=() means=() out i
    for ((i = 0; i < RUNS; i++)); do
      out="$("${args[@]}" 2>>"$LOG")" || { out="p50_ms 0 p95_ms 0 p99_ms 0 mean_ms 0"; say "$engine search failed"; }
      p50s+=("$(field p50_ms "$out")"); p95s+=("$(field p95_ms "$out")")
      p99s+=("$(field p99_ms "$out")"); means+=("$(field mean_ms "$out")")
    done
    local stats
    stats="$(med_min_max "${p50s[@]}") $(med_min_max "${p95s[@]}") $(med_min_max "${p99s[@]}") $(med_min_max "${means[@]}")"
    eval "SEARCH_${engine//-/_}=\"$stats\""
  done
  local name shown
  for engine in ours ours-and fts5; do
    local var="SEARCH_${engine//-/_}"
    read -r p50 p50a p50b p95 _ _ p99 p99a p99b mean _ _ <<<"${!var}"
    read -r f50 _ _ _ _ _ f99 _ _ _ _ _ <<<"$SEARCH_fts5"
    case "$engine" in
      ours) name="article-search (server default: OR + all-words boost)" ;;
      ours-and) name="article-search (all words, as FTS5)" ;;
      fts5) name="SQLite FTS5 bm25() + snippet()" ;;
    esac
    shown=""
    [ "$engine" != fts5 ] && shown="p50 $(calc %.2f "$p50 / $f50")×, p99 $(calc %.2f "$p99 / $f99")×"
    SEARCH_ROWS+="| $label | $name | $p50 ($p50a–$p50b) | $p95 | $p99 ($p99a–$p99b) | $mean | $shown |"$'\n'
  done
  GROWTH_OURS[$label]+=" $(cut -d' ' -f1 <<<"$SEARCH_ours") $(cut -d' ' -f10 <<<"$SEARCH_ours")"
  GROWTH_FTS5[$label]+=" $(cut -d' ' -f1 <<<"$SEARCH_fts5") $(cut -d' ' -f10 <<<"$SEARCH_fts5")"
}

# med_min_max VALUES...: "median min max".
med_min_max() {
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {printf "%s %s %s", v[int((NR + 1) / 2)], v[1], v[NR]}'
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

# wait_http PORT PATH: up to 10 s for a 200.
wait_http() {
  local i
  for ((i = 0; i < 100; i++)); do
    curl -sf -o /dev/null "http://127.0.0.1:$1$2" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# wrk_row LABEL NAME PORT CONNECTIONS [TARGETS]: requests/s, p50, p99.
wrk_row() {
  local label="$1" name="$2" port="$3" conns="$4" targets="${5:-}" out threads=2
  [ "$conns" -lt "$threads" ] && threads="$conns"
  if [ -n "$targets" ]; then
    out="$(WRK_TARGETS="$targets" wrk -t"$threads" -c"$conns" -d"${HTTP_SECONDS}s" --latency \
      -s "$ROOT/bench/wrk_targets.lua" "http://127.0.0.1:$port" 2>>"$LOG")" || out=""
  else
    out="$(wrk -t"$threads" -c"$conns" -d"${HTTP_SECONDS}s" --latency "http://127.0.0.1:$port/fixed.json" 2>>"$LOG")" || out=""
  fi
  echo "$out" >>"$LOG"
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")"
  HTTP_ROWS+="| $label | $name | $conns | ${rps:-?} | ${p50:-?} | ${p99:-?} | ${errors:-} |"$'\n'
  LAST_RPS="${rps:-0}"
}

# bench_http LABEL CORPUS: the server under wrk at 1 and 64 connections, over a mix of
# $HTTP_QUERIES queries that all differ (the 300-query mix would be a loop that the page
# cache and Xapian's block cache learn), against the in-process single-thread rate of the
# same mix.
HTTP_QUERIES=2000
bench_http() {
  local label="$1" corpus="$2" port pid
  local queries="$RUN/queries-$label-distinct.tsv" targets="$RUN/targets-$label.txt"
  command -v wrk >/dev/null || { say "wrk missing: HTTP skipped"; return; }
  "$BIN/bench-queries" --distinct "$HTTP_QUERIES" "$corpus" >"$queries"
  "$BIN/bench-targets" "$queries" >"$targets"
  local out single_rate
  out="$("$BIN/bench-search" "$RUN/db-$label" "$queries" 1 2>>"$LOG")" || out="mean_ms 0"
  single_rate="$(calc %.0f "1000 / ($(field mean_ms "$out") + 1e-9)")"
  say "HTTP on $label: wrk ${HTTP_SECONDS}s at 1 and 64 connections, $(wc -l <"$queries") distinct queries"

  port="$(free_port)"
  "$SERVER" --db "$RUN/db-$label" --host 127.0.0.1 --port "$port" --threads 64 >>"$LOG" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  if wait_http "$port" /health; then
    wrk_row "$label" "article-server /api/search" "$port" 1 "$targets"
    wrk_row "$label" "article-server /api/search" "$port" 64 "$targets"
    local hwm
    HTTP_RATIO="$(calc %.2f "$LAST_RPS / ($CORES * $single_rate)")"
    hwm="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    HTTP_NOTES+="- $label: article-server at 64 connections over $(wc -l <"$queries") distinct queries: $LAST_RPS req/s = ${HTTP_RATIO}× (cores × the in-process single-thread rate of the same queries, $single_rate/s, mean $(field mean_ms "$out") ms p50 $(field p50_ms "$out") ms p99 $(field p99_ms "$out") ms); peak RSS under load $(calc %.0f "$hwm / 1024") MB."$'\n'
  else
    say "article-server did not start (see $LOG)"
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

bench_http_ceiling() {
  command -v wrk >/dev/null || return 0
  local port pid
  # nginx serving a small static JSON file.
  if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
    local nginx_bin
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
    port="$(free_port)"
    mkdir -p "$RUN/nginx/html" "$RUN/nginx/tmp"
    echo '{"hits":[{"id":"a","title":"Fixed answer","snippet":"the HTTP ceiling"}],"total":1}' >"$RUN/nginx/html/fixed.json"
    cat >"$RUN/nginx/nginx.conf" <<EOF
worker_processes $CORES;
pid $RUN/nginx/nginx.pid;
error_log $RUN/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $RUN/nginx/tmp; proxy_temp_path $RUN/nginx/tmp;
  fastcgi_temp_path $RUN/nginx/tmp; uwsgi_temp_path $RUN/nginx/tmp; scgi_temp_path $RUN/nginx/tmp;
  server { listen 127.0.0.1:$port; root $RUN/nginx/html; keepalive_requests 1000000; }
}
EOF
    chmod -R a+rX "$RUN/nginx"
    "$nginx_bin" -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -g 'daemon off;' >>"$LOG" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    if wait_http "$port" /fixed.json; then
      wrk_row "-" "nginx, static JSON file" "$port" 1
      wrk_row "-" "nginx, static JSON file" "$port" 64
    else
      say "nginx did not start (see $LOG)"
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  port="$(free_port)"
  "$BIN/bench-fixed-server" "$port" 64 >>"$LOG" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  if wait_http "$port" /fixed.json; then
    wrk_row "-" "cpp-httplib, fixed JSON" "$port" 1
    wrk_row "-" "cpp-httplib, fixed JSON" "$port" 64
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# growth_rows SMALL LARGE: for each engine, how much each cost grew from the SMALL corpus
# to the LARGE one, next to how much the corpus grew (linear growth: the same factor).
growth_rows() {
  local small="$1" large="$2" engine name
  for engine in OURS FTS5; do
    local -n figures="GROWTH_$engine"
    [ -n "${figures[$small]:-}" ] && [ -n "${figures[$large]:-}" ] || continue
    read -r n1 s1 c1 p1 m1 <<<"${figures[$small]}"
    read -r n2 s2 c2 p2 m2 <<<"${figures[$large]}"
    [ "$engine" = OURS ] && name="article-search" || name="SQLite FTS5"
    GROWTH_ROWS+="| $small → $large | $name | $(calc %.1f "$n2 / $n1")× | $(calc %.1f "$s2 / $s1")× | $(calc %.1f "$c2 / $c1")× | $(calc %.2f "(${p2:-0} + 1e-9) / (${p1:-0} + 1e-9)")× | $(calc %.2f "(${m2:-0} + 1e-9) / (${m1:-0} + 1e-9)")× |"$'\n'
  done
}
GROWTH_ROWS=""

http_section() {
  [ -n "$HTTP_ROWS" ] || return 0
  printf '## HTTP on 127.0.0.1 with wrk (%s s per row, keep-alive)\n' "$HTTP_SECONDS"
  printf '| corpus | server | connections | requests/s | p50 | p99 | errors |\n|---|---|---|---|---|---|---|\n'
  printf '%s\n%s\n' "$HTTP_ROWS" "$HTTP_NOTES"
}

growth_section() {
  [ -n "$GROWTH_ROWS" ] || return 0
  printf '## Growth (how much each cost grew; linear growth is the corpus factor for indexing time, and 1× for search when cost does not depend on the corpus)\n'
  printf '| corpora | engine | corpus | index wall time | index CPU time | search p50 | search mean |\n|---|---|---|---|---|---|---|\n'
  printf '%s\n%s' "$GROWTH_ROWS" "$GROWTH_NOTES"
}

# disk_for_1m_ok: whether the file systems of $RUN and $WORK have room for the 1M step,
# estimated from the 100k one: ten times FTS5's database and the project's, which a fresh
# build holds twice over while it merges its writer threads' shards (measured: the shards
# reach ~1.3 times the merged index), plus the corpus when it is not generated yet.
# Without the room, the step would fill the disk after an hour; it is skipped instead.
GROWTH_NOTES=""
disk_for_1m_ok() {
  local ours fts corpus=0 need free
  ours="$(du -sb "$RUN/db-synthetic-100k" | cut -f1)"
  fts="$(du -sb "$RUN/fts-synthetic-100k.db" | cut -f1)"
  [ "$(cat "$WORK/synthetic-1000000/.complete" 2>/dev/null)" = "$GENERATOR_VERSION" ] ||
    corpus="$(du -sb "$WORK/synthetic-100000" | cut -f1)"
  need="$(calc %.0f "10 * (2.4 * $ours + $fts + $corpus)")"
  # The 100k databases are no longer needed: their figures are taken.
  free="$(df --output=avail -B1 "$RUN" | tail -n 1)"
  free=$((free + ours + fts))
  if [ "$need" -le "$free" ]; then
    rm -rf "$RUN/db-synthetic-100k" "$RUN/fts-synthetic-100k.db"
    return 0
  fi
  GROWTH_NOTES+="- synthetic-1m skipped: it needs about $((need / 1000000000)) GB of free disk (estimated from the 100k step), and $((free / 1000000000)) GB are free."$'\n'
  say "skipping synthetic-1m: needs about $((need / 1000000000)) GB of disk, $((free / 1000000000)) GB free"
  return 1
}

# bench_incremental LABEL CORPUS: an incremental article-indexer run over LABEL's database
# after 1% of the articles changed (every 100th file, in name order, gets a sentence
# more); the files are put back afterwards, so the cached corpus stays as generated.
bench_incremental() {
  local label="$1" corpus="$2" n out f
  local db="$RUN/db-$label" list="$RUN/edited-$label.txt" backup="$RUN/originals-$label"
  [ -d "$db" ] && [ -d "$corpus" ] || return 0
  find "$corpus" -type f -name '*.txt' | sort | awk 'NR % 100 == 0' >"$list"
  n="$(wc -l <"$list")"
  say "incremental run on $label: $n articles changed"
  mkdir -p "$backup"
  while IFS= read -r f; do
    cp --parents "$f" "$backup"
    printf '\nA correction was appended to this article for the incremental run.\n' >>"$f"
  done <"$list"
  out="$("$BIN/bench-run" 1 "$TIMEOUT" - -- "$INDEXER" --db "$db" "$corpus" 2>>"$LOG")" || out=""
  cp -a "$backup/." /
  rm -rf "$backup"
  if [ -z "$out" ]; then
    INCREMENTAL_ROWS+="| $label | $n | failed (see log) | | | |"$'\n'
    return
  fi
  local s cpu rss
  s="$(field s_med "$out")"; cpu="$(field cpu_s_med "$out")"; rss="$(field rss_kb_med "$out")"
  INCREMENTAL_ROWS+="| $label | $n | $(calc %.1f "$s") s | $(calc %.0f "$n / $s") | $(calc %.1f "$cpu") s | $(calc %.0f "$rss / 1024") MB |"$'\n'
}
INCREMENTAL_ROWS=""

incremental_section() {
  [ -n "$INCREMENTAL_ROWS" ] || return 0
  printf '## Incremental runs (1%% of the articles changed, one run each)\n'
  printf '| corpus | changed | wall time | changed articles/s | CPU time | peak RSS |\n|---|---|---|---|---|---|\n'
  printf '%s\n' "$INCREMENTAL_ROWS"
}

# bench_large: synthetic 100k (and 1M with BENCH_1M=1), one run each, after synthetic-10k,
# with the rows of how each cost grew.
bench_large() {
  local syn100k
  syn100k="$(synthetic 100000)"
  bench_index synthetic-100k "$syn100k" 1 no
  bench_search synthetic-100k "$syn100k"
  bench_incremental synthetic-100k "$syn100k"
  bench_http synthetic-100k "$syn100k"
  growth_rows synthetic-10k synthetic-100k
  if [ "${BENCH_1M:-0}" = 1 ] && disk_for_1m_ok; then
    local syn1m
    syn1m="$(synthetic 1000000)"
    bench_index synthetic-1m "$syn1m" 1 no
    # One run of one pass at 1M: FTS5 takes ~0.4 s a query there.
    RUNS=1 QUERY_PASSES=1 bench_search synthetic-1m "$syn1m"
    bench_incremental synthetic-1m "$syn1m"
    bench_http synthetic-1m "$syn1m"
    growth_rows synthetic-100k synthetic-1m
  fi
}

STARTED=$(date +%s)
HTTP_NOTES=""
mkdir -p "$WORK"
if [ "$MODE" = growth ]; then
  SYN10K="$(synthetic 10000)"
  bench_index synthetic-10k "$SYN10K" 1 no
  bench_search synthetic-10k "$SYN10K"
  bench_large
elif [ "$MODE" = http ]; then
  bench_index bbc-news "$CORPORA/bbc-news" 1 no
  bench_http bbc-news "$CORPORA/bbc-news"
elif [ "$MODE" = million ]; then
  BENCH_1M=1 bench_large
elif [ "$MODE" = size ]; then
  bench_index bbc-news "$CORPORA/bbc-news" 1 no
  bench_floor bbc-news "$CORPORA/bbc-news"
  bench_index scifact "$CORPORA/scifact/corpus.jsonl" 1 no
  bench_floor scifact "$CORPORA/scifact/corpus.jsonl"
  bench_index synthetic-10k "$(synthetic 10000)" 1 no
  if [ "${BENCH_100K:-0}" = 1 ]; then bench_index synthetic-100k "$(synthetic 100000)" 1 no; fi
elif [ "$MODE" = quick ]; then
  SLICE="$(bbc_slice)"
  SYN="$(synthetic 1000)"
  bench_index bbc-business "$SLICE" "$RUNS" yes
  bench_index synthetic-1k "$SYN" "$RUNS" no
  bench_search bbc-business "$SLICE"
  bench_search synthetic-1k "$SYN"
  bench_incremental synthetic-1k "$SYN"
  bench_http bbc-business "$SLICE"
else
  SYN1K="$(synthetic 1000)"
  SYN10K="$(synthetic 10000)"
  bench_index bbc-news "$CORPORA/bbc-news" "$RUNS" yes
  bench_index scifact "$CORPORA/scifact/corpus.jsonl" "$RUNS" no
  bench_index synthetic-1k "$SYN1K" "$RUNS" yes
  bench_index synthetic-10k "$SYN10K" "$BIG_RUNS" yes
  bench_search bbc-news "$CORPORA/bbc-news"
  bench_search synthetic-1k "$SYN1K"
  bench_search synthetic-10k "$SYN10K"
  bench_http bbc-news "$CORPORA/bbc-news"
  if [ "${BENCH_100K:-0}" = 1 ] || [ "${BENCH_1M:-0}" = 1 ]; then bench_large; fi
fi
if [ "$MODE" = full ] || [ "$MODE" = quick ]; then bench_http_ceiling; fi

cat <<EOF

# article-search benchmarks ($MODE mode, $(date -u +%Y-%m-%d\ %H:%M) UTC)
Machine: $CORES cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM.
Runs: median of $RUNS (min–max), big corpora $BIG_RUNS; search: $QUERY_PASSES pass(es) of the query mix per run.

## Indexing (articles/s: median (min–max); ratio = articles/s vs FTS5)
| corpus | engine | articles/s | MB/s | peak RSS | index size | vs FTS5 | wall | articles per CPU-second |
|---|---|---|---|---|---|---|---|---|
$INDEX_ROWS
## Index size (on disk; ratio = the project's size / FTS5's, content included in both; MB per Xapian table)
| corpus | article-indexer | SQLite FTS5 | vs FTS5 | postlist | position | termlist | docdata | spelling |
|---|---|---|---|---|---|---|---|---|
$SIZE_ROWS
## Search in-process, one thread, top 10 with snippets (ms; median of runs (min–max))
| corpus | engine | p50 | p95 | p99 | mean | ratio vs FTS5 (lower is better) |
|---|---|---|---|---|---|---|
$SEARCH_ROWS
$(http_section)
$(growth_section)
$(incremental_section)
$(floor_section)
Total time: $(( $(date +%s) - STARTED )) s.
EOF
