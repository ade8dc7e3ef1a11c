#!/usr/bin/env bash
# Builds the project, indexes the bundled corpus/ (incrementally) and starts the server.
# Installs what it needs. Environment: PORT (default 8080), HOST (default 127.0.0.1),
# DB (default build/corpus-db).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_packages "${BUILD_PACKAGES[@]}"
configure_and_build "$ROOT/build" -DBUILD_TESTING=OFF

DB="${DB:-$ROOT/build/corpus-db}"
"$ROOT/build/indexer/article-indexer" --db "$DB" "$ROOT/corpus"

if [ -x "$ROOT/build/server/article-server" ]; then
  WEB_ARGS=()
  if [ -d "$ROOT/web" ]; then WEB_ARGS=(--web "$ROOT/web"); fi  # the page, once it exists
  exec "$ROOT/build/server/article-server" --db "$DB" "${WEB_ARGS[@]}" \
    --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
fi
echo "article-server is not built; the index is at $DB" >&2
exit 1
