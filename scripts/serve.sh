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
  exec "$ROOT/build/server/article-server" --db "$DB" --web "$ROOT/web" \
    --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
fi
# Until the server exists, answer a query from the command line.
xapian-delve -t Qkaspersky "$DB" >/dev/null 2>&1 || true
quest -d "$DB" "${1:-kaspersky}" | head -20
