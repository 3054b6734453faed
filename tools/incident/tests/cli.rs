//! The compiled `security-pool-incident`: its exit codes, messages and the committed fixture.

use std::{
	fs,
	path::{Path, PathBuf},
	process::{Command, Output},
};

/// Runs the binary with `args`.
fn run(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_security-pool-incident"))
		.args(args)
		.output()
		.unwrap()
}

/// Runs the binary with `args`, expecting success; its stdout.
fn succeed(args: &[&str]) -> String {
	let output = run(args);
	assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
	String::from_utf8(output.stdout).unwrap()
}

/// Runs the binary with `args`, expecting exit code 1; its stderr.
fn fail(args: &[&str]) -> String {
	let output = run(args);
	assert_eq!(output.status.code(), Some(1), "{args:?}");
	String::from_utf8(output.stderr).unwrap()
}

/// A fresh directory for test `name`.
fn scratch(name: &str) -> PathBuf {
	let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("security-pool-incident").join(name);
	let _ = fs::remove_dir_all(&dir);
	fs::create_dir_all(&dir).unwrap();
	dir
}

/// `path` as an argument.
fn arg(path: &Path) -> &str {
	path.to_str().unwrap()
}

/// The value of `"key":` in a JSON object printed by the binary.
fn field(json: &str, key: &str) -> serde_json::Value {
	serde_json::from_str::<serde_json::Value>(json).unwrap()[key].clone()
}

#[test]
fn build_verify_and_prove() {
	let dir = scratch("build_verify_and_prove");
	let (csv, list) = (dir.join("losses.csv"), dir.join("list.json"));
	succeed(&["generate", "--victims", "6", "--seed", "4", "--out", arg(&csv)]);
	let summary = succeed(&["build", arg(&csv), "--out", arg(&list)]);
	assert_eq!(field(&summary, "victims"), 6);
	let root = field(&summary, "root").as_str().unwrap().to_owned();
	let total = field(&summary, "total").as_str().unwrap().to_owned();
	assert_eq!(
		succeed(&["verify", arg(&list), "--root", &root]),
		format!("ok: root {root} victims 6 total {total}\n")
	);

	let wrong = format!("0x{}", "ab".repeat(32));
	let stderr = fail(&["verify", arg(&list), "--root", &wrong]);
	assert_eq!(stderr, format!("error: root: the leaves give {root}, expected {wrong}\n"));

	// What was declared on chain: the total and the victims must be the list's.
	succeed(&["verify", arg(&list), "--root", &root, "--total", &total, "--victims", "6"]);
	let understated = (total.parse::<u128>().unwrap() / 2).to_string();
	let stderr = fail(&["verify", arg(&list), "--root", &root, "--total", &understated]);
	assert_eq!(
		stderr,
		format!("error: total: the leaves add up to {total}, declared {understated}\n")
	);
	let stderr = fail(&["verify", arg(&list), "--root", &root, "--victims", "5"]);
	assert_eq!(stderr, "error: victims: the list has 6 leaves, declared 5\n");

	let last = fs::read_to_string(&csv).unwrap().lines().last().unwrap().to_owned();
	let (account, amount) = last.split_once(',').unwrap();
	let proof = succeed(&["proof", arg(&list), "--account", account]);
	assert_eq!(field(&proof, "index"), 5);
	assert_eq!(field(&proof, "account"), account);
	assert_eq!(field(&proof, "amount"), amount);
	let all = succeed(&["proof", arg(&list), "--all"]);
	let all: serde_json::Value = serde_json::from_str(&all).unwrap();
	assert_eq!(all[5], serde_json::from_str::<serde_json::Value>(&proof).unwrap());

	let stranger = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	assert_eq!(
		fail(&["proof", arg(&list), "--account", stranger]),
		format!("error: {stranger} is not in the list\n")
	);

	// A changed amount: the list no longer gives the root, nor its own root and total.
	let json = fs::read_to_string(&list).unwrap();
	fs::write(&list, json.replace(&format!("\"amount\":\"{amount}\""), "\"amount\":\"7\""))
		.unwrap();
	let stderr = fail(&["verify", arg(&list), "--root", &root]);
	assert_eq!(stderr.lines().count(), 3, "{stderr}");
	assert!(stderr.lines().all(|line| line.starts_with("error: ")));
	assert!(stderr.contains("error: total: the leaves add up to"));
	assert!(fail(&["proof", arg(&list), "--account", account]).starts_with("error: "));
}

#[test]
fn build_errors_name_the_line() {
	let dir = scratch("build_errors_name_the_line");
	let (csv, list) = (dir.join("losses.csv"), dir.join("list.json"));
	let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	let bob = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
	let polkadot_alice = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5";
	for (text, error) in [
		(
			format!("account,amount\n{alice},1\n\n{alice},2\n"),
			format!("line 4: duplicate account `{alice}` (first on line 2)"),
		),
		(
			format!("{alice},1\n{polkadot_alice},2\n"),
			format!("line 2: address `{polkadot_alice}` is of network prefix 0, expected 42"),
		),
		(format!("{alice},1\n{bob},0\n"), "line 2: zero amount".into()),
		(
			format!("{alice},1\n{bob},2.5\n"),
			"line 2: amount `2.5` is not a non-negative integer".into(),
		),
		(format!("{alice},1,2\n"), "line 1: expected 2 fields `account,amount`, found 3".into()),
		("account,amount\n\n".into(), "no losses: the file has no `account,amount` line".into()),
	] {
		fs::write(&csv, text).unwrap();
		assert_eq!(fail(&["build", arg(&csv), "--out", arg(&list)]), format!("error: {error}\n"));
	}
	assert!(!list.exists());
	// Addresses of another network build with its prefix.
	fs::write(&csv, format!("{polkadot_alice},5\n")).unwrap();
	let summary = succeed(&["build", arg(&csv), "--out", arg(&list), "--ss58-prefix", "0"]);
	assert_eq!(field(&summary, "total"), "5");
	assert!(fs::read_to_string(&list)
		.unwrap()
		.starts_with("{\"version\":1,\"ss58Prefix\":0,"));
	let missing = dir.join("missing.csv");
	assert!(fail(&["build", arg(&missing), "--out", arg(&list)])
		.starts_with(&format!("error: reading {}: ", missing.display())));
}

#[test]
fn the_fixture_is_what_the_binary_makes() {
	let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
	let dir = scratch("the_fixture_is_what_the_binary_makes");
	let (csv, list) = (dir.join("losses.csv"), dir.join("list.json"));
	succeed(&["generate", "--victims", "7", "--seed", "7", "--out", arg(&csv)]);
	assert_eq!(fs::read(&csv).unwrap(), fs::read(fixtures.join("losses.csv")).unwrap());
	succeed(&["build", arg(&csv), "--out", arg(&list)]);
	assert_eq!(fs::read(&list).unwrap(), fs::read(fixtures.join("list.json")).unwrap());
	let proofs = succeed(&["proof", arg(&fixtures.join("list.json")), "--all"]);
	assert_eq!(proofs, fs::read_to_string(fixtures.join("proofs.json")).unwrap());
}
