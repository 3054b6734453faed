#!/usr/bin/env bash
# The dashboard's typed client descriptors come from the runtime's metadata, committed in
# app/.papi/metadata/pool.scale (the descriptors themselves are generated from it by `papi
# generate`, which the dashboard's build runs). This reads the metadata out of the built runtime
# wasm (no node needed) and, with --check, fails when it differs from the committed one; without,
# writes it and regenerates the descriptors.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
wasm="$CARGO_TARGET_DIR/release/wbuild/security-pool-runtime/security_pool_runtime.compact.compressed.wasm"
[ -f "$wasm" ] || fail "missing the runtime at $wasm: build it with ./scripts/test.sh or ./scripts/run-dev.sh"
papi="$(pwd)/node_modules/.bin/papi"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
echo '{"version":0,"descriptorPath":"descriptors","entries":{}}' >"$scratch/polkadot-api.json"
(cd "$scratch" && "$papi" add pool --skip-codegen --wasm "$wasm" >/dev/null 2>&1) || fail "papi could not read the metadata of $wasm"
committed=app/.papi/metadata/pool.scale
if [ "${1:-}" = --check ]; then
	cmp -s "$scratch/.papi/metadata/pool.scale" "$committed" ||
		fail "$committed is not the built runtime's metadata: run scripts/app-descriptors.sh and commit it"
	say "$committed is the built runtime's metadata ($(wc -c <"$committed") bytes)"
else
	cp "$scratch/.papi/metadata/pool.scale" "$committed"
	(cd app && "$papi" generate)
fi
