#!/bin/sh
# Picks the database to serve, then becomes article-server (exec: the server is PID 1 and
# gets SIGTERM itself).
#   1. Articles in $ARTICLE_SEARCH_CORPUS (default /corpus, a volume): index them into
#      $ARTICLE_SEARCH_DB (default /data/db) -- incrementally, so a restart only applies
#      what changed -- and serve that database.
#   2. Else a database at $ARTICLE_SEARCH_DB, or at /data/db (a volume): serve it.
#   3. Else the index of the bundled corpus built into the image, /app/index; with an
#      admin key (writes on), a copy of it in /data/db, so that what is written persists.
# Arguments starting with "-" go to article-server; anything else is run as a command
# (e.g. `docker run IMAGE article-indexer --help`).
set -eu

DATA_DB=/data/db
BAKED_DB=/app/index

if [ "$#" -gt 0 ] && [ "${1#-}" = "$1" ]; then
  exec "$@"
fi

log() { echo "entrypoint: $*" >&2; }

# True when folder $1 holds anything but hidden entries.
has_articles() {
  [ -d "$1" ] && [ -n "$(find "$1" -mindepth 1 -maxdepth 1 ! -name '.*' -print 2>/dev/null | head -n 1)" ]
}

# True when $1 is a database (the indexer knows the layout: article-indexer --status).
is_database() {
  article-indexer --db "$1" --status >/dev/null 2>&1
}

# Runs the indexer in the background so that a SIGTERM while indexing stops it at once
# (the run's changes commit all at once, so an interrupted run leaves the database as it was).
index_corpus() {
  article-indexer --db "$1" --wait-lock 30 "$2" &
  indexer=$!
  trap 'kill -TERM "$indexer" 2>/dev/null; wait "$indexer"; exit 143' TERM INT
  status=0
  wait "$indexer" || status=$?
  trap - TERM INT
  return "$status"
}

corpus="${ARTICLE_SEARCH_CORPUS:-/corpus}"
if has_articles "$corpus"; then
  db="${ARTICLE_SEARCH_DB:-$DATA_DB}"
  log "indexing $corpus into $db"
  if ! index_corpus "$db" "$corpus"; then
    log "indexing failed; is $(dirname "$db") writable by uid $(id -u)?"
    exit 1
  fi
elif [ -n "${ARTICLE_SEARCH_DB:-}" ]; then
  db="$ARTICLE_SEARCH_DB"
elif is_database "$DATA_DB"; then
  db="$DATA_DB"
elif { [ -n "${ARTICLE_SEARCH_ADMIN_KEY:-}" ] || [ -n "${ARTICLE_SEARCH_ADMIN_KEY_FILE:-}" ]; } &&
     [ -w "$(dirname "$DATA_DB")" ]; then
  log "writes are on: copying the bundled index to $DATA_DB"
  cp -R "$BAKED_DB" "$DATA_DB"
  db="$DATA_DB"
else
  db="$BAKED_DB"
fi

log "serving $db"
ARTICLE_SEARCH_DB="$db"
export ARTICLE_SEARCH_DB
exec article-server "$@"
