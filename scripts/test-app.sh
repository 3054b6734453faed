#!/usr/bin/env bash
# The dashboard's checks: installs the JavaScript workspace (once: `npm ci` at the root, skipped
# while node_modules was installed from the current lockfile), checks that the committed metadata
# its typed client is generated from is the built runtime's, builds the dashboard (descriptors,
# strict type check and production bundle, whose size it prints and holds to 200 KB gzipped) and
# runs its tests: the loss list's Merkle
# tree, and the browser tests in headless Chromium (Debian's package) against real dev nodes.
# Needs the node built (./scripts/run-dev.sh or ./scripts/test.sh build it); NODE_BINARY overrides.
set -euo pipefail
cd "$(dirname "$0")/.."
node_binary="${NODE_BINARY:-}"
source scripts/setup.sh
export NODE_BINARY="${node_binary:-$NODE_BINARY}"

command -v npm >/dev/null || fail "missing npm: install Node.js 20 and npm, and run again"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || apt_install chromium
[ -x "$NODE_BINARY" ] || fail "missing the node at $NODE_BINARY: build it with ./scripts/run-dev.sh (or set NODE_BINARY)"

# One install for clients/js, e2e and app (`npm ci` at the root), shared with test-e2e.sh:
# skipped while node_modules was installed from these very package files.
say "npm run ci-once (the workspace: clients/js, e2e, app)"
npm run --silent ci-once

say "dashboard: the typed client's metadata is the built runtime's"
bash scripts/app-descriptors.sh --check

cd app
say "dashboard: npm run build"
npm run build
bytes=$(cat dist/index.html dist/assets/* | wc -c)
gzipped=$(cat dist/index.html dist/assets/* | gzip -9 | wc -c)
say "dashboard: production bundle $bytes bytes ($gzipped bytes gzipped) in app/dist/"
limit=$((200 * 1000))
[ "$gzipped" -le "$limit" ] || fail "the bundle is $gzipped bytes gzipped, over its $limit"

say "dashboard: tests (screenshots and the receipt under app/test-output/)"
node --test --test-concurrency=1 --test-timeout=900000 tests/
