//! The published list end to end: synthetic losses, CSV, list, root, proofs and verification.

use pallet_security_pool::incidents::{leaf_of, verify_loss};
use security_pool_incident::{
	csv,
	list::{self, PublishedLeaf, PublishedList, MAX_ALL_PROOFS},
	losses::{parse_hash, Losses},
	synthetic,
};
use sp_core::H256;

/// The losses CSV of the first `victims` of the synthetic list `seed`.
fn synthetic_csv(victims: u32, seed: u64) -> Vec<u8> {
	let mut csv = Vec::new();
	synthetic::write_csv(&mut csv, victims, seed, 42).unwrap();
	csv
}

/// The published list of `losses` and its root.
fn published(losses: &Losses) -> (String, H256) {
	let root = losses.root();
	let mut json = Vec::new();
	list::write(&mut json, 42, losses, &root).unwrap();
	(String::from_utf8(json).unwrap(), root)
}

/// Checks the proofs of `indices` in the list of `victims` synthetic losses: each verifies with
/// its leaf, and not with its amount changed.
fn round_trip(victims: u32, indices: impl Iterator<Item = u32>) {
	let csv = synthetic_csv(victims, u64::from(victims));
	let losses = csv::parse(&csv, 42).unwrap();
	let (json, root) = published(&losses);
	let list = PublishedList::parse(json.as_bytes()).unwrap();
	let (summary, differences) = list.verify(&root).unwrap();
	assert!(differences.is_empty(), "{differences:?}");
	assert_eq!(summary.victims, victims);
	for index in indices {
		let loss = &losses.losses[index as usize];
		let proof = list.proof_of(loss.address).unwrap();
		assert_eq!((proof.index, proof.account), (index, loss.address));
		assert_eq!(proof.amount, loss.amount.to_string());
		let hashes: Vec<H256> = proof.proof.iter().map(|hash| parse_hash(hash).unwrap()).collect();
		let leaf = leaf_of(index, &loss.account, &loss.amount);
		assert!(verify_loss(&root, victims, index, &leaf, &hashes), "leaf {index} of {victims}");
		let tampered = leaf_of(index, &loss.account, &(loss.amount + 1));
		assert!(!verify_loss(&root, victims, index, &tampered, &hashes));
	}
}

#[test]
fn every_proof_verifies_at_odd_sizes() {
	for victims in [1, 2, 3, 5, 7] {
		round_trip(victims, 0..victims);
	}
	round_trip(1000, (0..1000).step_by(37).chain([998, 999]));
}

#[test]
fn all_proofs_are_the_proofs_of_each_account() {
	let csv = synthetic_csv(13, 3);
	let (json, _) = published(&csv::parse(&csv, 42).unwrap());
	let list = PublishedList::parse(json.as_bytes()).unwrap();
	let all = list.all_proofs().unwrap();
	assert_eq!(all.len(), 13);
	for (index, proof) in all.iter().enumerate() {
		assert_eq!(proof.index as usize, index);
		let alone = list.proof_of(proof.account).unwrap();
		assert_eq!(serde_json::to_string(proof).unwrap(), serde_json::to_string(&alone).unwrap());
	}
}

#[test]
fn verify_finds_a_changed_amount_and_a_wrong_root() {
	let csv = synthetic_csv(5, 9);
	let losses = csv::parse(&csv, 42).unwrap();
	let (json, root) = published(&losses);
	let amount = losses.losses[3].amount;
	let changed = json.replace(&format!("\"amount\":\"{amount}\""), "\"amount\":\"1\"");
	assert_ne!(changed, json);
	let (_, differences) = PublishedList::parse(changed.as_bytes()).unwrap().verify(&root).unwrap();
	assert_eq!(differences.len(), 3, "{differences:?}");
	assert!(
		differences[0].ends_with(&format!("expected {}", list::Summary::of(&losses, &root).root))
	);
	assert!(differences[1].starts_with("root: the leaves give 0x"));
	assert!(differences[1].contains(", the list states 0x"));
	let total = losses.total - amount + 1;
	assert_eq!(
		differences[2],
		format!("total: the leaves add up to {total}, the list states {}", losses.total)
	);
	// A proof of the changed list does not verify against its stated root.
	let changed = PublishedList::parse(changed.as_bytes()).unwrap();
	assert!(changed.proof_of(losses.losses[0].address).is_err());

	let list = PublishedList::parse(json.as_bytes()).unwrap();
	let wrong = H256::repeat_byte(1);
	let (summary, differences) = list.verify(&wrong).unwrap();
	assert_eq!(summary.root, format!("{root:?}"));
	assert_eq!(
		differences,
		[format!("root: the leaves give {root:?}, expected 0x{}", "01".repeat(32))]
	);
	let lying = json.replace("\"victims\":5", "\"victims\":6");
	let (_, differences) = PublishedList::parse(lying.as_bytes()).unwrap().verify(&root).unwrap();
	assert_eq!(differences, ["victims: the list has 5 leaves, it states 6"]);
}

#[test]
fn reading_a_list_checks_every_leaf() {
	let csv = synthetic_csv(4, 5);
	let losses = csv::parse(&csv, 42).unwrap();
	let (json, _) = published(&losses);
	let error = |json: &str| {
		format!("{:#}", PublishedList::parse(json.as_bytes()).unwrap().losses().err().unwrap())
	};
	assert_eq!(error(&json.replace("\"index\":2", "\"index\":7")), "leaf 2: index 7 at position 2");
	let second = losses.losses[1].address;
	assert_eq!(
		error(&json.replace(losses.losses[2].address, second)),
		format!("leaf 2: duplicate account `{second}` (first on leaf 1)")
	);
	assert_eq!(
		error(&json.replace("\"ss58Prefix\":42", "\"ss58Prefix\":0")),
		format!(
			"leaf 0: address `{}` is of network prefix 42, expected 0",
			losses.losses[0].address
		)
	);
	let amount = losses.losses[3].amount;
	assert_eq!(error(&json.replace(&amount.to_string(), "0")), "leaf 3: zero amount");
	assert!(
		PublishedList::parse(json.replace("\"version\":1", "\"version\":2").as_bytes()).is_err()
	);
}

#[test]
fn all_proofs_are_refused_above_the_limit() {
	let leaves = (0..=MAX_ALL_PROOFS as u32)
		.map(|index| PublishedLeaf { index, account: "", amount: "1" })
		.collect();
	let list =
		PublishedList { version: 1, ss58_prefix: 42, root: "0x", total: "0", victims: 0, leaves };
	assert_eq!(
		list.all_proofs().err().unwrap().to_string(),
		"the list has 100001 leaves: --all proves at most 100000, ask with --account"
	);
}
