#!/usr/bin/env bash
# Bulk loading speed: bbc-news through POST /api/documents, against the command-line indexer.
#
#   bench/bulk_load.sh [--runs N] [--batch B] [--build DIR]
#
# Times, in articles/s, RUNS times each (default 3), the medians printed in a table:
#   indexer, fresh        article-indexer --db NEW ../shared/corpora/bbc-news (2,225 articles)
#   indexer, incremental  the same into an existing database (a copy of a one-article one)
#   HTTP, 1 connection    the corpus as JSON Lines records (_id = folder/NNN as the indexer
#   HTTP, 4 connections   names it, title = line 1, text = the rest, source = the folder),
#                         POSTed in bulks of B records (default 1000) to article-server
#                         (127.0.0.1, an admin key) serving a copy of the one-article
#                         database, from the first request to the last 200: every write is
#                         committed when acknowledged. /health must then count them all.
# The ratio column is each row's articles/s over the fresh indexer's. BENCH_CORPORA
# overrides the folder of corpora (default ../shared/corpora beside the repository).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=3
BATCH=1000
BUILD="$ROOT/build"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift ;;
    --batch) BATCH="$2"; shift ;;
    --build) BUILD="$2"; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/bulk_load.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ && "$BATCH" =~ ^[1-9][0-9]*$ && "$BATCH" -le 10000 ]] ||
  { echo "bulk_load.sh: --runs must be at least 1, --batch from 1 to 10000" >&2; exit 2; }

CORPUS="${BENCH_CORPORA:-$ROOT/../shared/corpora}/bbc-news"
[ -d "$CORPUS" ] || { echo "bulk_load.sh: $CORPUS not found (see ../shared/corpora/README.md)" >&2; exit 2; }
INDEXER="$BUILD/indexer/article-indexer"
SERVER="$BUILD/server/article-server"
for tool in "$INDEXER" "$SERVER"; do
  [ -x "$tool" ] || { echo "missing $tool: build first" >&2; exit 2; }
done

source "$ROOT/bench/lib.sh"
bench_dir bulk-load
export ARTICLE_SEARCH_ADMIN_KEY="bulk-load-bench-admin-key-$$-$RANDOM"

now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / (float(sys.argv[3]) - float(sys.argv[2])):.1f}')" "$@"; }

# The records: one JSON Lines file, as the indexer reads the text files.
python3 - "$CORPUS" "$RUN/records.jsonl" <<'PY'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
count = 0
with open(out, "w", encoding="utf-8") as records:
    for folder in sorted(os.listdir(corpus)):
        if not os.path.isdir(os.path.join(corpus, folder)):
            continue
        for name in sorted(os.listdir(os.path.join(corpus, folder))):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(corpus, folder, name), "rb") as article:
                text = article.read().decode("utf-8", errors="replace")  # as the indexer repairs it
            title, _, body = text.partition("\n")
            records.write(json.dumps({"_id": f"{folder}/{name[:-4]}", "title": title.strip(),
                                      "text": body.strip(), "source": folder}, ensure_ascii=False) + "\n")
            count += 1
print(f"bulk_load: {count} records, {os.path.getsize(out) / 1e6:.2f} MB of JSON Lines", file=sys.stderr)
PY
ARTICLES="$(wc -l <"$RUN/records.jsonl")"

# The starting point of the incremental runs: a database of one article.
mkdir -p "$RUN/seed-corpus"
cp "$(ls "$ROOT"/corpus/*.txt | head -1)" "$RUN/seed-corpus/"
"$INDEXER" --db "$RUN/seed" "$RUN/seed-corpus" >"$RUN/seed.log" 2>&1

# POSTs the records in bulks over CONNECTIONS keep-alive connections; prints the seconds
# from the first request to the last 200.
cat >"$RUN/post.py" <<'PY'
import http.client, json, os, queue, sys, threading, time
port, path, connections, batch = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
key = os.environ["ARTICLE_SEARCH_ADMIN_KEY"]
with open(path, "rb") as records:
    lines = records.read().splitlines(keepends=True)
bulks = queue.Queue()
for start in range(0, len(lines), batch):
    bulks.put(b"".join(lines[start:start + batch]))
failures, accepted, lock = [], [0], threading.Lock()

def client():
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    while True:
        try:
            body = bulks.get_nowait()
        except queue.Empty:
            break
        connection.request("POST", "/api/documents", body=body,
                           headers={"Authorization": f"Bearer {key}", "Content-Type": "application/x-ndjson"})
        answer = connection.getresponse()
        data = answer.read()
        result = json.loads(data) if answer.status == 200 else {}
        with lock:
            if answer.status != 200 or result.get("errors"):
                failures.append(f"{answer.status} {data[:300]!r}")
            accepted[0] += result.get("accepted", 0)
    connection.close()

threads = [threading.Thread(target=client) for _ in range(connections)]
started = time.perf_counter()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
seconds = time.perf_counter() - started
if failures or accepted[0] != len(lines):
    sys.exit(f"post.py: {accepted[0]} of {len(lines)} accepted; {failures[:3]}")
print(f"{seconds:.6f}")
PY

http_run() {  # connections -> RESULT, articles/s (not in a subshell: the trap stops the server)
  local connections="$1" db="$RUN/http-db" seconds documents
  rm -rf "$db"; cp -a "$RUN/seed" "$db"
  start_server "$db"
  seconds="$(python3 "$RUN/post.py" "$PORT" "$RUN/records.jsonl" "$connections" "$BATCH")"
  documents="$(curl -sf "http://127.0.0.1:$PORT/health" | python3 -c 'import json, sys; print(json.load(sys.stdin)["documents"])')"
  stop_server
  [ "$documents" -eq $((ARTICLES + 1)) ] ||
    { echo "bulk_load.sh: /health counts $documents documents after the load, expected $((ARTICLES + 1))" >&2; exit 1; }
  RESULT="$(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$ARTICLES" "$seconds")"
}

indexer_run() {  # fresh|incremental -> RESULT, articles/s
  local db="$RUN/indexer-db" start end
  rm -rf "$db"
  [ "$1" = incremental ] && cp -a "$RUN/seed" "$db"
  start="$(now)"
  "$INDEXER" --db "$db" "$CORPUS" >"$RUN/indexer.log" 2>&1
  end="$(now)"
  grep -q "added $ARTICLES," "$RUN/indexer.log" ||
    { echo "bulk_load.sh: the indexer did not add $ARTICLES articles: $(tail -2 "$RUN/indexer.log")" >&2; exit 1; }
  RESULT="$(rate "$ARTICLES" "$start" "$end")"
}

declare -A RATES
echo "bulk_load: $ARTICLES articles of bbc-news, bulks of $BATCH, $RUNS runs, $(nproc) cores"
for run in $(seq "$RUNS"); do
  indexer_run fresh; fresh="$RESULT"
  indexer_run incremental; incremental="$RESULT"
  http_run 1; one="$RESULT"
  http_run 4; four="$RESULT"
  echo "run $run: indexer fresh $fresh, incremental $incremental; HTTP 1 connection $one, 4 connections $four articles/s"
  RATES[fresh]+="$fresh "; RATES[incremental]+="$incremental "; RATES[one]+="$one "; RATES[four]+="$four "
done

python3 - "${RATES[fresh]}" "${RATES[incremental]}" "${RATES[one]}" "${RATES[four]}" <<'PY'
import statistics, sys
names = ["indexer, fresh", "indexer, incremental", "HTTP bulk, 1 connection", "HTTP bulk, 4 connections"]
medians = [statistics.median(float(value) for value in column.split()) for column in sys.argv[1:]]
print(f"{'':26} {'articles/s (median)':>20} {'/ fresh':>8} {'/ incremental':>14}")
for name, median in zip(names, medians):
    print(f"{name:26} {median:20.1f} {median / medians[0]:8.2f} {median / medians[1]:14.2f}")
PY
