#!/usr/bin/env bash
# Measures votes and transfers included per second on a dev node through Polkadot.js and writes
# docs/PERFORMANCE.md from it and from the weights of scripts/benchmark-weights.sh.
#
#   ACCOUNTS=3000 ./scripts/performance-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --locked --release -p security-pool-node
npm run --silent ci-once
mkdir -p docs/performance
(cd e2e && node perf/throughput.js ../docs/performance/throughput.json)
node scripts/benchmarks/report.mjs
