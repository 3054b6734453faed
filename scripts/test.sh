#!/usr/bin/env bash
# Runs every check and test: formatting, clippy, the pallet's, runtime's, solvency simulator's and
# incident tool's tests (with the benchmarks' tests), the end-to-end tests of the real node through Polkadot.js, and the
# dashboard's browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

command -v npm >/dev/null || fail "missing npm: install Node.js 20 and npm, and run again"

step "cargo fmt --check"
cargo fmt --all -- --check

step "docs/PERFORMANCE.md is the report of the committed weights and throughput run"
report="$(mktemp)"
node scripts/benchmarks/report.mjs "$report" >/dev/null
cmp docs/PERFORMANCE.md "$report" && rm "$report"

step "clippy (-D warnings)"
SKIP_WASM_BUILD=1 cargo clippy --locked --workspace --all-targets -- -D warnings
SKIP_WASM_BUILD=1 cargo clippy --locked -p pallet-security-pool --all-targets \
	--features runtime-benchmarks,try-runtime -- -D warnings

step "build the node, the solvency simulator and the incident tool"
cargo build --locked --release -p security-pool-node -p security-pool-solvency \
	-p security-pool-incident

step "pallet, runtime, solvency simulator and incident tool tests"
cargo test --locked --release --workspace --exclude security-pool-node

step "benchmark tests of the pallet, and its migration with the try-runtime checks"
cargo test --locked --release -p pallet-security-pool --features runtime-benchmarks,try-runtime \
	-- benchmark migration

step "end-to-end tests (Polkadot.js against the node)"
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
(cd e2e && node --test --test-concurrency=1 --test-timeout=900000)

step "dashboard: build and browser tests (headless Chromium against the node)"
scripts/test-app.sh
