#!/usr/bin/env bash
# End-to-end tests of the search page: Debian's Chromium, headless, driven by playwright-core
# (from the committed lock file; no browser download) against the real article-server and
# a database built by the real article-indexer. Expects the build of scripts/test.sh in build/.
# Screenshots go to test-results/e2e/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ensure_packages chromium nodejs fonts-dejavu-core
# Debian's nodejs ships npm separately; a NodeSource nodejs already bundles it.
command -v npm >/dev/null || ensure_packages npm

for binary in "$ROOT/build/indexer/article-indexer" "$ROOT/build/server/article-server"; do
  if [ ! -x "$binary" ]; then
    echo "20-browser: $binary is missing; build first (scripts/test.sh does)" >&2
    exit 1
  fi
done

cd "$ROOT/tests/e2e"
wanted=$(node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")
installed=$(node -p "require('./node_modules/playwright-core/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$wanted" ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 npm ci --no-audit --no-fund --loglevel=error
fi

mkdir -p "$ROOT/test-results/e2e"
# Files run one after another (each starts its own server and browser); a hung test is
# cut by its own timeout, the whole run by `timeout`.
timeout 600 node --test --test-concurrency=1 --test-timeout=120000 ./*.test.mjs
