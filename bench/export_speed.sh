#!/usr/bin/env bash
# Export speed: every article of bbc-news through GET /api/export, in articles/s.
#
#   bench/export_speed.sh [--runs N] [--limit L] [--build DIR]
#
# Indexes ../shared/corpora/bbc-news (2,225 articles; BENCH_CORPORA overrides the folder
# of corpora) into a temporary database, starts article-server on 127.0.0.1, and exports
# everything RUNS times (default 5) with pages of L records (default 1000, the server's
# default), following X-Next-Cursor over one keep-alive connection (Python's http.client,
# which reads each page whole). One unmeasured export warms the caches first. Prints each
# run and the median: articles/s, MB/s of JSON Lines, and pages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=5
LIMIT=1000
BUILD="$ROOT/build"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift ;;
    --limit) LIMIT="$2"; shift ;;
    --build) BUILD="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/export_speed.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

CORPUS="${BENCH_CORPORA:-$ROOT/../shared/corpora}/bbc-news"
[ -d "$CORPUS" ] || { echo "export_speed.sh: $CORPUS not found (see ../shared/corpora/README.md)" >&2; exit 2; }
for tool in indexer/article-indexer server/article-server; do
  [ -x "$BUILD/$tool" ] || { echo "missing $BUILD/$tool: build first" >&2; exit 2; }
done

source "$ROOT/bench/lib.sh"
bench_dir export-speed

"$BUILD/indexer/article-indexer" --db "$RUN/db" "$CORPUS" >"$RUN/log.txt" 2>&1
start_server "$RUN/db"

python3 - "$PORT" "$RUNS" "$LIMIT" <<'PY'
import http.client, statistics, sys, time

port, runs, limit = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])

def export_all(connection):
    """(articles, bytes, pages) of one whole export; at most 100,000 pages."""
    articles = size = pages = 0
    cursor = None
    for _ in range(100000):
        target = f"/api/export?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        connection.request("GET", target)
        answer = connection.getresponse()
        body = answer.read()
        if answer.status != 200:
            sys.exit(f"{target}: {answer.status} {body[:200]!r}")
        articles += body.count(b"\n")
        size += len(body)
        pages += 1
        cursor = answer.getheader("X-Next-Cursor")
        if not cursor:
            return articles, size, pages
    sys.exit("the export never ended")

connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
export_all(connection)  # warm the caches
rates = []
for run in range(runs):
    started = time.perf_counter()
    articles, size, pages = export_all(connection)
    seconds = time.perf_counter() - started
    rates.append((articles / seconds, size / seconds / 1e6))
    print(f"run {run + 1}: {articles} articles, {size / 1e6:.1f} MB, {pages} pages in {seconds * 1000:.0f} ms")
median = statistics.median(rate for rate, _ in rates)
print(f"median: {median:,.0f} articles/s, {statistics.median(mb for _, mb in rates):.1f} MB/s "
      f"(limit={limit}, {runs} runs)")
PY
