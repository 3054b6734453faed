#!/usr/bin/env bash
# Measures votes and transfers included per second on a dev node through Polkadot.js and writes
# docs/PERFORMANCE.md from it and from the weights of scripts/benchmark-weights.sh.
#
#   ACCOUNTS=3000 ./scripts/performance-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

# The build of scripts/test.sh (every workspace target, compiled by clippy-driver): after a test
# run it is already there.
source scripts/clippy-env.sh
cargo build --locked --release --workspace --all-targets
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
npm run --silent ci-once
mkdir -p docs/performance
(cd e2e && node perf/throughput.js ../docs/performance/throughput.json)
node scripts/benchmarks/report.mjs
