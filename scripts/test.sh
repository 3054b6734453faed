#!/usr/bin/env bash
# Runs every check and test: formatting, clippy, the pallet's, runtime's, solvency simulator's and
# incident tool's tests (with the benchmarks' tests), the end-to-end tests of the real node through
# Polkadot.js, and the dashboard's browser tests in headless Chromium. Prints each step's time.
#
# The Rust work is one build, in the release profile the node and the tests run in: every target
# of the workspace (the node, the tools, every test) with one feature set, compiled by
# clippy-driver, which is rustc with clippy's lints (what `cargo clippy` runs, with `-D warnings`).
# So the lints run while the workspace's own crates compile, and no second pass checks the
# dependencies or compiles their build scripts again for another profile.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

command -v npm >/dev/null || fail "missing npm: install Node.js 20 and npm, and run again"

timings=()
step_name=""
step_start=$SECONDS
finish_step() {
	[ -n "$step_name" ] && timings+=("$(printf '%6ds  %s' $((SECONDS - step_start)) "$step_name")")
	step_name=""
}
step() {
	finish_step
	step_name="$*"
	step_start=$SECONDS
	printf '\n\033[1m== %s\033[0m\n' "$*"
}
report() {
	finish_step
	printf '\n\033[1m== time per step\033[0m\n'
	printf '%s\n' "${timings[@]}"
	printf '%6ds  total\n' "$SECONDS"
}
trap report EXIT

step "cargo fmt --check"
cargo fmt --all -- --check

step "docs/PERFORMANCE.md is the report of the committed weights and throughput run"
performance="$(mktemp)"
node scripts/benchmarks/report.mjs "$performance" >/dev/null
cmp docs/PERFORMANCE.md "$performance" && rm "$performance"

step "clippy compiles the workspace's crates: it refuses a crate with a lint"
source scripts/clippy-env.sh
bash scripts/clippy-canary.sh

step "build with clippy (-D warnings): the node, the tools and every test (release)"
cargo build --locked --release --workspace --all-targets

step "pallet, runtime, solvency simulator and incident tool tests"
cargo test --locked --release --workspace

step "the pallet with its benchmarks and try-runtime checks: clippy, benchmark and migration tests"
cargo test --locked --release -p pallet-security-pool --all-targets \
	--features runtime-benchmarks,try-runtime -- benchmark migration
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS

step "end-to-end tests (Polkadot.js against the node)"
bash scripts/test-e2e.sh

step "dashboard: build and browser tests (headless Chromium against the node)"
bash scripts/test-app.sh
