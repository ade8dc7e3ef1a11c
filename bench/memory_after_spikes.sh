#!/usr/bin/env bash
# How much memory the server keeps after spikes: its RSS at start, at the peak of a burst
# of hostile requests and of twenty concurrent heavy searches, and two seconds after each
# (when the event loop has trimmed the heaps). By hand, after a build:
#   bench/memory_after_spikes.sh [DB]      # DB: default, bbc-news indexed into a scratch folder
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
server="$ROOT/build/server/article-server"
indexer="$ROOT/build/indexer/article-indexer"
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT

db="${1:-}"
if [ -z "$db" ]; then
  db="$work/db"
  "$indexer" --db "$db" "$ROOT/../shared/corpora/bbc-news" >/dev/null 2>&1
fi
"$server" --db "$db" --port 0 >"$work/out" 2>/dev/null &
pid=$!
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/out")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start" >&2; exit 1; }
url="http://127.0.0.1:$port"
rss() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status"; }
peak() { awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status"; }
# Waits for the requests started since the last call (a bare `wait` would wait for the server).
requests=()
wait_requests() { [ ${#requests[@]} -eq 0 ] || wait "${requests[@]}" || true; requests=(); }
repeat() { local i out=""; for ((i = 0; i < $2; i++)); do out+="$1"; done; printf '%s' "$out"; }

echo "start: RSS $(rss) MiB"
# Hostile: huge heads, bodies refused, wildcards, nested queries, many parameters, ranges.
for _ in $(seq 1 5); do
  curl -s -o /dev/null "$url/api/search?q=$(repeat 'a*+' 341)" &
  requests+=($!)
  curl -s -o /dev/null "$url/api/search?q=$(repeat '(' 300)storm$(repeat ')' 300)" &
  requests+=($!)
  curl -s -o /dev/null -H "X-Big: $(repeat b 8000)" "$url/health" &
  requests+=($!)
  curl -s -o /dev/null -X POST -T - --max-time 2 "$url/api/search" </dev/zero &
  requests+=($!)
  curl -s -o /dev/null "$url/api/search?q=$(repeat 'the+' 200)&per_page=100" &
  requests+=($!)
  curl -s -o /dev/null "$url/api/search?q=storm$(repeat '&year=2004' 500)" &
  requests+=($!)
  wait_requests
done
echo "after hostile requests: peak $(peak) MiB, RSS $(rss) MiB"
sleep 2
echo "2 s later: RSS $(rss) MiB"
for _ in $(seq 1 20); do
  curl -s -o /dev/null "$url/api/search?q=$(repeat 'a*+b*+c*+s*+t*+' 60)&per_page=100" &
  requests+=($!)
done
wait_requests
echo "after 20 concurrent heavy searches: peak $(peak) MiB, RSS $(rss) MiB"
sleep 2
echo "2 s later: RSS $(rss) MiB"
