#!/usr/bin/env bash
# Read replicas, as docs/scaling-out.md sets them up: a sharded master indexed with
# XAPIAN_MAX_CHANGESETS, served by xapian-replicate-server on loopback, pulled shard by
# shard with xapian-replicate into a replica folder that article-server serves. Checks
# that the replica answers exactly as the master does; that an incremental update travels
# as a changeset (no full copy) and that the running replica server sees it; and that a
# --rebuild travels as a full copy. Every wait is bounded.
# Usage: replication_test.sh ARTICLE_SERVER ARTICLE_INDEXER CORPUS_DIR
set -euo pipefail
server=$1 indexer=$2 corpus=$3
source "$(dirname "${BASH_SOURCE[0]}")/../support/server_test_lib.sh"

shards=2
mkdir -p "$work/articles" "$work/replica"
cp "$corpus"/* "$work/articles/"
index() { XAPIAN_MAX_CHANGESETS=10 "$indexer" --db "$work/master" --shards "$shards" "$@" "$work/articles" >/dev/null; }
index

# xapian-replicate-server cannot take port 0: try free-looking ports until one stays up.
# It runs in a session of its own: on SIGTERM it signals its whole process group, which
# would otherwise be this script and CTest.
start_replication_server() {
  exec setsid xapian-replicate-server --interface 127.0.0.1 --port "$1" "$work/master" >"$work/rs.log" 2>&1
}
stays_up() { sleep 0.3; kill -0 "$2" 2>/dev/null; }
start_on_free_port start_replication_server stays_up || true
replication_port=$free_port
[ -n "$replication_port" ] || fail "xapian-replicate-server did not start: $(cat "$work/rs.log")"

# Pulls every shard once; prints xapian-replicate's summary lines ("Update complete: ...").
replicate() {
  for ((s = 0; s < shards; s++)); do
    timeout 30 xapian-replicate -v --host 127.0.0.1 --port "$replication_port" \
      --master "shard-$s-of-$shards" --one-shot "$work/replica/shard-$s-of-$shards" |
      grep 'Update complete' || fail "replicating shard $s"
  done
}
replicate >"$work/first.log"
grep -q ' 1 copies' "$work/first.log" || fail "first pull was not a full copy: $(cat "$work/first.log")"
{
  for ((s = 0; s < shards; s++)); do echo "auto shard-$s-of-$shards"; done
} >"$work/replica/XAPIANDB"

serve "$server" "$work/master" master --threads 2
master_port=$started_port
serve "$server" "$work/replica" replica --threads 2
replica_port=$started_port

for query in 'q=the&per_page=100' 'q=kaspersky' 'q=title:ban' 'q=%22search+engine%22' \
             'q=the&sort=newest&per_page=50' 'q=xyzzyplugh'; do
  master_answer=$(answer "$master_port" "$query") || fail "master: $query"
  replica_answer=$(answer "$replica_port" "$query") || fail "replica: $query"
  [ "$master_answer" = "$replica_answer" ] || fail "replica differs from master for $query"
done
[[ "$(answer "$master_port" 'q=the&per_page=100')" == *'"id":'* ]] || fail "no hits to compare"

# An incremental update travels as a changeset, and the running replica server sees it.
printf 'Replicas catch up\n\nThe word zyxwvutreplica appears in this article only.\n' \
  >"$work/articles/replica-update.txt"
index
[ "$(answer "$replica_port" 'q=zyxwvutreplica')" != "$(answer "$master_port" 'q=zyxwvutreplica')" ] ||
  fail "the replica had the update before replicating"
replicate >"$work/update.log"
grep -q ' 1 changesets' "$work/update.log" || fail "the update was not one changeset: $(cat "$work/update.log")"
if grep -q ' [1-9][0-9]* copies' "$work/update.log"; then fail "the update made a full copy"; fi
[[ "$(answer "$replica_port" 'q=zyxwvutreplica')" == *'"id":"replica-update"'* ]] ||
  fail "the replica server does not find the update"
[ "$(answer "$replica_port" 'q=the&per_page=100')" = "$(answer "$master_port" 'q=the&per_page=100')" ] ||
  fail "replica differs from master after the update"

# A rebuild is a new generation on the master: each shard travels as a full copy.
index --rebuild
replicate >"$work/rebuild.log"
[ "$(grep -c ' 1 copies' "$work/rebuild.log")" -eq "$shards" ] ||
  fail "the rebuild was not a full copy of each shard: $(cat "$work/rebuild.log")"
[ "$(answer "$replica_port" 'q=the&per_page=100')" = "$(answer "$master_port" 'q=the&per_page=100')" ] ||
  fail "replica differs from master after the rebuild"
echo "ok"
