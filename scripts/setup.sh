#!/usr/bin/env bash
# Installs what building and testing the chain needs, or says what is missing.
# Sourced by run-dev.sh and test.sh; safe to run again.
set -euo pipefail

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

apt_install() {
	if [ "$(id -u)" != 0 ]; then
		fail "missing $1: install it with 'sudo apt-get install -y $1' and run again"
	fi
	say "installing $1 with apt-get"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

command -v cargo >/dev/null || fail "missing cargo: install Rust with rustup (https://rustup.rs) and run again"
command -v protoc >/dev/null || apt_install protobuf-compiler
command -v g++ >/dev/null || apt_install g++

# The toolchain file names the targets and components; make sure they are present.
if command -v rustup >/dev/null; then
	installed=$(rustup target list --installed)
	for target in wasm32-unknown-unknown wasm32v1-none; do
		grep -qx "$target" <<<"$installed" || rustup target add "$target" >&2
	done
	rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src >&2
	rustup component list --installed | grep -q '^clippy' || rustup component add clippy >&2
	rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt >&2
fi

# One target dir, outside the clone, shared by every build and kept between runs.
# The wasm builder finds Cargo.lock through this when the target dir is outside the clone.
export WASM_BUILD_WORKSPACE_HINT="$(pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/security-pool/target}"
mkdir -p "$CARGO_TARGET_DIR"
export NODE_BINARY="$CARGO_TARGET_DIR/release/security-pool-node"
