#!/usr/bin/env bash
# The end-to-end tests (e2e/): the real node through Polkadot.js and the client package
# (clients/js) against it. Installs the JavaScript workspace once (`npm ci` at the root, skipped while node_modules
# was installed from the current lockfile), then runs the test files in two groups, printing each
# group's wall time:
# - independent files, three at a time (each starts its own node on free ports; they mostly wait
#   for blocks, so three dev nodes leave two cores idle most of the time);
# - the heavy or timing-sensitive ones alone, one after another: `load` (200 votes within a few
#   blocks), `network` (four validators), `incident` (10,000 claims, its phases timed).
# Needs the node built (./scripts/run-dev.sh or ./scripts/test.sh build it; `incident` and
# `solvency` also need the incident tool and the solvency simulator); NODE_BINARY overrides.
# E2E_CONCURRENCY sets the first group's concurrency (default 3); arguments, if any, are the
# only files to run (e.g. `scripts/test-e2e.sh e2e/smoke.test.js`), one after another.
set -euo pipefail
cd "$(dirname "$0")/.."
node_binary="${NODE_BINARY:-}"
source scripts/setup.sh
export NODE_BINARY="${node_binary:-$NODE_BINARY}"

command -v npm >/dev/null || fail "missing npm: install Node.js 20 and npm, and run again"
[ -x "$NODE_BINARY" ] || fail "missing the node at $NODE_BINARY: build it with ./scripts/run-dev.sh (or set NODE_BINARY)"

# One install for clients/js, e2e and app (`npm ci` at the root), shared with test-app.sh:
# skipped while node_modules was installed from these very package files.
say "npm run ci-once (the workspace: clients/js, e2e, app)"
npm run --silent ci-once

# Runs `node --test` over files with concurrency $1, printing the group's wall time.
group() {
	local name=$1 concurrency=$2
	shift 2
	say "e2e: $name ($# files, $concurrency at a time): ${*#e2e/}"
	local start=$SECONDS status=0
	node --test --test-concurrency="$concurrency" --test-timeout=900000 "$@" || status=$?
	say "e2e: $name: $((SECONDS - start)) s wall time$([ $status = 0 ] || echo ", FAILED")"
	return $status
}

if [ $# -gt 0 ]; then
	group "chosen files" 1 "$@"
	exit
fi

alone=(e2e/load.test.js e2e/network.test.js e2e/incident.test.js)
# The independent files, the longest first (2-4 minutes each), so that the last to start are short.
parallel=(e2e/lifecycle.test.js e2e/gaming.test.js e2e/client.test.js e2e/triage.test.js e2e/decisions.test.js)
for file in e2e/*.test.js; do
	[[ " ${alone[*]} ${parallel[*]} " == *" $file "* ]] || parallel+=("$file")
done
# The client package's own tests (its pure rules against Polkadot.js; no node).
parallel+=(clients/js/test/*.test.js)

start=$SECONDS
status=0
group "independent files" "${E2E_CONCURRENCY:-3}" "${parallel[@]}" || status=$?
group "heavy and timing-sensitive files, alone" 1 "${alone[@]}" || status=$?
say "e2e: all files in $((SECONDS - start)) s$([ $status = 0 ] || echo ": some FAILED")"
exit $status
