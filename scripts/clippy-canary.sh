#!/usr/bin/env bash
# Proves that a build with RUSTC_WORKSPACE_WRAPPER and CLIPPY_ARGS (as scripts/test.sh sets them)
# runs clippy's lints as errors: a one-line crate with a lint must fail to build, naming the lint.
set -euo pipefail
: "${RUSTC_WORKSPACE_WRAPPER:?set by scripts/test.sh}" "${CLIPPY_ARGS:?set by scripts/test.sh}"
canary="$(mktemp -d)"
trap 'rm -rf "$canary"' EXIT
mkdir "$canary/src"
printf '[package]\nname = "clippy-canary"\nversion = "0.1.0"\nedition = "2021"\n[workspace]\n' \
	>"$canary/Cargo.toml"
printf 'fn main() {\n\tlet v = vec![1];\n\tassert!(v.len() == 0);\n}\n' >"$canary/src/main.rs"
if output=$(cd "$canary" && CARGO_TARGET_DIR="$canary/target" cargo build --offline 2>&1); then
	echo "a crate with a clippy lint built: clippy does not run as the workspace's compiler" >&2
	exit 1
fi
grep -q 'clippy::' <<<"$output" || { echo "$output" >&2; exit 1; }
echo "clippy refuses the canary crate: $(grep -o 'clippy::[a-z_-]*' <<<"$output" | sort -u | tr '\n' ' ')"
