#!/usr/bin/env bash
# Builds and runs every test: the unit and integration tests, then the same tests again
# under AddressSanitizer + UndefinedBehaviorSanitizer, then every check in scripts/checks/
# (browser, relevance, container, ...) in name order. Installs what it needs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# curl and nginx for the integration tests that speak to the servers from outside
# (replication, the load balancer); python3-jsonschema and the OpenAPI 3.0 schema
# (openapi-specification) for the test that validates live answers against openapi.json;
# python3-feedparser, a real feed reader's parser, for the search feeds.
ensure_packages "${BUILD_PACKAGES[@]}" curl nginx-light python3-jsonschema openapi-specification \
  python3-feedparser

# Each section says how long it took: the whole script has a time budget in CI.
section() {
  [ -n "${SECTION:-}" ] && echo "   ($SECTION: $((SECONDS - SECTION_START)) s)"
  SECTION="$1"
  SECTION_START=$SECONDS
  echo "== $1"
}
trap 'section done' EXIT

section "build (RelWithDebInfo) and test"
configure_and_build "$ROOT/build" -DBUILD_TESTING=ON
ctest --test-dir "$ROOT/build" -j "$JOBS" --output-on-failure --timeout 600

section "build with ASan+UBSan and test"
configure_and_build "$ROOT/build-asan" -DBUILD_TESTING=ON -DARTICLE_SEARCH_SANITIZE=ON
# fuzz/lsan.supp: leaks inside dependencies (their reproducers are replayed by the tests).
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS="suppressions=$ROOT/fuzz/lsan.supp" \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$ROOT/build-asan" -j "$JOBS" --output-on-failure --timeout 900

for check in "$ROOT"/scripts/checks/*.sh; do
  [ -e "$check" ] || continue
  section "$(basename "$check")"
  bash "$check"
done
