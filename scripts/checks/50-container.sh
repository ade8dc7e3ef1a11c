#!/usr/bin/env bash
# Container check: lints docker/Dockerfile (dockerfilelint), builds the image with podman
# (without the build stage's tests: test.sh ran them), runs it on a loopback port and checks
# what an operator relies on: /health, a search over the bundled corpus with highlighted
# snippets, the page, the HEALTHCHECK, a non-root server, a mounted corpus indexed (and
# incrementally re-indexed on restart), a mounted prebuilt database served, a clean,
# quick `podman stop`, and docker/compose.yaml run with podman-compose. Removes the
# containers, volumes and images it made; keeps the debootstrap'ed base images
# (docker/bootstrap-base-images.sh) for the next run.
#
# ARTICLE_SEARCH_SKIP_CONTAINER=1 skips it for quick local runs; never skipped when CI=true.
# ARTICLE_SEARCH_KEEP_IMAGE=1 keeps the image and its build cache (faster re-runs).
set -euo pipefail

if [ "${ARTICLE_SEARCH_SKIP_CONTAINER:-0}" = 1 ]; then
  if [ "${CI:-}" = true ]; then
    echo "CI=true: ARTICLE_SEARCH_SKIP_CONTAINER is ignored, the container check runs"
  else
    echo "container check skipped (ARTICLE_SEARCH_SKIP_CONTAINER=1)"
    exit 0
  fi
fi

source "$(dirname "${BASH_SOURCE[0]}")/../../docker/podman-env.sh"
source "$ROOT/docker/check-lib.sh"
ensure_packages curl
command -v npm >/dev/null || ensure_packages nodejs npm

check_start=$SECONDS
TAG="localhost/article-search:check-$$"
WORK=$(mktemp -d /tmp/article-search-container.XXXXXX)
IMAGES_BEFORE="$WORK/images-before"
CONTAINERS=()
VOLUMES=()

COMPOSE_PROJECT="article-search-check-$$"
cleanup() {
  local name
  for name in "${CONTAINERS[@]}"; do podman rm -f -v -t 0 "$name" >/dev/null 2>&1 || true; done
  podman network rm -f "${COMPOSE_PROJECT}_default" >/dev/null 2>&1 || true
  for name in "${VOLUMES[@]}"; do podman volume rm -f "$name" >/dev/null 2>&1 || true; done
  if [ "${ARTICLE_SEARCH_KEEP_IMAGE:-0}" != 1 ]; then
    podman rmi -f "$TAG" >/dev/null 2>&1 || true
    remove_images_made_since "$IMAGES_BEFORE"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "-- lint docker/Dockerfile (dockerfilelint)"
(cd "$ROOT/docker/lint" && timeout 300 npm ci --no-audit --no-fund --silent >/dev/null 2>&1 \
  && npx --no-install dockerfilelint ../Dockerfile) || fail "dockerfilelint found issues"

echo "-- docker/compose.yaml"
COMPOSE="$ROOT/docker/compose.yaml" NODE_PATH="$ROOT/docker/lint/node_modules" node -e '
  const c = require("js-yaml").safeLoad(require("fs").readFileSync(process.env.COMPOSE, "utf8"));
  const services = Object.values(c.services || {});
  const s = services[0] || {};
  const ok = services.length === 1 && (s.ports || []).some(p => /:8080$/.test(p))
    && ["/data", "/corpus"].every(m => (s.volumes || []).some(v => v.includes(":" + m)))
    && JSON.stringify(s.healthcheck.test).includes("--health-check")
    && s.build.dockerfile === "docker/Dockerfile";
  process.exit(ok ? 0 : 1);' || fail "docker/compose.yaml: want one service with port 8080, /data and /corpus volumes, the health check"
echo "ok: docker/compose.yaml"

echo "-- base images"
timeout 1200 bash "$ROOT/docker/bootstrap-base-images.sh"
podman images -a -q --no-trunc | sort -u >"$IMAGES_BEFORE"

# The build stage's tests are the ones test.sh has run already on these sources: skipped
# here (TESTS=OFF), they cost CI minutes for nothing new. A build by hand runs them.
echo "-- podman build (compiles; its tests ran in test.sh's first section)"
build_start=$SECONDS
if ! timeout 1500 podman build --pull=never --format docker --build-arg TESTS=OFF -f "$ROOT/docker/Dockerfile" \
      -t "$TAG" "$ROOT" >"$WORK/build.log" 2>&1; then
  tail -n 60 "$WORK/build.log"
  fail "podman build failed"
fi
size=$(podman image inspect --format '{{.Size}}' "$TAG")
echo "built in $((SECONDS - build_start)) s; image size $((size / 1000000)) MB"

echo "-- image configuration"
expect_eq "$(podman image inspect --format '{{.Config.User}}' "$TAG")" article "image user"
# (grep reads from here-strings: `cmd | grep -q` fails under pipefail when grep stops early)
grep -q '"8080/tcp"' <<<"$(podman image inspect --format '{{json .Config.ExposedPorts}}' "$TAG")" \
  || fail "image does not EXPOSE 8080"
grep -q -- '--health-check' <<<"$(podman image inspect --format '{{json .Config.Healthcheck}}' "$TAG")" \
  || fail "image has no HEALTHCHECK using article-server --health-check (built without --format docker?)"

echo "-- the bundled corpus"
start_container bundled "$TAG"
base=$(container_url bundled)
wait_healthy_http "$base" bundled
get_json "$base/health" "$WORK/health.json"
json_check "$WORK/health.json" 'r.status === "ok" && r.documents === 5' "/health of the bundled index"
get_json "$base/api/search?q=raimondo" "$WORK/search.json"
json_check "$WORK/search.json" '
  ["002_50ed439707b20fb7", "003_3e77c303cd71c53b"].every(id => r.hits.some(h => h.id === id))
  && r.hits.every(h => /<mark>[^<]*<\/mark>/i.test(h.snippet + h.title))' \
  "search q=raimondo finds 002_50ed439707b20fb7 and 003_3e77c303cd71c53b with <mark> highlights"
if [ -f "$ROOT/web/index.html" ]; then
  curl -fsS --max-time 5 -D "$WORK/page.headers" -o "$WORK/page.html" "$base/" || fail "GET / failed"
  grep -qi '^content-type: text/html' "$WORK/page.headers" || fail "GET / is not text/html"
  cmp -s "$WORK/page.html" "$ROOT/web/index.html" || fail "GET / is not web/index.html"
  echo "ok: the page loads"
else
  echo "note: no web/index.html in this tree, so no page to check"
fi
timeout 30 podman healthcheck run "$(cname bundled)" || fail "podman healthcheck run: unhealthy"
echo "ok: podman healthcheck run: healthy"
expect_non_root bundled
stop_cleanly bundled

echo "-- a mounted corpus, indexed at start and incrementally on restart"
mkdir -p "$WORK/corpus"
write_article "$WORK/corpus/quokka-census.txt" "Quokka census counts record numbers on Rottnest" \
  "Rangers counted more quokkas than ever on Rottnest Island this spring."
write_article "$WORK/corpus/quokka-ferry.txt" "Ferry operators ask visitors not to feed the quokka" \
  "Feeding a quokka harms it, the ferry operators said."
chmod -R a+rX "$WORK/corpus"
volume="article-search-check-$$"
# As docker/compose.yaml runs it: read-only root file system, no capabilities.
HARDENED=(--read-only --cap-drop ALL --security-opt no-new-privileges)
VOLUMES+=("$volume")
start_container mounted "$TAG" -v "$WORK/corpus:/corpus:ro" -v "$volume:/data" "${HARDENED[@]}"
base=$(container_url mounted)
wait_healthy_http "$base" mounted
get_json "$base/api/search?q=quokka" "$WORK/mounted.json"
json_check "$WORK/mounted.json" '
  r.total.value === 2 && ["quokka-census", "quokka-ferry"].every(id => r.hits.some(h => h.id === id))' \
  "search q=quokka over the mounted corpus"
get_json "$base/api/search?q=raimondo" "$WORK/mounted-bundled.json"
json_check "$WORK/mounted-bundled.json" 'r.hits.length === 0' "the mounted corpus replaces the bundled one"
stop_cleanly mounted

write_article "$WORK/corpus/quokka-selfie.txt" "Quokka selfies draw tourists" "A third quokka story."
chmod a+r "$WORK/corpus/quokka-selfie.txt"
start_container mounted "$TAG" -v "$WORK/corpus:/corpus:ro" -v "$volume:/data" "${HARDENED[@]}"
wait_healthy_http "$(container_url mounted)" mounted
restart_log=$(podman logs "$(cname mounted)" 2>&1)
grep -q 'added 1, updated 0, deleted 0, unchanged 2' <<<"$restart_log" \
  || { tail -n 5 <<<"$restart_log"; fail "restart did not index incrementally"; }
echo "ok: the restart indexed only the new article"
get_json "$(container_url mounted)/health" "$WORK/mounted-health.json"
json_check "$WORK/mounted-health.json" 'r.documents === 3' "/health after the incremental restart"
stop_cleanly mounted

echo "-- writes with an admin key: kept in the volume, and by the indexer run of the next start"
key_file="$WORK/admin.key"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$key_file"
chmod a+r "$key_file"  # the server runs as uid 10001
WRITES=(-v "$WORK/corpus:/corpus:ro" -v "$volume:/data" -v "$key_file:/run/secrets/admin.key:ro"
        -e ARTICLE_SEARCH_ADMIN_KEY_FILE=/run/secrets/admin.key "${HARDENED[@]}")
start_container mounted "$TAG" "${WRITES[@]}"
base=$(container_url mounted)
wait_healthy_http "$base" mounted
status=$(curl -sS --max-time 10 -o "$WORK/put.json" -w '%{http_code}' -X PUT "$base/api/documents/desk/quokka-live" \
  -H "Authorization: Bearer $(cat "$key_file")" -H 'Content-Type: application/json' \
  -d '{"title": "Quokka live", "text": "A quokka written over HTTP."}')
expect_eq "$status" 201 "PUT with the admin key"
status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -X PUT "$base/api/documents/desk/x" \
  -H 'Content-Type: application/json' -d '{"text": "x"}')
expect_eq "$status" 401 "PUT without the key"
podman logs "$(cname mounted)" 2>&1 | grep -qF "$(cat "$key_file")" && fail "the key reached the log"
stop_cleanly mounted
start_container mounted "$TAG" "${WRITES[@]}"
base=$(container_url mounted)
wait_healthy_http "$base" mounted
get_json "$base/api/search?q=quokka" "$WORK/written.json"
json_check "$WORK/written.json" 'r.total.value === 4 && r.hits.some(h => h.id === "desk/quokka-live")' \
  "the article written over HTTP, after a restart that indexed the corpus again"
stop_cleanly mounted

echo "-- docker/compose.yaml, run by podman-compose as an operator would (image and corpus above)"
ensure_packages podman-compose
# podman-compose names the container, volume and network after the project.
compose_container="${COMPOSE_PROJECT}_article-search_1"
CONTAINERS+=("$compose_container")
VOLUMES+=("${COMPOSE_PROJECT}_data")
compose_port=$((20000 + RANDOM % 20000))
compose() {
  ARTICLE_SEARCH_IMAGE="$TAG" ARTICLE_SEARCH_CORPUS_DIR="$WORK/corpus" \
    ARTICLE_SEARCH_PUBLISH_PORT="$compose_port" \
    timeout 180 podman-compose -p "$COMPOSE_PROJECT" -f "$ROOT/docker/compose.yaml" "$@" \
    >>"$WORK/compose.log" 2>&1
}
compose up -d --no-build || { tail -n 20 "$WORK/compose.log"; fail "podman-compose up failed"; }
base="http://127.0.0.1:$compose_port"
for ((i = 0; i < 180; i++)); do
  curl -fsS --max-time 2 -o /dev/null "$base/health" 2>/dev/null && break
  sleep 0.5
done
get_json "$base/api/search?q=quokka" "$WORK/compose.json"
json_check "$WORK/compose.json" 'r.total.value === 3' "search q=quokka over the compose service's corpus"
expect_eq "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$compose_container")" true \
  "compose service: read-only root file system"
timeout 30 podman healthcheck run "$compose_container" || fail "compose service: podman healthcheck run: unhealthy"
compose down -v || fail "podman-compose down failed"
[ -z "$(podman ps -a -q --filter "name=^${compose_container}\$")" ] || fail "podman-compose down left the container"
echo "ok: docker/compose.yaml serves the corpus folder, hardened and healthy, and comes down cleanly"

echo "-- a mounted prebuilt database"
mkdir -p "$WORK/prebuilt"
podman run --rm --user 0 -v "$WORK/corpus:/articles:ro" -v "$WORK/prebuilt:/out" "$TAG" \
  article-indexer --db /out/db /articles 2>&1 >/dev/null | quiet_podman \
  || fail "indexing into a host folder failed"
chmod -R a+rX "$WORK/prebuilt"
start_container prebuilt "$TAG" -v "$WORK/prebuilt/db:/data/db:ro"
base=$(container_url prebuilt)
wait_healthy_http "$base" prebuilt
get_json "$base/api/search?q=selfies" "$WORK/prebuilt.json"
json_check "$WORK/prebuilt.json" 'r.hits.length === 1 && r.hits[0].id === "quokka-selfie"' \
  "search over the mounted prebuilt database"
stop_cleanly prebuilt

echo "container check passed in $((SECONDS - check_start)) s (image $((size / 1000000)) MB)"
