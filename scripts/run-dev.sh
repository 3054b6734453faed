#!/usr/bin/env bash
# Builds the node (first time: long) and runs a one-validator development chain:
# Alice authors and finalizes blocks, RPC on ws://127.0.0.1:9944, state in a temporary ParityDB.
# Extra arguments go to the node, e.g. `--base-path /tmp/chain` to keep the state.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release --locked -p security-pool-node
exec "$NODE_BINARY" --dev --rpc-cors all --rpc-port 9944 "$@"
