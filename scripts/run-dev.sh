#!/usr/bin/env bash
# Builds the node (first time: long) and runs a one-validator development chain:
# Alice authors and finalizes blocks, RPC on ws://127.0.0.1:9944, state in a temporary ParityDB
# (every block's state kept: the dashboard reads the pool's history from it).
# Also builds the dashboard (app/) if needed and serves it on http://127.0.0.1:8080 ($APP_PORT)
# while the node runs.
# Extra arguments go to the node, e.g. `--base-path /tmp/chain` to keep the state.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release --locked -p security-pool-node

command -v npm >/dev/null || fail "missing npm: install Node.js 20 and npm, and run again"
# One install for the dashboard, its client package and the e2e tests (`npm ci` at the root),
# skipped while node_modules was installed from the current lockfile.
npm run --silent ci-once
if [ ! -f app/dist/index.html ] || [ -n "$(find app/src app/index.html clients/js/src package-lock.json -newer app/dist/index.html -print -quit)" ]; then
	say "building the dashboard"
	(cd app && npm run build >/dev/null)
fi
node app/serve.js "${APP_PORT:-8080}" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 0.5
kill -0 "$server" 2>/dev/null || fail "the dashboard could not be served on port ${APP_PORT:-8080} (set APP_PORT)"

"$NODE_BINARY" --dev --rpc-cors all --rpc-port 9944 --state-pruning archive "$@"
