#!/usr/bin/env bash
# Benchmarks, in one `benchmark pallet` run on this machine, the security pool, its council's
# motions (pallet-collective) and what every transaction of the runtime pays for: balance
# transfers, the transaction extensions and the fee charge (with the pool's fee hook). Writes pallets/security-pool/src/weights.rs and
# runtime/src/weights/*.rs. Then run scripts/performance-report.sh.
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
# `benchmark pallet` needs none of the storage benchmark's own test runtime: skip its wasm build.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
say "building the node with runtime-benchmarks into $CARGO_TARGET_DIR"
cargo build --locked --release -p security-pool-node --features runtime-benchmarks

out="$CARGO_TARGET_DIR/weights"
rm -rf "$out" && mkdir -p "$out"
"$CARGO_TARGET_DIR/release/security-pool-node" benchmark pallet \
	--chain dev \
	--pallet pallet_security_pool,pallet_collective,pallet_balances,frame_system_extensions,pallet_transaction_payment \
	--extrinsic '*' \
	--steps "$STEPS" \
	--repeat "$REPEAT" \
	--wasm-execution compiled \
	--heap-pages 4096 \
	--template scripts/benchmarks/weights.hbs \
	--output "$out"

# Stamp the weights with the pallet code they were measured on; the report refuses other code.
source_hash=$(node scripts/benchmarks/source.mjs)
sed -i "s|^//! Steps: .*|&\n//! Pallet source: $source_hash.|" "$out/pallet_security_pool.rs"
mv "$out/pallet_security_pool.rs" pallets/security-pool/src/weights.rs
cp "$out"/*.rs runtime/src/weights/

mkdir -p docs/performance
{
	echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
		"memory $(free -g | awk '/^Mem:/ {print $2}') GiB; $(uname -sr)."
	echo "- Toolchain: $(rustc --version)."
} > docs/performance/machine.txt
say "weights written; now run scripts/performance-report.sh"
