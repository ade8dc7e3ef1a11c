#!/usr/bin/env bash
# Indexing speed of saved HTML pages against the same articles as plain text, in one run.
#
#   bench/ingest_speed.sh [--runs N] [--copies K] [--build DIR]
#
# The pages are ../shared/corpora/html-articles/html (91 real article pages); the plain
# text is each page's hand-marked body from its ground-truth.json, written as NNN.txt with
# its title line. Each corpus is K copies (default 10) of that, in K folders, so the
# fixed cost of a run (creating and committing a database) weighs little. Each corpus is indexed from nothing by article-indexer (--threads 1,
# so the figures compare parsing, not the cores), RUNS times (default 5), in a child
# process (bench-run: wall time, CPU time, peak RSS). Prints medians, per article and
# per MB, and the ratio HTML / text.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=5
COPIES=10
BUILD="$ROOT/build"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift ;;
    --copies) COPIES="$2"; shift ;;
    --build) BUILD="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/ingest_speed.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

PAGES="$ROOT/../shared/corpora/html-articles"
[ -d "$PAGES/html" ] || { echo "no pages at $PAGES (see ../shared/corpora/README.md)" >&2; exit 2; }
for tool in indexer/article-indexer bench/bench-run; do
  [ -x "$BUILD/$tool" ] || { echo "missing $BUILD/$tool: build first" >&2; exit 2; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ingest-speed-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/one-text" "$WORK/html" "$WORK/text"
# The same articles as text: title (the page's url tail) and hand-marked body.
python3 - "$PAGES/ground-truth.json" "$WORK/one-text" <<'PY'
import json, sys, os
truth = json.load(open(sys.argv[1], encoding="utf-8"))
for n, key in enumerate(sorted(truth)):
    body = truth[key]["articleBody"]
    title = truth[key]["url"].rstrip("/").rsplit("/", 1)[-1][:80] or key
    with open(os.path.join(sys.argv[2], "%03d.txt" % n), "w", encoding="utf-8") as f:
        f.write(title + "\n\n" + body + "\n")
PY

for copy in $(seq 1 "$COPIES"); do
  cp -r "$PAGES/html" "$WORK/html/$copy"
  cp -r "$WORK/one-text" "$WORK/text/$copy"
done
articles=$(( $(ls "$PAGES/html" | wc -l) * COPIES ))
row() {  # name folder
  local bytes out
  bytes=$(du -sb "$2" | cut -f1)
  out="$("$BUILD/bench/bench-run" "$RUNS" 600 "$WORK/db" -- \
         "$BUILD/indexer/article-indexer" --threads 1 --db "$WORK/db" "$2" 2>/dev/null)"
  python3 - "$1" "$articles" "$bytes" "$out" <<'PY'
import sys
name, articles, size, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split()
f = dict(zip(out[0::2], out[1::2]))
s, cpu, rss = float(f["s_med"]), float(f["cpu_s_med"]), float(f["rss_kb_med"]) / 1024
print(f"{name:6} {articles:5d} {size/1e6:8.2f} {s:8.3f} {cpu:8.3f} {articles/s:10.0f} {size/1e6/s:7.2f} {rss:8.1f}")
print(f"#{name} {s} {cpu}")
PY
}
echo "corpus  docs       MB   wall_s    cpu_s  articles/s    MB/s  rss_MB   (medians of $RUNS runs)"
html=$(row html "$WORK/html")
text=$(row text "$WORK/text")
echo "$html" | grep -v '^#'
echo "$text" | grep -v '^#'
python3 - "$(echo "$html" | grep '^#')" "$(echo "$text" | grep '^#')" <<'PY'
import sys
h, t = sys.argv[1].split(), sys.argv[2].split()
print(f"html / text: {float(h[1])/float(t[1]):.1f}x wall time, {float(h[2])/float(t[2]):.1f}x CPU time per article")
PY
