#!/usr/bin/env bash
# Writes and 64 searching connections together for a minute, by hand.
#
#   bench/live_writes_soak.sh [--seconds N] [--build DIR]
#
# Runs tests/server/live_writes_test.py --scenario load against the built binaries for N
# seconds (default 60): the bundled corpus indexed into a temporary database, article-server
# on 127.0.0.1 with an admin key, 64 threads searching over keep-alive connections beside two
# threads PUTting single articles and one POSTing bulks of 20, each write read back at once.
# Prints searches/s and writes/s; exits non-zero on a failed search, a read-your-write miss
# or an acknowledged write missing at the end. Uses Debian's /usr/bin/python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_RUN=60
BUILD="$ROOT/build"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_TO_RUN="$2"; shift ;;
    --build) BUILD="$2"; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/live_writes_soak.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

for tool in indexer/article-indexer server/article-server; do
  [ -x "$BUILD/$tool" ] || { echo "missing $BUILD/$tool: build first" >&2; exit 2; }
done
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3

echo "live_writes_soak: $SECONDS_TO_RUN s of writes beside 64 searching connections ($(nproc) cores)"
exec "$PYTHON" "$ROOT/tests/server/live_writes_test.py" \
  --server "$BUILD/server/article-server" --indexer "$BUILD/indexer/article-indexer" \
  --source "$ROOT" --scenario load --seconds "$SECONDS_TO_RUN"
