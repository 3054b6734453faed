# Sourced by test.sh and performance-report.sh: clippy-driver (rustc with clippy's lints, what
# `cargo clippy` runs) compiles the workspace's own crates, with `-D warnings`, through
# cargo-clippy's own interface: the wrapper of the workspace's crates and the lint arguments,
# joined as cargo-clippy joins them. One build serves both scripts, and the node they run.
export RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver)"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
