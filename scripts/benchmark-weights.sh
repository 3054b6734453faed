#!/usr/bin/env bash
# Benchmarks the security pool and pallet_balances on this machine in one `benchmark pallet` run
# and writes their weights: pallets/security-pool/src/weights.rs and
# runtime/src/weights/pallet_balances.rs. Then run scripts/performance-report.sh.
#
#   STEPS=50 REPEAT=20 ./scripts/benchmark-weights.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"

# The runtime-benchmarks build gets a target dir of its own: the wasm builder writes a runtime to
# one path whatever its features, so the two builds must not share a target dir.
export CARGO_TARGET_DIR="${BENCH_TARGET_DIR:-$HOME/.cache/security-pool/bench-target}"
say "building the node with runtime-benchmarks into $CARGO_TARGET_DIR"
cargo build --locked --release -p security-pool-node --features runtime-benchmarks

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$CARGO_TARGET_DIR/release/security-pool-node" benchmark pallet \
	--chain dev \
	--pallet pallet_security_pool,pallet_balances \
	--extrinsic '*' \
	--steps "$STEPS" \
	--repeat "$REPEAT" \
	--wasm-execution compiled \
	--heap-pages 4096 \
	--template scripts/benchmarks/weights.hbs \
	--output "$out"

cp "$out/pallet_security_pool.rs" pallets/security-pool/src/weights.rs
cp "$out/pallet_balances.rs" runtime/src/weights/pallet_balances.rs

mkdir -p docs/performance
{
	echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
		"memory $(free -g | awk '/^Mem:/ {print $2}') GiB; $(uname -sr)."
	echo "- Toolchain: $(rustc --version)."
} > docs/performance/machine.txt
say "weights written; now run scripts/performance-report.sh"
